"""What the e-mails say, per event and per audience, in B1 Dutch (translated through Babel).

An e-mail only says that there is something new and where to read it: never the content of
a message, a status note, a decision or a reason. A line whose placeholders have no value
(no expected date, no due date) is left out, so one text serves cases with and without dates.
"""

import re
from dataclasses import dataclass

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class EmailText:
    subject: LazyString
    lines: tuple[LazyString, ...]
    action: LazyString


RESIDENT = {
    "received": EmailText(
        _l("Wij hebben uw aanvraag ontvangen (%(number)s)"),
        (
            _l("Wij hebben uw aanvraag ontvangen. Het zaaknummer is %(number)s."),
            _l("Wij verwachten dat uw zaak klaar is op %(expected)s."),
            _l("In MijnGemeente ziet u hoe het ervoor staat."),
        ),
        _l("Bekijk uw zaak"),
    ),
    "status_changed": EmailText(
        _l("Er is nieuws over uw zaak %(number)s"),
        (
            _l("Er is nieuws over uw zaak %(number)s."),
            _l("In MijnGemeente leest u wat er is veranderd en wat er nu gebeurt."),
        ),
        _l("Bekijk uw zaak"),
    ),
    "message": EmailText(
        _l("U heeft een nieuw bericht (%(number)s)"),
        (
            _l("Er staat een nieuw bericht voor u klaar. Het gaat over zaak %(number)s."),
            _l("U leest het bericht in MijnGemeente."),
        ),
        _l("Lees het bericht"),
    ),
    "task": EmailText(
        _l("Wij hebben iets van u nodig (%(number)s)"),
        (
            _l("Wij hebben nog iets van u nodig voor zaak %(number)s."),
            _l("Doe dit graag vóór %(due)s."),
            _l("In MijnGemeente leest u wat wij nodig hebben. U regelt het daar ook."),
        ),
        _l("Bekijk wat u moet doen"),
    ),
    "task_reminder": EmailText(
        _l("Herinnering: wij wachten op u (%(number)s)"),
        (
            _l("Wij wachten nog op iets van u voor zaak %(number)s."),
            _l("Doe dit graag vóór %(due)s."),
            _l("Zonder uw antwoord kunnen wij niet verder met uw zaak."),
        ),
        _l("Bekijk wat u moet doen"),
    ),
    "deadline_at_risk": EmailText(
        _l("Uw zaak %(number)s duurt misschien langer"),
        (
            _l("Wij hebben afgesproken dat uw zaak op %(expected)s klaar is."),
            _l("Het kan zijn dat dit niet lukt. Wij doen ons best."),
            _l("In MijnGemeente ziet u hoe het ervoor staat."),
        ),
        _l("Bekijk uw zaak"),
    ),
    "deadline_missed": EmailText(
        _l("Uw zaak %(number)s duurt langer dan afgesproken"),
        (
            _l("Wij hebben uw zaak niet op %(expected)s afgerond. Dat spijt ons."),
            _l("In MijnGemeente leest u waarom en wat er nu gebeurt."),
        ),
        _l("Bekijk uw zaak"),
    ),
    "case_closed": EmailText(
        _l("Uw zaak %(number)s is afgerond"),
        (
            _l("Uw zaak %(number)s is klaar. De uitkomst staat in MijnGemeente."),
            _l("Wat vond u van onze hulp? Geef ons een cijfer van 1 tot 10."),
            _l("Dat kost u een minuut. Zo kunnen wij beter worden."),
        ),
        _l("Bekijk de uitkomst en geef een cijfer"),
    ),
}

