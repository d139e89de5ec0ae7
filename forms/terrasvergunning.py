"""Terrasvergunning: for companies (eHerkenning). Company and branch come from the KVK; the
entrepreneur adds the size, the season and a drawing."""

from flask_babel import lazy_gettext as _l

from portal.requests.checks import whole_number
from portal.requests.definition import Choice, Fact, Field, FormDefinition, Step

FORM = FormDefinition(
    product="terrasvergunning",
    steps=(
        Step(
            "bedrijf",
            _l("Uw bedrijf"),
            intro=_l("Deze gegevens komen uit het Handelsregister van de KVK."),
            facts=(
                Fact(
                    "bedrijfsnaam",
                    _l("Naam van het bedrijf"),
                    "company.name",
                    required=_l("Vul de naam van uw bedrijf in."),
                    autocomplete="organization",
                ),
                Fact(
                    "kvk_nummer",
                    _l("KVK-nummer"),
                    "company.kvk",
                    required=_l("Vul het KVK-nummer van uw bedrijf in."),
                ),
                Fact(
                    "vestiging",
                    _l("Vestiging"),
                    "branch.name",
                    required=_l("Vul de naam van de vestiging in."),
                ),
                Fact(
                    "vestigingsadres",
                    _l("Adres van de vestiging"),
                    "branch.address",
                    required=_l("Vul het adres van de vestiging in."),
                    autocomplete="street-address",
                ),
            ),
        ),
        Step(
            "terras",
            _l("Uw terras"),
            fields=(
                Field(
                    "oppervlakte_m2",
                    "number",
                    _l("Hoe groot wordt het terras, in vierkante meters?"),
                    hint=_l("Bijvoorbeeld 24."),
                    required=_l("Vul in hoe groot het terras wordt."),
                    checks=(whole_number(1, 500),),
                    width=5,
                ),
                Field(
                    "tafels",
                    "number",
                    _l("Hoeveel tafels zet u op het terras?"),
                    required=_l("Vul in hoeveel tafels u op het terras zet."),
                    checks=(whole_number(1, 100),),
                    width=3,
                ),
                Field(
                    "periode",
                    "radio",
                    _l("Wanneer staat het terras er?"),
                    required=_l("Kies wanneer het terras er staat."),
                    choices=(
                        Choice("zomer", _l("Van 1 april tot en met 30 september")),
                        Choice("jaarrond", _l("Het hele jaar")),
                    ),
                ),
            ),
        ),
        Step(
            "tekening",
            _l("Tekening van het terras"),
            intro=_l("Op de tekening staan de maten van het terras en de plek van de tafels."),
            fields=(
                Field(
                    "tekening",
                    "file",
                    _l("Tekening"),
                    hint=_l(
                        "Een PDF, JPG of PNG van maximaal 10 MB. U kunt 3 bestanden toevoegen."
                    ),
                    required=_l("Voeg een tekening van het terras toe."),
                    max_files=3,
                ),
            ),
        ),
    ),
    declaration=_l("Ik mag voor dit bedrijf een vergunning aanvragen."),
    next_steps=(
        _l("Wij bekijken uw aanvraag en de tekening."),
        _l("Hebben wij meer van u nodig? Dan vragen wij dat in Mijn zaken."),
        _l("U krijgt binnen 8 weken een besluit. Dat is de termijn uit de wet."),
    ),
)
