"""Verhuizing doorgeven: the new address is looked up in the BAG. When many people are
already registered there, the case is flagged for a closer look; the person is not told,
because their request is received as normal."""

from flask_babel import lazy_gettext as _l

from portal.components import limits
from portal.requests.blocks import person_address, person_name
from portal.requests.checks import date_recent, house_number, max_length, postcode
from portal.requests.definition import (
    AddressLookup,
    Choice,
    Field,
    FormDefinition,
    Step,
    when,
)

FORM = FormDefinition(
    product="verhuizing-doorgeven",
    steps=(
        Step(
            "nu",
            _l("Waar woont u nu?"),
            intro=_l("Dit staat nu in de BRP. Dat is de lijst van alle inwoners van Nederland."),
            facts=(
                person_name(),
                person_address("huidig_adres", required=_l("Vul het adres in waar u nu woont.")),
            ),
        ),
        Step(
            "nieuw-adres",
            _l("Wat is uw nieuwe adres?"),
            intro=_l("Wij zoeken het adres op. U hoeft de straat niet in te vullen."),
            fields=(
                Field(
                    "postcode",
                    "text",
                    _l("Postcode"),
                    hint=_l("Bijvoorbeeld 9999 AA."),
                    required=_l("Vul de postcode van uw nieuwe adres in."),
                    checks=(postcode(),),
                    max_length=limits.POSTCODE,
                    autocomplete="postal-code",
                    width=10,
                ),
                Field(
                    "huisnummer",
                    "text",
                    _l("Huisnummer"),
                    required=_l("Vul het huisnummer van uw nieuwe adres in."),
                    checks=(house_number(),),
                    max_length=limits.HOUSE_NUMBER,
                    width=5,
                    inputmode="numeric",
                ),
                Field(
                    "toevoeging",
                    "text",
                    _l("Huisletter of toevoeging"),
                    hint=_l("Bijvoorbeeld B of 2."),
                    max_length=limits.HOUSE_NUMBER_ADDITION,
                    width=5,
                ),
            ),
            lookup=AddressLookup(
                label=_l("Nieuw adres"),
                postcode="postcode",
                number="huisnummer",
                addition="toevoeging",
                store_as="nieuw_adres",
                review_from_residents=7,
            ),
        ),
        Step(
            "straat",
            _l("Vul uw nieuwe adres verder in"),
            intro=_l("Wij kunnen het adres nu niet opzoeken. Vul de straat en de plaats zelf in."),
            show_if=when("nieuw_adres_gecontroleerd", "nee"),
            fields=(
                Field(
                    "straat",
                    "text",
                    _l("Straat"),
                    required=_l("Vul de straat van uw nieuwe adres in."),
                    checks=(max_length(80),),
                    autocomplete="address-line1",
                    width=30,
                ),
                Field(
                    "woonplaats",
                    "text",
                    _l("Woonplaats"),
                    required=_l("Vul de woonplaats van uw nieuwe adres in."),
                    checks=(max_length(80),),
                    autocomplete="address-level2",
                    width=20,
                ),
            ),
        ),
        Step(
            "wanneer",
            _l("Wanneer verhuist u?"),
            fields=(
                Field(
                    "verhuisdatum",
                    "date",
                    _l("Verhuisdatum"),
                    hint=_l(
                        "De dag dat u op het nieuwe adres gaat wonen. Vul dag, maand en jaar in."
                    ),
                    required=_l("Vul de datum in waarop u verhuist."),
                    checks=(date_recent(5),),
                ),
                Field(
                    "met_wie",
                    "radio",
                    _l("Verhuist u alleen?"),
                    required=_l("Kies of u alleen verhuist."),
                    choices=(
                        Choice("alleen", _l("Ja, ik verhuis alleen")),
                        Choice("samen", _l("Nee, er verhuizen mensen met mij mee")),
                    ),
                ),
            ),
        ),
        Step(
            "wie",
            _l("Wie verhuizen er met u mee?"),
            show_if=when("met_wie", "samen"),
            fields=(
                Field(
                    "meeverhuizers",
                    "textarea",
                    _l("Wie verhuizen er met u mee?"),
                    hint=_l("Schrijf per persoon de naam en de geboortedatum op."),
                    required=_l("Schrijf op wie er met u mee verhuizen."),
                    checks=(max_length(1000),),
                    rows=4,
                ),
            ),
        ),
    ),
    declaration=_l("Ik woon vanaf de verhuisdatum op het nieuwe adres."),
    next_steps=(
        _l("Wij controleren uw nieuwe adres."),
        _l("Klopt alles? Dan zetten wij uw nieuwe adres in de BRP. U krijgt daarover bericht."),
    ),
)
