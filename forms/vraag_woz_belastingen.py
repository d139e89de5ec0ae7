"""Vraag over de WOZ of belastingen: the partner organisation handles it. The form takes the
question and hands it over; the case records to whom."""

from flask_babel import lazy_gettext as _l

from portal.requests.checks import max_length
from portal.requests.definition import Choice, Field, FormDefinition, Step

FORM = FormDefinition(
    product="vraag-woz-belastingen",
    referral=True,
    steps=(
        Step(
            "vraag",
            _l("Uw vraag"),
            fields=(
                Field(
                    "onderwerp",
                    "radio",
                    _l("Waar gaat uw vraag over?"),
                    required=_l("Kies waar uw vraag over gaat."),
                    choices=(
                        Choice(
                            "woz",
                            _l("De WOZ-waarde van mijn huis (de waarde volgens de gemeente)"),
                        ),
                        Choice(
                            "aanslag",
                            _l("Mijn aanslag (de brief over de belasting) of het betalen ervan"),
                        ),
                        Choice("bezwaar", _l("Bezwaar maken")),
                        Choice(
                            "kwijtschelding", _l("Kwijtschelding: ik kan de belasting niet betalen")
                        ),
                        Choice("anders", _l("Iets anders")),
                    ),
                ),
                Field(
                    "vraag",
                    "textarea",
                    _l("Wat is uw vraag?"),
                    required=_l("Schrijf uw vraag op."),
                    checks=(max_length(2000),),
                ),
                Field(
                    "aanslagnummer",
                    "text",
                    _l("Nummer van de aanslag"),
                    hint=_l("Dit staat bovenaan uw aanslag."),
                    checks=(max_length(30),),
                    width=20,
                ),
            ),
        ),
    ),
    declaration=_l(
        "Ik vind het goed dat de gemeente mijn vraag en mijn gegevens doorstuurt naar de "
        "Belastingsamenwerking Voorbeeldregio."
    ),
)
