"""Buurtfeest melden: a street party needs no permit, only a notice. The form says "ja, mits":
for each thing the organiser plans (closing the street, music, a big tent, a barbecue,
selling alcohol, many guests) a step appears that says what is needed to do it, and asks
the one thing we need to know. Conditions look at the answers of the step "onderdelen", so
the form works without JavaScript."""

from flask_babel import lazy_gettext as _l

from portal.requests.checks import date_from_today, max_length, whole_number
from portal.requests.definition import Choice, Field, FormDefinition, Step, when

YES_NO = (Choice("ja", _l("Ja")), Choice("nee", _l("Nee")))
# Whole hours; a party ends at 23.00 at the latest, so later is not a choice.
START_TIMES = tuple(Choice(f"{hour:02d}:00", _l("%(h)s.00 uur", h=hour)) for hour in range(9, 23))
END_TIMES = tuple(Choice(f"{hour:02d}:00", _l("%(h)s.00 uur", h=hour)) for hour in range(12, 24))

FORM = FormDefinition(
    product="buurtfeest-melden",
    steps=(
        Step(
            "feest",
            _l("Uw feest"),
            intro=_l(
                "Meld uw feest minstens 2 weken van tevoren. Dan kunnen wij op tijd antwoorden."
            ),
            fields=(
                Field(
                    "datum",
                    "date",
                    _l("Op welke dag is het feest?"),
                    hint=_l("Bijvoorbeeld 21 6 2026."),
                    required=_l("Vul de datum van het feest in."),
                    checks=(date_from_today(within_days=365),),
                ),
                Field(
                    "begintijd",
                    "select",
                    _l("Hoe laat begint het feest?"),
                    required=_l("Kies hoe laat het feest begint."),
                    choices=START_TIMES,
                ),
                Field(
                    "eindtijd",
                    "select",
                    _l("Hoe laat is het feest klaar?"),
                    hint=_l("Het feest is uiterlijk om 23.00 uur klaar. Dan slapen de buren."),
                    required=_l("Kies hoe laat het feest klaar is."),
                    choices=END_TIMES,
                ),
                Field(
                    "straat",
                    "text",
                    _l("In welke straat is het feest?"),
                    hint=_l("Bijvoorbeeld: Dorpsstraat, bij nummer 1 tot en met 25."),
                    required=_l("Vul de straat in waar het feest is."),
                    checks=(max_length(200),),
                    width=30,
                ),
                Field(
                    "aantal",
                    "radio",
                    _l("Hoeveel mensen komen er ongeveer?"),
                    required=_l("Kies hoeveel mensen er ongeveer komen."),
                    choices=(
                        Choice("tot-50", _l("Minder dan 50")),
                        Choice("50-250", _l("50 tot 250")),
                        Choice("meer-250", _l("Meer dan 250")),
                    ),
                ),
            ),
        ),
        Step(
            "onderdelen",
            _l("Wat komt er op uw feest?"),
            intro=_l("Daarna leest u per onderdeel wat er nodig is. Meestal kan het gewoon."),
            fields=(
                Field(
                    "afsluiten",
                    "radio",
                    _l("Wilt u de straat afsluiten voor auto's?"),
                    required=_l("Kies of u de straat wilt afsluiten."),
                    choices=YES_NO,
                ),
                Field(
                    "muziek",
                    "radio",
                    _l("Komt er muziek?"),
                    required=_l("Kies of er muziek komt."),
                    choices=(
                        Choice("geen", _l("Nee")),
                        Choice("zacht", _l("Ja, zachte muziek op de achtergrond")),
                        Choice("luid", _l("Ja, met grote boxen, een dj of een band")),
                    ),
                ),
                Field(
                    "tent",
                    "radio",
                    _l("Zet u een tent neer?"),
                    required=_l("Kies of u een tent neerzet."),
                    choices=(
                        Choice("geen", _l("Nee")),
                        Choice("klein", _l("Ja, een partytent tot 25 m²")),
                        Choice("groot", _l("Ja, een tent groter dan 25 m²")),
                    ),
                ),
                Field(
                    "eten_drinken",
                    "checkboxes",
                    _l("Is er eten of drinken?"),
                    hint=_l("Kies alles wat past."),
                    choices=(
                        Choice("eten", _l("Eten, zoals hapjes of een buffet")),
                        Choice("barbecue", _l("Een barbecue")),
                        Choice("alcohol-gratis", _l("Alcohol, gratis")),
                        Choice("alcohol-verkopen", _l("Alcohol die wij verkopen")),
                    ),
                ),
            ),
        ),
        Step(
            "groot-feest",
            _l("Een groot feest"),
            intro=_l(
                "Met meer dan 250 mensen is het een evenement. Dan heeft u meestal een "
                "vergunning nodig. Meld het feest toch hier. Wij zeggen u binnen 10 werkdagen "
                "wat er nodig is."
            ),
            show_if=when("aantal", "meer-250"),
            fields=(
                Field(
                    "groot_plan",
                    "textarea",
                    _l("Vertel kort wat u van plan bent"),
                    hint=_l("Bijvoorbeeld: een feest op het plein met een podium en 3 kramen."),
                    required=_l("Vertel kort wat u van plan bent."),
                    checks=(max_length(1000),),
                ),
            ),
        ),
        Step(
            "straat-afsluiten",
            _l("De straat afsluiten"),
            intro=_l(
                "Dat mag. De brandweer en de ambulance moeten er wel altijd door kunnen. Houd "
                "daarom een doorgang vrij van 3,5 meter breed. Wij sturen uw plan naar de "
                "hulpdiensten. Dranghekken kunt u gratis bij ons lenen."
            ),
            show_if=when("afsluiten", "ja"),
            fields=(
                Field(
                    "afsluiten_stuk",
                    "text",
                    _l("Welk stuk van de straat sluit u af?"),
                    hint=_l("Bijvoorbeeld: van nummer 1 tot en met 25."),
                    required=_l("Vul in welk stuk van de straat u afsluit."),
                    checks=(max_length(200),),
                    width=30,
                ),
                Field(
                    "hulpdiensten",
                    "textarea",
                    _l("Hoe komen de brandweer en de ambulance erdoor?"),
                    hint=_l(
                        "Bijvoorbeeld: de hekken staan aan één kant. Een buurman haalt ze weg "
                        "als dat nodig is."
                    ),
                    required=_l("Vertel hoe de hulpdiensten erdoor kunnen."),
                    checks=(max_length(1000),),
                    rows=4,
                ),
                Field(
                    "dranghekken",
                    "number",
                    _l("Hoeveel dranghekken wilt u lenen?"),
                    hint=_l(
                        "Laat leeg als u geen hekken wilt lenen. Wij lenen er maximaal 20 uit."
                    ),
                    checks=(whole_number(1, 20),),
                    width=3,
                ),
            ),
        ),
        Step(
            "muziek-afspraken",
            _l("Muziek"),
            intro=_l(
                "Muziek mag tot 23.00 uur. Zet de boxen met de voorkant naar het feest, niet "
                "naar de huizen. Vraagt een buur om het zachter te zetten? Doe dat dan."
            ),
            show_if=when("muziek", "luid"),
            fields=(
                Field(
                    "muziek_afspraak",
                    "boolean",
                    _l("Ik zet de muziek om 23.00 uur uit"),
                    required=_l("Spreek af dat de muziek om 23.00 uur uit gaat."),
                ),
            ),
        ),
        Step(
            "grote-tent",
            _l("Een grote tent"),
            intro=_l(
                "Een grote tent mag als hij stevig staat. Zet hem vast met haringen of "
                "gewichten. Zorg voor een nooduitgang en een brandblusser in de tent."
            ),
            show_if=when("tent", "groot"),
            fields=(
                Field(
                    "tent_m2",
                    "number",
                    _l("Hoe groot is de tent, in vierkante meters?"),
                    hint=_l("Bijvoorbeeld 40."),
                    required=_l("Vul in hoe groot de tent is."),
                    checks=(whole_number(26, 500),),
                    width=5,
                ),
                Field(
                    "tent_afspraak",
                    "boolean",
                    _l("Ik zorg voor een nooduitgang en een brandblusser"),
                    required=_l("Spreek af dat er een nooduitgang en een brandblusser zijn."),
                ),
            ),
        ),
        Step(
            "barbecue",
            _l("Een barbecue"),
            intro=_l(
                "Een barbecue op straat mag. Zet hem op 3 meter van huizen, auto's en tenten. "
                "Houd een emmer water of een blusdeken klaar."
            ),
            show_if=when("eten_drinken", "barbecue"),
            fields=(
                Field(
                    "barbecue_afspraak",
                    "boolean",
                    _l("Ik zet de barbecue veilig neer"),
                    required=_l("Spreek af dat u de barbecue veilig neerzet."),
                ),
            ),
        ),
        Step(
            "alcohol",
            _l("Alcohol verkopen"),
            intro=_l(
                "Alcohol verkopen mag met een ontheffing. Die vraagt u apart bij ons aan. "
                "Schenkt u alcohol gratis? Dan heeft u geen ontheffing nodig. Schenk nooit "
                "alcohol aan jongeren onder de 18 jaar."
            ),
            show_if=when("eten_drinken", "alcohol-verkopen"),
            fields=(
                Field(
                    "ontheffing",
                    "radio",
                    _l("Heeft u een ontheffing?"),
                    required=_l("Kies of u een ontheffing heeft."),
                    choices=(
                        Choice("ja", _l("Ja, die heb ik al")),
                        Choice("aanvragen", _l("Nee, ik vraag hem aan")),
                        Choice("gratis", _l("Nee, ik schenk toch gratis")),
                    ),
                ),
            ),
        ),
        Step(
            "buren",
            _l("Uw buren"),
            intro=_l(
                "Vertel uw buren op tijd over het feest, minstens een week van tevoren. Doe "
                "bijvoorbeeld een briefje in de bus. Zet erin wanneer het feest is en wie zij "
                "kunnen bellen."
            ),
            fields=(
                Field(
                    "buren",
                    "radio",
                    _l("Weten uw buren van het feest?"),
                    required=_l("Kies of uw buren van het feest weten."),
                    choices=(
                        Choice("ja", _l("Ja, zij weten het al")),
                        Choice("straks", _l("Nog niet. Ik vertel het hen op tijd.")),
                    ),
                ),
                Field(
                    "opruimen",
                    "boolean",
                    _l("Ik ruim na het feest alles op"),
                    required=_l("Spreek af dat u na het feest alles opruimt."),
                ),
            ),
        ),
    ),
    # On the day of the party we must be able to call the organiser.
    phone_required=True,
    declaration=_l("Ik organiseer dit feest en ik houd me aan de afspraken."),
    next_steps=(
        _l(
            "Wij bekijken uw melding. Sluit u de straat af? "
            "Dan sturen wij uw plan naar de hulpdiensten."
        ),
        _l("Binnen 10 werkdagen hoort u of het zo kan. Soms vragen wij u iets aan te passen."),
        _l("Leent u dranghekken? Dan hoort u waar en wanneer u ze ophaalt."),
    ),
)
