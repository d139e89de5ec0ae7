"""The rules of the back office: which cases a handler sees, a case's norm status, and the
staff actions, each audited (the team queue itself is `work_queue`).

A handler works on the cases of their own team; a handler who is also an administrator may
open every team's queue. A case of another team answers as if it does not exist. The actions
call the cases services (which keep the case history and enqueue the notifications) and
record a security event with `portal.auth.audit.record_event`. Nothing here commits.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from portal.auth import staff_roster
from portal.auth.audit import record_event
from portal.cases import handling as case_handling
from portal.cases import services as cases
from portal.cases.calendar import (
    NormStatus,
    norm_status,
)
from portal.cases.models import Case
from portal.cases.texts import REFUSED, TEAMS, WAITING_FOR_RESIDENT
from portal.extensions import db

# While a case waits for the resident the norm clock stands still (see portal.cases.deadlines).
PAUSED = "paused"
NORM_STATES = (NormStatus.ON_TIME.value, NormStatus.AT_RISK.value, NormStatus.LATE.value, PAUSED)


@dataclass(frozen=True)
class Colleague:
    """A handler to assign a case to; the shape `portal.cases.handling.assign` reads."""

    display_name: str
    staff_id: str
    email: str = ""


def is_admin(principal) -> bool:
    return "admin" in (principal.roles or ())


def teams_for(principal) -> list[str]:
    """The queues a handler may open: their own team, or every team for an administrator."""
    if is_admin(principal):
        return list(TEAMS)
    return [principal.team] if principal.team else []


def may_handle(principal, case: Case) -> bool:
    return case.team in teams_for(principal)


def case_for_staff(principal, number: str) -> Case | None:
    case = cases.get_case(number)
    if case is None or not may_handle(principal, case):
        return None
    return case


def handler_ref(principal) -> str:
    """How a handler is recognised on a case (the cases services store the same value)."""
    return cases.staff_ref(principal)


def case_norm(case: Case, today: date) -> str:
    if case.is_closed:
        return NormStatus.ON_TIME.value
    if case.status == WAITING_FOR_RESIDENT:
        return PAUSED
    return norm_status(case.expected_completion, today).value


def colleagues(principal, case: Case) -> list[Colleague]:
    """Handlers of the case's team to choose from: the signed-in handler first, then the
    team's case handlers in the staff roster, then everyone else who has handled a case of
    the team and is not marked inactive in the roster (brokers that send the team keep no
    roster, so past handlers are the only directory there is)."""
    me = Colleague(principal.display_name, handler_ref(principal), principal.email)
    seen = {me.staff_id: me}
    for member in staff_roster.team_members(case.team):
        if member.staff_id not in seen:
            seen[member.staff_id] = Colleague(member.name, member.staff_id, member.email)
    handlers = db.session.execute(
        select(Case.handler_ref, Case.handler_name, Case.handler_email)
        .where(
            Case.team == case.team,
            Case.handler_ref.is_not(None),
            Case.handler_name.is_not(None),
        )
        .distinct()
        .order_by(Case.handler_ref)
    )
    for ref, name, email in handlers:
        if ref and name and ref not in seen and not staff_roster.is_inactive(ref):
            seen[ref] = Colleague(name, ref, email or "")
    return [me, *sorted((c for c in seen.values() if c != me), key=lambda c: c.display_name)]


def _audit(action: str, principal, case: Case, result: str = "success") -> None:
    record_event(f"backoffice.{action}", result, principal=principal, target=case.number)


def record_view(case: Case, principal) -> None:
    """Opening a case shows the resident's answers: that is processing personal data."""
    _audit("case_viewed", principal, case)


def record_download(case: Case, principal) -> None:
    """Opening a document of the case is processing it, like opening the case."""
    _audit("document_downloaded", principal, case)


def record_refused(number: str, principal) -> None:
    record_event("backoffice.case_refused", "refused", principal=principal, target=number)


def assign(case: Case, handler: Colleague, principal) -> None:
    """Make `handler` the case's handler. A colleague other than oneself gets an e-mail,
    when the roster or an earlier case gives an address (else the case history shows it)."""
    case_handling.assign(case, handler, actor=principal)
    _audit("case_assigned", principal, case)
    if handler.staff_id != handler_ref(principal) and handler.email:
        cases.notify_team("case_assigned", case, {"by": principal.display_name})


def change_status(case: Case, status: str, note: str | None, principal) -> None:
    case_handling.change_status(case, status, note, principal)
    _audit("status_changed", principal, case)


def request_information(case: Case, text: str, due: date | None, principal) -> None:
    case_handling.request_information(case, text, due, actor=principal)
    _audit("information_requested", principal, case)


def send_message(case: Case, text: str, principal) -> None:
    case_handling.send_message(case, text, principal)
    _audit("message_sent", principal, case)


def attach_document(case: Case, upload, kind: str, principal) -> None:
    case_handling.attach_document(case, upload, kind, actor=principal)
    _audit("document_attached", principal, case)


def close_case(case: Case, result: str, reason: str | None, principal) -> None:
    case_handling.close_case(case, result, reason, principal)
    if result == REFUSED:
        from portal.payments.services import refund_for_refusal

        refund_for_refusal(case, principal)  # a refused request gets its fee back
    _audit("case_closed", principal, case)


def extend_deadline(case: Case, new_date: date, reason: str, principal) -> None:
    case_handling.extend_deadline(case, new_date, reason, principal)
    _audit("deadline_extended", principal, case)
