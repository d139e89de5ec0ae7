"""The rules every change to a case (zaak) shares, and the look-ups other areas use.

Creating a case is in `portal.cases.creation`; assigning, status changes, questions to the
resident, messages, documents and closing are in `portal.cases.handling`. This module holds what
both use and what other areas read:

    now() / today();  stored_text(text);  CaseError
    audit(case, action, actor, detail=None);  notify(event, case, payload=None);  notify_team(...)
    get_case(number) / get_case_by_key(key) -> Case | None;  team_queue(team) -> list[Case]
    party_of(case);  actor_label(actor);  is_late(case);  require_open(case);  staff_ref(person)

`party` is a `portal.auth.principal.Party`; `actor`, `handler` and `sender` are a `Principal`
(staff for the back office, the resident for the portal) or None for the system. Every
function flushes and never commits: the caller's request commits once. Each change writes the
status history and the case's audit trail (CaseEvent) and enqueues the matching notification
with `portal.notifications.outbox.enqueue` in the same transaction, so nothing is sent for a
change that was rolled back.

Payloads hold no content (no message text, no answers): e-mails only say there is news.
A notification meant for the team rather than the resident carries
`payload["recipient"] == "team"` and `payload["team_email"]` (the handler's address when the
case has a handler, else the team mailbox).

Errors a caller can show are `CaseError` with a B1 message.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.auth.principal import Party
from portal.cases.calendar import NormStatus, norm_status
from portal.cases.models import Case, CaseEvent, StatusChange
from portal.cases.texts import WAITING_FOR_RESIDENT, team_contact
from portal.extensions import db
from portal.notifications import berichtenbox, outbox

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


_FALLBACK_NAMES = {
    "representative": _l("Een gemachtigde"),
    "digid": _l("De inwoner"),
    "eherkenning": _l("Het bedrijf"),
    "staff": _l("Een medewerker"),
}


class CaseError(ValueError):
    """A change that is not allowed; the message is B1 Dutch and can be shown as is."""


def stored_text(text) -> str:
    """Text that is saved with the case is data, kept in Dutch (the source language), whatever
    the language of the request or job that wrote it."""
    with force_locale("nl"):
        return str(text)


def now() -> datetime:
    """Naive UTC, as stored; a function so tests can move the clock."""
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    """The date in the municipality, which decides working days."""
    return now().replace(tzinfo=UTC).astimezone(AMSTERDAM).date()


def party_of(case: Case) -> Party:
    return Party(kind=case.party_kind, identifier=case.party_identifier, branch=case.party_branch)


def actor_label(actor) -> str:
    """How an actor is named in the history: "Sanne Bakker namens Henk Bakker" for a mandate.

    A DigiD token carries no name; without one the label says the role, never an identifier.
    """
    if actor is None:
        return current_app.config["MUNICIPALITY_NAME"]
    representative = getattr(actor, "acts_for_other", False)
    name = actor.display_name or stored_text(
        _FALLBACK_NAMES.get("representative" if representative else actor.means, _l("Onbekend"))
    )
    if representative and actor.represented_name:
        return stored_text(_l("%(name)s namens %(other)s", name=name, other=actor.represented_name))
    return name


def notify(event: str, case: Case, payload: dict | None = None) -> None:
    """Enqueue the e-mail; a status change, task or decision also goes to the Berichtenbox."""
    base = {"number": case.number, "product": case.product_slug}
    outbox.enqueue(event, case=case, party=party_of(case), payload={**base, **(payload or {})})
    berichtenbox.record(event, case, payload or {})


def notify_team(event: str, case: Case, payload: dict | None = None) -> None:
    """Tell the back office: the handler when the case has one with an address, else the
    team mailbox."""
    address = case.handler_email or team_contact(case.team).email
    notify(event, case, {"recipient": "team", "team_email": address, **(payload or {})})


def audit(case: Case, action: str, actor, detail: dict | None = None) -> None:
    db.session.add(
        CaseEvent(
            case=case,
            action=action,
            actor_label=actor_label(actor),
            detail=detail,
            created_at=now(),
        )
    )


def _record_status(case: Case, status: str, note: str | None, actor) -> None:
    case.status = status
    case.updated_at = now()
    case.history.append(
        StatusChange(
            status=status,
            note_for_resident=(note or "").strip() or None,
            actor_label=actor_label(actor),
            created_at=case.updated_at,
        )
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def get_case_by_key(idempotency_key: str) -> Case | None:
    return db.session.scalars(select(Case).where(Case.idempotency_key == idempotency_key)).first()


def get_case(number: str) -> Case | None:
    return db.session.scalars(select(Case).where(Case.number == number)).first()


def team_queue(team: str, *, include_closed: bool = False) -> list[Case]:
    """The cases of a team, the ones due first at the top."""
    query = select(Case).where(Case.team == team)
    if not include_closed:
        query = query.where(Case.closed_at.is_(None))
    query = query.order_by(Case.expected_completion.is_(None), Case.expected_completion, Case.id)
    return list(db.session.scalars(query))


def is_late(case: Case) -> bool:
    """The expected date has passed while the case was ours to finish (not waiting on the
    resident, whose clock stands still)."""
    if case.is_closed or case.status == WAITING_FOR_RESIDENT:
        return False
    return norm_status(case.expected_completion, today()) == NormStatus.LATE


def require_open(case: Case) -> None:
    if case.is_closed:
        raise CaseError(_l("Deze zaak is al afgerond. U kunt niets meer wijzigen."))


def staff_ref(person) -> str:
    """How a handler is recognised on a case: the staff id from sign-in, else the name."""
    return getattr(person, "staff_id", "") or person.display_name