TEAM = {
    "deadline_at_risk": EmailText(
        _l("Zaak %(number)s haalt de norm misschien niet"),
        (
            _l("Zaak %(number)s moet klaar zijn op %(expected)s."),
            _l("Pak de zaak op. Lukt dat niet? Laat de inwoner dan weten waarom."),
            _l("De inwoner heeft ook bericht gekregen."),
        ),
        _l("Open de zaak"),
    ),
    "deadline_missed": EmailText(
        _l("Zaak %(number)s is te laat"),
        (
            _l("Zaak %(number)s had klaar moeten zijn op %(expected)s."),
            _l("De inwoner heeft bericht gekregen dat het langer duurt."),
            _l("Geef de inwoner een nieuwe datum en leg uit waarom."),
        ),
        _l("Open de zaak"),
    ),
}
TEAM["case_reopened"] = EmailText(
    _l("Zaak %(number)s is weer open"),
    (
        _l("De inwoner heeft zaak %(number)s weer geopend."),
        _l("In de zaak leest u waarom. Pak de zaak opnieuw op."),
    ),
    _l("Open de zaak"),
)
TEAM["case_reassigned"] = EmailText(
    _l("Zaak %(number)s is naar uw team gestuurd"),
    (
        _l("Een collega heeft zaak %(number)s naar uw team gestuurd."),
        _l("In de zaak leest u waarom. Pak de zaak op."),
    ),
    _l("Open de zaak"),
)
TEAM["case_assigned"] = EmailText(
    _l("Zaak %(number)s is aan u toegewezen"),
    (
        _l("Een collega heeft zaak %(number)s aan u toegewezen."),
        _l("U behandelt deze zaak nu. In de zaak leest u wat er al is gebeurd."),
    ),
    _l("Open de zaak"),
)
TEAM_DEFAULT = EmailText(
    _l("Er is nieuws over zaak %(number)s"),
    (_l("Er is nieuws over zaak %(number)s."),),
    _l("Open de zaak"),
)

