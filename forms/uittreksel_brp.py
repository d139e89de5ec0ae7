"""Uittreksel BRP: only register data, the person chooses which extract and what for."""

from flask_babel import lazy_gettext as _l

from portal.requests.blocks import person_address, person_name
from portal.requests.checks import max_length
from portal.requests.definition import Choice, Fact, Field, FormDefinition, Step, when

FORM = FormDefinition(
    product="uittreksel-brp",
    steps=(
        Step(
            "gegevens",
            _l("Uw gegevens"),
            intro=_l(
                "Deze gegevens komen op het uittreksel. Wij halen ze uit de BRP. Dat is de lijst "
                "van alle inwoners van Nederland."
            ),
            facts=(
                person_name(),
                Fact(
                    "geboortedatum",
                    _l("Geboortedatum"),
                    "person.birth_date",
                    required=_l("Vul uw geboortedatum in."),
                    kind="date",
                    autocomplete="bday",
                ),
                person_address(),
            ),
        ),
        Step(
            "soort",
            _l("Welk uittreksel heeft u nodig?"),
            fields=(
                Field(
                    "soort",
                    "radio",
                    _l("Welk uittreksel heeft u nodig?"),
                    hint=_l("Weet u het niet? Vraag het aan wie het uittreksel wil hebben."),
                    required=_l("Kies welk uittreksel u nodig heeft."),
                    choices=(
                        Choice("huidig", _l("Met mijn gegevens van nu")),
                        Choice("historisch", _l("Met ook mijn vorige adressen")),
                    ),
                ),
                Field(
                    "doel",
                    "radio",
                    _l("Waar gebruikt u het uittreksel?"),
                    required=_l("Kies waar u het uittreksel gebruikt."),
                    choices=(
                        Choice("nederland", _l("In Nederland")),
                        Choice("buitenland", _l("In het buitenland")),
                    ),
                ),
            ),
        ),
        Step(
            "buitenland",
            _l("Gebruik in het buitenland"),
            show_if=when("doel", "buitenland"),
            fields=(
                Field(
                    "land",
                    "text",
                    _l("In welk land gebruikt u het uittreksel?"),
                    hint=_l("Sommige landen willen een extra stempel. Wij zetten die erop."),
                    required=_l("Vul in in welk land u het uittreksel gebruikt."),
                    checks=(max_length(60),),
                    autocomplete="country-name",
                    width=20,
                ),
            ),
        ),
    ),
    declaration=_l("Ik vraag dit uittreksel aan voor mijzelf, of met een machtiging."),
    next_steps=(_l("Wij maken het uittreksel. U krijgt het binnen 1 werkdag."),),
)
