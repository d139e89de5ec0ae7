"""Hulp bij het huishouden (Wmo melding): a short form that takes the question in the
person's own words. The Wmo team calls back to make an appointment."""

from flask_babel import lazy_gettext as _l

from portal.requests.blocks import person_address, person_name
from portal.requests.checks import max_length
from portal.requests.definition import Choice, Field, FormDefinition, Step

FORM = FormDefinition(
    product="hulp-bij-het-huishouden",
    steps=(
        Step(
            "gegevens",
            _l("Voor wie is de hulp?"),
            facts=(
                person_name(required=_l("Vul de volledige naam in.")),
                person_address(required=_l("Vul het adres in.")),
            ),
        ),
        Step(
            "vraag",
            _l("Uw vraag"),
            intro=_l("U hoeft niet alles te weten. In het gesprek kijken wij samen verder."),
            fields=(
                Field(
                    "vraag",
                    "textarea",
                    _l("Wat vindt u lastig in huis? Vertel het in uw eigen woorden."),
                    hint=_l("Bijvoorbeeld: ik kan niet meer stofzuigen door mijn rug."),
                    required=_l("Vertel wat u lastig vindt. Een paar zinnen is genoeg."),
                    checks=(max_length(2000),),
                    rows=6,
                ),
                Field(
                    "hulp_nu",
                    "radio",
                    _l("Krijgt u nu al hulp?"),
                    required=_l("Kies of u nu al hulp krijgt."),
                    choices=(
                        Choice("mensen", _l("Ja, van familie, vrienden of buren")),
                        Choice("organisatie", _l("Ja, van een zorgorganisatie")),
                        Choice("nee", _l("Nee")),
                    ),
                ),
                Field(
                    "bellen",
                    "radio",
                    _l("Wanneer kunnen wij u het best bellen?"),
                    required=_l("Kies wanneer wij u het best kunnen bellen."),
                    choices=(
                        Choice("ochtend", _l("In de ochtend")),
                        Choice("middag", _l("In de middag")),
                        Choice("maakt-niet-uit", _l("Dat maakt niet uit")),
                    ),
                ),
            ),
        ),
    ),
    phone_required=True,
    declaration=_l("Ik stel deze vraag voor mijzelf, of met een machtiging."),
    next_steps=(
        _l(
            "Een medewerker van het Wmo-team belt u binnen 5 werkdagen. Dat team helpt u als "
            "u thuis hulp nodig heeft."
        ),
        _l("Samen maakt u een afspraak voor een gesprek. Dat kan bij u thuis."),
        _l("Na het gesprek krijgt u binnen 6 weken een besluit."),
    ),
)
