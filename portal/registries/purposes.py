"""Purposes (doelbinding) for every register lookup.

A lookup without a purpose is not possible: the purpose decides which fields the register is
asked for (data minimisation) and is written to the processing log. Each purpose carries a
description in plain Dutch, shown to residents on "Wie heeft mijn gegevens bekeken" after
"Waarom:". It names no one, so it reads right for the person and for a representative.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

# Field groups as Haal Centraal BRP Personen Bevragen v2 names them.
NAME = ("naam",)
BIRTH = ("geboorte.datum",)
ADDRESS = ("verblijfplaats", "adresseerbaarObjectIdentificatie")
HOUSEHOLD = (
    "partners.burgerservicenummer",
    "partners.naam",
    "partners.geboorte.datum",
    "kinderen.burgerservicenummer",
    "kinderen.naam",
    "kinderen.geboorte.datum",
)


@dataclass(frozen=True)
class Purpose:
    code: str
    description: object  # a lazy string: translated when shown
    person_fields: tuple[str, ...]
    # The mandate service a representative needs for this purpose; None when the caller
    # checks the mandate of its own product (a prefilled request form).
    mandate_service: str | None = None

    def __str__(self) -> str:
        return self.code


MIJN_GEGEVENS = Purpose(
    "mijn-gegevens",
    _l("Om de gegevens te laten zien op de pagina Mijn gegevens."),
    ("burgerservicenummer", *NAME, *BIRTH, *ADDRESS, *HOUSEHOLD),
    mandate_service="persoonsgegevens",
)
PREFILL_REQUEST = Purpose(
    "aanvraag-invullen",
    _l("Om een aanvraag alvast in te vullen."),
    ("burgerservicenummer", *NAME, *BIRTH, *ADDRESS),
)
CHECK_MOVE = Purpose(
    "verhuizing-controleren",
    _l("Om een verhuizing naar een nieuw adres te controleren."),
    ("burgerservicenummer", *ADDRESS),
)
SHOW_NAME = Purpose(
    "naam-tonen",
    _l("Om de naam te laten zien aan iemand die met een machtiging zaken regelt."),
    ("burgerservicenummer", *NAME),
)
SIGNED_IN_NAME = Purpose(
    "naam-na-inloggen",
    _l("Om uw naam te laten zien nadat u bent ingelogd."),
    ("burgerservicenummer", *NAME),
)
HANDLE_CASE = Purpose(
    "zaak-behandelen",
    _l("Om een aanvraag of vraag te behandelen."),
    ("burgerservicenummer", *NAME, *BIRTH, *ADDRESS),
)

# Only the address: a signed-in resident is offered it as the place of a report.
REPORT_PLACE = Purpose(
    "melding-plek",
    _l("Om uw adres voor te stellen als plek van een melding."),
    ("burgerservicenummer", *ADDRESS),
)

ALL = (
    MIJN_GEGEVENS,
    PREFILL_REQUEST,
    CHECK_MOVE,
    SHOW_NAME,
    SIGNED_IN_NAME,
    HANDLE_CASE,
    REPORT_PLACE,
)
BY_CODE = {purpose.code: purpose for purpose in ALL}