# People who follow a report (melding) through its follow link, with or without an account:
# the reporter and residents who found it as a duplicate. The link is the follow link.
FOLLOWER = {
    "received": EmailText(
        _l("Wij hebben uw melding ontvangen (%(number)s)"),
        (
            _l("Bedankt voor uw melding. Het nummer is %(number)s."),
            _l("Met de knop hieronder ziet u hoe het ervoor staat. U heeft geen account nodig."),
            _l("Wij sturen u een e-mail als er nieuws is."),
            _l("Is het klaar, maar is het probleem er nog? Laat het ons dan weten."),
            _l("Dat kan tot %(days)s dagen nadat wij de melding hebben afgehandeld."),
        ),
        _l("Bekijk uw melding"),
    ),
    "following": EmailText(
        _l("U volgt melding %(number)s"),
        (
            _l("U volgt nu melding %(number)s."),
            _l("Wij sturen u een e-mail als er nieuws is."),
            _l("Met de knop hieronder ziet u hoe het ervoor staat. U heeft geen account nodig."),
        ),
        _l("Bekijk de melding"),
    ),
    "status_changed": EmailText(
        _l("Er is nieuws over melding %(number)s"),
        (
            _l("Er is nieuws over melding %(number)s."),
            _l("Met de knop hieronder leest u wat er is veranderd."),
        ),
        _l("Bekijk de melding"),
    ),
    "closed": EmailText(
        _l("Melding %(number)s is afgehandeld"),
        (
            _l("Wij hebben melding %(number)s afgehandeld."),
            _l("Met de knop hieronder leest u wat wij hebben gedaan."),
            _l("Is het probleem er nog? Op dezelfde pagina leest u wat u kunt doen."),
        ),
        _l("Bekijk de melding"),
    ),
    "merged": EmailText(
        _l("Er is nieuws over melding %(number)s"),
        (
            _l("Iemand anders heeft hetzelfde probleem ook gemeld."),
            _l("Wij behandelen de meldingen nu samen. U hoeft niets te doen."),
            _l("Met de knop hieronder ziet u hoe het ervoor staat."),
        ),
        _l("Bekijk de melding"),
    ),
    "reopened": EmailText(
        _l("Melding %(number)s is weer in behandeling"),
        (
            _l("Melding %(number)s is weer in behandeling."),
            _l("Het probleem is nog niet opgelost. Wij kijken er opnieuw naar."),
            _l("Met de knop hieronder ziet u hoe het ervoor staat."),
        ),
        _l("Bekijk de melding"),
    ),
}
# Whoever booked an appointment, with or without an account (`portal.appointments.notices`).
# Only the number, the date, the time and the place: what to bring is on the page the
# button opens (the manage link), and the ICS invitation is attached.
APPOINTMENT = {
    "booked": EmailText(
        _l("Uw afspraak op %(when)s"),
        (
            _l("Uw afspraak is gemaakt. Het nummer is %(number)s."),
            _l("Wanneer: %(when)s."),
            _l("Waar: %(where)s."),
            _l("In de bijlage zit de afspraak. Zo zet u hem in uw agenda."),
            _l("Met de knop hieronder leest u wat u moet meenemen."),
            _l("Daar kunt u de afspraak ook verzetten of annuleren. U heeft geen account nodig."),
        ),
        _l("Bekijk uw afspraak"),
    ),
    "changed": EmailText(
        _l("Uw afspraak is verzet naar %(when)s"),
        (
            _l("Uw afspraak %(number)s is verzet."),
            _l("De nieuwe tijd is %(when)s."),
            _l("Waar: %(where)s."),
            _l("Wij schreven er een bericht bij. U leest het met de knop hieronder.%(note)s"),
            _l("Met de bijlage zet u de nieuwe tijd in uw agenda."),
            _l("Met de knop hieronder kunt u de afspraak bekijken, verzetten of annuleren."),
        ),
        _l("Bekijk uw afspraak"),
    ),
    "cancelled": EmailText(
        _l("Uw afspraak op %(when)s gaat niet door"),
        (
            _l("Uw afspraak %(number)s op %(when)s is geannuleerd."),
            _l("Wij schreven er een bericht bij. U leest het met de knop hieronder.%(note)s"),
            _l("Met de bijlage haalt u de afspraak uit uw agenda."),
            _l("Wilt u toch een afspraak? Maak dan een nieuwe afspraak met de knop hieronder."),
        ),
        _l("Maak een nieuwe afspraak"),
    ),
    "reminder": EmailText(
        _l("Herinnering: uw afspraak op %(when)s"),
        (
            _l("Wij herinneren u aan uw afspraak %(number)s."),
            _l("Wanneer: %(when)s."),
            _l("Waar: %(where)s."),
            _l("Met de knop hieronder leest u wat u moet meenemen."),
            _l("Kunt u niet komen? Annuleer de afspraak dan."),
            _l("Dan kan iemand anders die tijd krijgen."),
        ),
        _l("Bekijk uw afspraak"),
    ),
}
# Audiences other areas register (`portal.notifications.audiences`), with their words.
# Someone who asked for a call-back without an account (`portal.questions.callback_links`):
# the link opens their request, to choose a new window or to give a mark.
CALLBACK = {
    "received": EmailText(
        _l("Wij bellen u terug (%(number)s)"),
        (
            _l("Bedankt voor uw terugbelverzoek. Het nummer is %(number)s."),
            _l("Wij bellen u %(window)s."),
            _l("Met de knop hieronder ziet u uw verzoek. U heeft geen account nodig."),
        ),
        _l("Bekijk uw verzoek"),
    ),
    "new_window": EmailText(
        _l("Wij konden u niet bereiken (%(number)s)"),
        (
            _l("Wij hebben u twee keer gebeld. Helaas kregen wij u niet te pakken."),
            _l("Kies met de knop hieronder een nieuw moment. Dan bellen wij u opnieuw."),
        ),
        _l("Kies een nieuw tijdvak"),
    ),
    "closed": EmailText(
        _l("Uw terugbelverzoek %(number)s is afgerond"),
        (
            _l("Wij hebben uw terugbelverzoek %(number)s afgerond."),
            _l("Wat vond u van ons gesprek? Geef ons een cijfer met de knop hieronder."),
        ),
        _l("Geef een cijfer"),
    ),
}
# Team leaders (`portal.dashboard.summary`): last week's figures of their team, on Monday.
TEAM_LEAD = {
    "weekly_summary": EmailText(
        _l("Weekoverzicht %(team)s, week %(week)s"),
        (
            _l("Dit zijn de cijfers van %(team)s over week %(week)s."),
            _l("Dat is van %(start)s tot en met %(end)s."),
            _l("Gemiddeld cijfer van inwoners: %(mark)s. Het doel is %(target_mark)s."),
            _l("Zaken op tijd afgerond: %(within_norm)s. Het doel is %(target_within_norm)s."),
            _l("Open zaken aan het eind van de week: %(open)s."),
            _l("Daarvan bijna te laat: %(at_risk)s. Te laat: %(late)s."),
            _l("Vragen in één keer beantwoord: %(first_contact)s."),
            _l("Het doel voor vragen is %(target_first_contact)s."),
            _l("Terugbelverzoeken binnen %(callback_days)s werkdagen gebeld: %(callbacks)s."),
            _l("Afspraken: %(used)s geweest, %(cancelled)s geannuleerd, %(no_show)s niet gekomen."),
            _l("Meldingen openbare ruimte: %(reports)s."),
            _l("Op het dashboard ziet u meer, ook wat inwoners schreven."),
        ),
        _l("Open het dashboard"),
    ),
}
AUDIENCE_TEXTS = {
    "follower": FOLLOWER,
    "appointment": APPOINTMENT,
    "callback": CALLBACK,
    "team_lead": TEAM_LEAD,
}

