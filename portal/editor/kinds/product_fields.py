"""The fields of the product editor, in the order the form shows them: first what a
resident reads (Dutch and English side by side), then the facts."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.editor.kinds import catalog_data as catalog
from portal.editor.kinds.base import Field

AUDIENCE_CHOICES = (
    ("resident", _l("Inwoners (DigiD)")),
    ("company", _l("Ondernemers (eHerkenning)")),
    ("representative", _l("Iemand die het voor een ander regelt (machtiging)")),
    ("anonymous", _l("Iedereen, zonder in te loggen")),
)
DIGID_CHOICES = (
    ("basis", _l("DigiD basis")),
    ("midden", _l("DigiD midden")),
    ("substantieel", _l("DigiD substantieel")),
    ("hoog", _l("DigiD hoog")),
)
EHERKENNING_CHOICES = (
    ("eh2", _l("eHerkenning EH2")),
    ("eh2plus", _l("eHerkenning EH2+")),
    ("eh3", _l("eHerkenning EH3")),
    ("eh4", _l("eHerkenning EH4")),
)
CHANNEL_CHOICES = (
    ("form", _l("Online formulier")),
    ("appointment", _l("Afspraak")),
    ("referral", _l("Doorverwijzen naar een andere organisatie")),
)
# Version data fact → key in Product.partner.
PARTNER_FACTS = (
    ("partner_name", "name"),
    ("partner_url", "url"),
    ("partner_phone", "phone"),
    ("partner_email", "email"),
    ("partner_answer_days", "answer_days"),
)


def _fixed(choices: tuple) -> callable:
    return lambda: [(code, str(label)) for code, label in choices]


LEVEL_HINT = _l("Leeg: deze groep hoeft niet in te loggen.")

FIELDS = (
    Field("name", _l("Naam"), "line", localized=True, required=True, max_length=200),
    Field(
        "summary",
        _l("Korte uitleg"),
        "text",
        localized=True,
        required=True,
        max_length=500,
        hint=_l("Eén of twee zinnen. Staat bovenaan de pagina en in de zoekresultaten."),
    ),
    Field("body", _l("Hoe gaat het?"), "markdown", localized=True),
    Field("who", _l("Voor wie?"), "markdown", localized=True),
    Field(
        "needs",
        _l("Wat heeft u nodig?"),
        "lines",
        localized=True,
        hint=_l("Eén ding per regel."),
    ),
    Field("cost_text", _l("Wat kost het?"), "markdown", localized=True),
    Field("norm_text", _l("Hoe lang duurt het?"), "text", localized=True),
    Field(
        "conditions",
        _l("Ja, mits"),
        "markdown",
        localized=True,
        hint=_l("Wanneer het kan, en waar iemand dan op moet letten."),
    ),
    Field(
        "contact_text",
        _l("Contact"),
        "markdown",
        localized=True,
        hint=_l("Bij een afspraak: hoe maakt u die. Bij doorverwijzen: wat de organisatie doet."),
    ),
    Field(
        "synonyms",
        _l("Andere woorden voor dit product"),
        "lines",
        localized=True,
        checked=False,
        hint=_l("Eén per regel. Woorden die mensen gebruiken. Zo vindt de zoekfunctie het."),
    ),
    Field(
        "audiences",
        _l("Voor wie"),
        "multichoice",
        required=True,
        choices=_fixed(AUDIENCE_CHOICES),
    ),
    Field(
        "level_resident",
        _l("Inlogniveau voor inwoners"),
        "choice",
        choices=_fixed(DIGID_CHOICES),
        hint=LEVEL_HINT,
    ),
    Field(
        "level_representative",
        _l("Inlogniveau voor iemand met een machtiging"),
        "choice",
        choices=_fixed(DIGID_CHOICES),
        hint=LEVEL_HINT,
    ),
    Field(
        "level_company",
        _l("Inlogniveau voor ondernemers"),
        "choice",
        choices=_fixed(EHERKENNING_CHOICES),
        hint=LEVEL_HINT,
    ),
    Field(
        "cost_cents",
        _l("Kosten in centen"),
        "number",
        hint=_l("Bijvoorbeeld 1610 voor € 16,10. Leeg als het niets kost of als het verschilt."),
    ),
    Field(
        "handling_level",
        _l("Behandelniveau"),
        "number",
        required=True,
        hint=_l("1 (meteen klaar) tot en met 5 (een andere organisatie helpt)."),
    ),
    Field(
        "handling_level_max",
        _l("Hoogste behandelniveau"),
        "number",
        hint=_l("Alleen als het niveau van de vraag afhangt. Anders leeg."),
    ),
    Field(
        "channel",
        _l("Hoe regelen inwoners dit?"),
        "choice",
        required=True,
        choices=_fixed(CHANNEL_CHOICES),
    ),
    Field(
        "form_slug",
        _l("Formulier"),
        "choice",
        choices=catalog.form_choices,
        hint=_l("Leeg: het eigen formulier van dit product."),
    ),
    Field(
        "appointment_type", _l("Soort afspraak"), "choice", choices=catalog.appointment_type_choices
    ),
    Field(
        "report_category", _l("Soort melding"), "choice", choices=catalog.report_category_choices
    ),
    Field("partner_name", _l("Naam van de organisatie"), "line", max_length=200),
    Field("partner_url", _l("Website van de organisatie"), "url", max_length=300),
    Field("partner_phone", _l("Telefoonnummer van de organisatie"), "line", max_length=40),
    Field("partner_email", _l("E-mailadres van de organisatie"), "line", max_length=254),
    Field(
        "partner_answer_days",
        _l("Binnen hoeveel werkdagen antwoordt de organisatie?"),
        "line",
        max_length=3,
        hint=_l("Een getal, zoals 10. Inwoners zien dan wanneer zij uiterlijk antwoord krijgen."),
    ),
    Field(
        "life_events",
        _l("Hoort bij deze levensgebeurtenissen"),
        "multichoice",
        choices=catalog.life_event_choices,
    ),
    Field(
        "upl_uri",
        _l("UPL-adres"),
        # An identifier, not a link (the UPL writes it with http://): product_rules checks it.
        "line",
        max_length=300,
        hint=_l(
            "Uit de Uniforme Productnamenlijst, bijvoorbeeld "
            "http://standaarden.overheid.nl/owms/terms/parkeervergunning."
        ),
    ),
    Field(
        "sdg_code",
        _l("SDG-code"),
        "line",
        max_length=10,
        hint=_l("De code voor de Single Digital Gateway, bijvoorbeeld A1."),
    ),
    Field(
        "staff_notes",
        _l("Notities voor medewerkers"),
        "text",
        internal=True,
        hint=_l("Alleen medewerkers van het klantcontactcentrum zien dit."),
    ),
)
