"""Purposes (doelbinding) for every register lookup.

A lookup without a purpose is not possible: the purpose decides which fields the register is
asked for (data minimisation) and is written to the processing log. Each purpose carries a
description in plain Dutch, shown to residents on "Wie heeft mijn gegevens bekeken" after
"Waarom:". It names no one, so it reads right for the person and for a representative.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

# `fields` paths of BRP API Personen 2.7.0: each one is in the spec's fields-Persoon.csv
# (tests/registries/test_brp_contract.py checks). The BRP adds inOnderzoek,
# geheimhoudingPersoonsgegevens, opschortingBijhouding and rni by itself; asking for them is a
# 400, so no purpose names them, yet every answer carries them.
NAME = (
    "naam.voornamen",
    "naam.voorvoegsel",
    "naam.geslachtsnaam",
    "naam.adellijkeTitelPredicaat",
    "naam.aanduidingNaamgebruik",
)
# The partner's name: with name use P, V or N the name a person goes by includes it. Asked
# where the resident is addressed (sign-in, Mijn gegevens, letters), not to show a name to a
# representative.
PARTNER_NAME = ("partners.naam.voorvoegsel", "partners.naam.geslachtsnaam")
# "heer" or "mevrouw" in a salutation (display.salutation).
SEX = ("geslacht.code",)
BIRTH = ("geboorte.datum",)
# `type` tells a street address from a location (houseboat), abroad or unknown; the BAG id
# lives inside verblijfplaats (a top-level `adresseerbaarObjectIdentificatie` is a 400).
ADDRESS = (
    "verblijfplaats.type",
    "verblijfplaats.verblijfadres",
    "verblijfplaats.adresseerbaarObjectIdentificatie",
)
HOUSEHOLD = (
    "partners.burgerservicenummer",
    "partners.naam",
    "partners.geboorte.datum",
    "kinderen.burgerservicenummer",
    "kinderen.naam",
    "kinderen.geboorte.datum",
)


def fields(*paths: str) -> tuple[str, ...]:
    """The paths once each, without those a wider path already asks for
    ("partners.naam.voorvoegsel" when "partners.naam" is there)."""
    unique = tuple(dict.fromkeys(paths))
    return tuple(
        path
        for path in unique
        if not any(path.startswith(other + ".") for other in unique if other != path)
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
    fields("burgerservicenummer", *NAME, *PARTNER_NAME, *SEX, *BIRTH, *ADDRESS, *HOUSEHOLD),
    mandate_service="persoonsgegevens",
)
PREFILL_REQUEST = Purpose(
    "aanvraag-invullen",
    _l("Om een aanvraag alvast in te vullen."),
    fields("burgerservicenummer", *NAME, *BIRTH, *ADDRESS),
)
CHECK_MOVE = Purpose(
    "verhuizing-controleren",
    _l("Om een verhuizing naar een nieuw adres te controleren."),
    fields("burgerservicenummer", *ADDRESS),
)
SHOW_NAME = Purpose(
    "naam-tonen",
    _l("Om de naam te laten zien aan iemand die met een machtiging zaken regelt."),
    fields("burgerservicenummer", *NAME),
)
SIGNED_IN_NAME = Purpose(
    "naam-na-inloggen",
    _l("Om uw naam te laten zien nadat u bent ingelogd."),
    fields("burgerservicenummer", *NAME, *PARTNER_NAME, *SEX),
)
HANDLE_CASE = Purpose(
    "zaak-behandelen",
    _l("Om een aanvraag of vraag te behandelen."),
    fields("burgerservicenummer", *NAME, *PARTNER_NAME, *SEX, *BIRTH, *ADDRESS),
)

# Only the address: a signed-in resident is offered it as the place of a report.
REPORT_PLACE = Purpose(
    "melding-plek",
    _l("Om uw adres voor te stellen als plek van een melding."),
    fields("burgerservicenummer", *ADDRESS),
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
