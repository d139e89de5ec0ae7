"""What residents read about a case: status names, "wat gebeurt er nu", results, teams.

Cases store codes; the words live here so they are translated and can be improved without
touching stored rows. Status codes are Dutch domain words (ontvangen, in_behandeling, wacht_op_u,
besluit, afgerond), result codes too (toegekend, deels_toegekend, afgewezen, afgehandeld,
ingetrokken, doorgestuurd).
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

RECEIVED = "ontvangen"
IN_PROGRESS = "in_behandeling"
WAITING_FOR_RESIDENT = "wacht_op_u"
DECIDING = "besluit"
CLOSED = "afgerond"

# The order of the timeline on the case page.
STATUS_ORDER = [RECEIVED, IN_PROGRESS, WAITING_FOR_RESIDENT, DECIDING, CLOSED]
# Statuses a handler may choose; closing goes through close_case because it needs a result.
OPEN_STATUSES = [RECEIVED, IN_PROGRESS, WAITING_FOR_RESIDENT, DECIDING]

STATUS_LABELS = {
    RECEIVED: _l("Ontvangen"),
    IN_PROGRESS: _l("In behandeling"),
    WAITING_FOR_RESIDENT: _l("Wij wachten op u"),
    DECIDING: _l("Wij nemen een besluit"),
    CLOSED: _l("Afgerond"),
}

WHAT_HAPPENS_NEXT = {
    RECEIVED: _l(
        "Wij hebben uw aanvraag ontvangen. Een medewerker gaat ermee aan de slag. "
        "U hoeft nu niets te doen."
    ),
    IN_PROGRESS: _l(
        "Een medewerker werkt aan uw aanvraag. Hebben wij nog iets van u nodig? "
        "Dan krijgt u een bericht."
    ),
    WAITING_FOR_RESIDENT: _l(
        "Wij hebben nog iets van u nodig. Kijk hieronder bij 'Wat u nog moet doen'. "
        "Daarna gaan wij verder."
    ),
    DECIDING: _l(
        "Wij hebben alles wat nodig is. Wij nemen nu een besluit. "
        "U krijgt de uitkomst in uw Berichtenbox."
    ),
    CLOSED: _l("Uw zaak is klaar. Hieronder leest u de uitkomst."),
}

GRANTED = "toegekend"
PARTLY_GRANTED = "deels_toegekend"
REFUSED = "afgewezen"
DONE = "afgehandeld"
WITHDRAWN = "ingetrokken"
REFERRED = "doorgestuurd"

RESULT_LABELS = {
    GRANTED: _l("Toegekend"),
    PARTLY_GRANTED: _l("Deels toegekend"),
    REFUSED: _l("Afgewezen"),
    DONE: _l("Afgehandeld"),
    WITHDRAWN: _l("Ingetrokken"),
    REFERRED: _l("Doorgestuurd naar een andere organisatie"),
}
# A "no", a partial "no" or a hand-over must always say why.
RESULTS_NEEDING_REASON = {PARTLY_GRANTED, REFUSED, REFERRED}

DOCUMENT_KINDS = {
    "ontvangstbevestiging": _l("Ontvangstbevestiging"),
    "besluit": _l("Besluit"),
    "bijlage": _l("Bijlage"),
    "antwoord": _l("Uw antwoord"),
}

# Why an upload was refused (`portal.cases.files.FileRejected.reason`), for the field's error.
FILE_ERRORS = {
    "type": _l("Dit bestand kunnen wij niet openen. Kies een PDF, JPG of PNG."),
    "size": _l("Dit bestand is te groot. Kies een bestand van maximaal 10 MB."),
    "empty": _l("Dit bestand is leeg. Kies een ander bestand."),
}


@dataclass(frozen=True)
class Team:
    name: str
    phone: str
    email: str


# Contact details per team; the catalogue names the team of each product. The phone number is
# the municipality's general 14 + area code number, which routes to the team.
TEAMS = {
    "burgerzaken": Team(_l("Team Burgerzaken"), "14 0123", "burgerzaken@voorbeeld.example"),
    "wmo": Team(_l("Team Wmo"), "14 0123", "wmo@voorbeeld.example"),
    "vergunningen": Team(_l("Team Vergunningen"), "14 0123", "vergunningen@voorbeeld.example"),
    "parkeren": Team(_l("Team Parkeren"), "14 0123", "parkeren@voorbeeld.example"),
    "openbare-ruimte": Team(
        _l("Team Openbare ruimte"), "14 0123", "buitenruimte@voorbeeld.example"
    ),
    "afval": Team(_l("Team Afval"), "14 0123", "afval@voorbeeld.example"),
    "klantcontact": Team(_l("Klantcontactcentrum"), "14 0123", "info@voorbeeld.example"),
}
DEFAULT_TEAM = "klantcontact"


def team_contact(team: str) -> Team:
    return TEAMS.get(team, TEAMS[DEFAULT_TEAM])
