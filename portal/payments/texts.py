"""What the resident and the back office read about a payment's status."""

from flask_babel import format_currency
from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "open": _l("Wacht op betaling"),
    "pending": _l("Wacht op betaling"),
    "paid": _l("Betaald"),
    "failed": _l("Niet gelukt"),
    "canceled": _l("Gestopt"),
    "expired": _l("Verlopen"),
}

HEADINGS = {
    "open": _l("Wacht op betaling"),
    "pending": _l("Wacht op betaling"),
    "paid": _l("Wij hebben uw betaling ontvangen"),
    "failed": _l("De betaling is niet gelukt"),
    "canceled": _l("U heeft de betaling gestopt"),
    "expired": _l("De tijd om te betalen is voorbij"),
}

EXPLANATIONS = {
    "open": _l(
        "Wij hebben uw betaling nog niet ontvangen. Heeft u net betaald? "
        "Dan duurt het soms even. Kijk over een paar minuten opnieuw."
    ),
    "pending": _l("Uw bank verwerkt de betaling nog. Kijk over een paar minuten opnieuw."),
    "paid": _l("Wij verwerken uw aanvraag."),
    "failed": _l("Er is geen geld afgeschreven. Uw aanvraag is nog niet verstuurd."),
    "canceled": _l("Er is geen geld afgeschreven. Uw aanvraag is nog niet verstuurd."),
    "expired": _l("Er is geen geld afgeschreven. Uw aanvraag is nog niet verstuurd."),
}

REFUND_LABELS = {
    "queued": _l("Aangevraagd"),
    "pending": _l("Aangevraagd"),
    "processing": _l("Wordt verwerkt"),
    "refunded": _l("Terugbetaald"),
    "failed": _l("Niet gelukt: betaal het bedrag zelf terug"),
}

REFUND_REASONS = {
    "refused": _l("Aanvraag afgewezen"),
    "paid_twice": _l("Twee keer betaald"),
    "no_request": _l("Aanvraag niet meer gevonden"),
}


def amount(cents: int) -> str:
    return format_currency(cents / 100, "EUR")
