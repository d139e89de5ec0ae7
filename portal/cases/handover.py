"""Passing a case on: to another team of ours, or warmly to a partner organisation.

    reassign_to_team(case, team, note, actor) -> None
    hand_over_to_partner(case, handover, actor) -> str   (the text the resident reads)

Passing on inside the organisation keeps the case open: the new team gets it in its queue
(without a handler, so someone there picks it up), a mail to its mailbox, and the reason in
the audit trail; the resident reads a status note in B1. A warm hand-over to a partner
closes our case with result "doorgestuurd" and says who will contact the resident, how,
and by when, so nobody has to start again. Both flush and never commit; `services` keeps
the history, the audit trail and the notifications.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import force_locale, format_date
from flask_babel import lazy_gettext as _l

from portal.cases import handling, services
from portal.cases.models import Case
from portal.cases.texts import OPEN_STATUSES, RECEIVED, REFERRED, TEAMS, team_contact
from portal.extensions import db

NOTE_MAX = 1000
NAME_MAX = 200
CONTACT_MAX = 200
# A hand-over promises contact soon; a date further away is a typing error.
LATEST_DAYS = 60
QUESTION_PRODUCT = "algemene-vraag"

# How the partner will contact the resident (code → the words in the resident's text).
BY_PHONE = "bellen"
BY_EMAIL = "mailen"
BY_LETTER = "brief"
HOW = {
    BY_PHONE: _l("Zij bellen u"),
    BY_EMAIL: _l("Zij sturen u een e-mail"),
    BY_LETTER: _l("Zij sturen u een brief"),
}
HOW_CHOICES = {
    BY_PHONE: _l("Zij bellen de inwoner"),
    BY_EMAIL: _l("Zij mailen de inwoner"),
    BY_LETTER: _l("Zij sturen de inwoner een brief"),
}


@dataclass(frozen=True)
class Handover:
    """Who takes the case over, how they will contact the resident, and by when.
    `partner_contact` (a phone number or website) lets the resident reach them first."""

    partner: str
    how: str
    by: date
    partner_contact: str = ""


def _subject(case: Case) -> str:
    return "vraag" if case.product_slug == QUESTION_PRODUCT else "zaak"


def reassigned_note(case: Case, team: str) -> str:
    """What the resident reads, in Dutch as cases store their texts."""
    name = team_contact(team).name
    if _subject(case) == "vraag":
        text = _l("Uw vraag is doorgestuurd naar %(team)s. Zij helpen u verder.", team=name)
    else:
        text = _l("Uw zaak is doorgestuurd naar %(team)s. Zij helpen u verder.", team=name)
    return services.stored_text(text)


def reassign_to_team(case: Case, team: str, note: str, actor) -> None:
    """Send the case to `team` with a note for that team; the resident is told."""
    services.require_open(case)
    if team not in TEAMS:
        raise services.CaseError(_l("Kies een team uit de lijst."))
    if team == case.team:
        raise services.CaseError(_l("De zaak hoort al bij dit team. Kies een ander team."))
    note = (note or "").strip()
    if not note:
        raise services.CaseError(_l("Schrijf voor het andere team op waarom u de zaak doorstuurt."))
    if len(note) > NOTE_MAX:
        raise services.CaseError(_l("De uitleg is te lang. Gebruik maximaal 1000 tekens."))
    previous = case.team
    case.team = team
    # The new team decides who handles it; the old handler no longer sees the case.
    case.handler_name = case.handler_ref = case.handler_email = None
    status = case.status if case.status in OPEN_STATUSES else RECEIVED
    handling.change_status(case, status, reassigned_note(case, team), actor)
    services.audit(case, "reassigned", actor, {"from": previous, "to": team, "note": note})
    services.notify_team("case_reassigned", case, {"from_team": previous})
    db.session.flush()


def handover_text(case: Case, handover: Handover) -> str:
    """The resident's explanation: who, how, by when, and how to reach them first. In
    Dutch, as cases store their texts."""
    with force_locale("nl"):
        when = format_date(handover.by, "EEEE d MMMM y")
    what = _subject(case)
    lines = [
        _l(
            "Wij hebben uw %(what)s doorgegeven aan %(partner)s.",
            what=what,
            partner=handover.partner,
        ),
        _l("%(how)s uiterlijk %(date)s.", how=HOW[handover.how], date=when),
        _l("U hoeft uw %(what)s niet opnieuw te stellen.", what=what),
    ]
    if handover.partner_contact:
        lines.append(
            _l(
                "Wilt u hen zelf bereiken? Dat kan via %(contact)s.",
                contact=handover.partner_contact,
            )
        )
    return " ".join(services.stored_text(line) for line in lines)


def check_handover(handover: Handover) -> None:
    if not handover.partner.strip():
        raise services.CaseError(_l("Vul de naam van de organisatie in."))
    if len(handover.partner) > NAME_MAX or len(handover.partner_contact) > CONTACT_MAX:
        raise services.CaseError(_l("Dit is te lang. Gebruik maximaal 200 tekens."))
    if handover.how not in HOW:
        raise services.CaseError(_l("Kies hoe de organisatie contact opneemt."))
    today = services.today()
    if handover.by < today:
        raise services.CaseError(_l("Deze datum is al voorbij. Kies vandaag of later."))
    if handover.by > today + timedelta(days=LATEST_DAYS):
        raise services.CaseError(_l("Kies een datum binnen 60 dagen na vandaag."))


def hand_over_to_partner(case: Case, handover: Handover, actor) -> str:
    """Close the case with result "doorgestuurd" and the hand-over text; returns the text."""
    services.require_open(case)
    handover = Handover(
        partner=handover.partner.strip(),
        how=handover.how,
        by=handover.by,
        partner_contact=handover.partner_contact.strip(),
    )
    check_handover(handover)
    text = handover_text(case, handover)
    services.audit(
        case,
        "handed_over",
        actor,
        {"partner": handover.partner, "how": handover.how, "by": handover.by.isoformat()},
    )
    handling.close_case(case, REFERRED, text, actor)
    return text