EMAIL_CONFIRMATION = EmailText(
    _l("Bevestig uw e-mailadres"),
    (
        _l("U heeft dit e-mailadres opgegeven in MijnGemeente."),
        _l("Bevestig het adres met de knop hieronder. De link werkt %(hours)s uur."),
        _l("Heeft u dit niet zelf gedaan? Dan hoeft u niets te doen."),
    ),
    _l("Bevestig mijn e-mailadres"),
)

GREETING = _l("Goedendag,")
SIGN_OFF = _l("Met vriendelijke groet,")
# Why the person gets this e-mail and how to stop it; phishing advice, since real mail
# from a municipality is what phishers copy.
FOOTER_RESIDENT = (
    _l("U krijgt deze e-mail omdat u berichten per e-mail wilt krijgen."),
    _l("Dat kunt u veranderen bij Mijn gegevens in MijnGemeente."),
)
FOOTER_ADDRESS = (_l("Wij sturen u alleen e-mail als u dit adres bevestigt."),)
FOOTER_FOLLOWER = (
    _l("U krijgt deze e-mail omdat u deze melding volgt."),
    _l("Wilt u geen e-mail meer? Kies dan Stop met volgen op de pagina van de melding."),
)
FOOTER_APPOINTMENT = (
    _l("U krijgt deze e-mail omdat u een afspraak heeft gemaakt bij de gemeente."),
    _l("Stuur deze e-mail niet door. Met de knop kan iemand anders uw afspraak veranderen."),
)
# Why an added audience gets its e-mails, by audience name.
FOOTER_CALLBACK = (_l("U krijgt deze e-mail omdat u ons vroeg om u terug te bellen."),)
FOOTER_TEAM_LEAD = (
    _l("U krijgt deze e-mail omdat u teamleider bent. Elke maandag krijgt u de vorige week."),
)
AUDIENCE_FOOTERS = {
    "appointment": FOOTER_APPOINTMENT,
    "callback": FOOTER_CALLBACK,
    "team_lead": FOOTER_TEAM_LEAD,
}
FOOTER_ALL = (
    _l("Dit is een automatische e-mail. U kunt hierop niet antwoorden."),
    _l("Wij vragen u nooit per e-mail om uw inloggegevens."),
)
LINK_INTRO = _l("Of kopieer deze link naar uw browser:")
# The closing e-mail asks for the mark itself: each number opens the portal with it chosen.
MARKS_INTRO = _l("Welk cijfer geeft u ons? Klik op een cijfer. 1 is heel slecht, 10 is heel goed.")

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def filled(text: LazyString, params: dict) -> str | None:
    """The text in the current language with its values, or None when a value is missing.

    A value of True only switches the line on and prints nothing: "Wij schreven er een
    bericht bij ...%(note)s" is shown when there is a note, without its content."""
    wording = str(text)
    names = _PLACEHOLDER.findall(wording)
    if any(params.get(name) in (None, "", False) for name in names):
        return None
    return wording % {name: "" if params[name] is True else params[name] for name in names}


def text_for(event: str, audience: str) -> EmailText:
    if audience == "address":
        return EMAIL_CONFIRMATION
    if audience == "team":
        return TEAM.get(event, TEAM_DEFAULT)
    if audience in AUDIENCE_TEXTS:
        return AUDIENCE_TEXTS[audience][event]
    return RESIDENT[event]
