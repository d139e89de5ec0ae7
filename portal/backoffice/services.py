"""The rules of the back office: which cases a handler sees, the queue with its norm status,
and the staff actions, each audited.

A handler works on the cases of their own team; a handler who is also an administrator may
open every team's queue. A case of another team answers as if it does not exist. The actions
call the cases services (which keep the case history and enqueue the notifications) and
record a security event with `portal.auth.audit.record_event`. Nothing here commits.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from portal.auth.audit import record_event
from portal.cases import services as cases
from portal.cases.calendar import NormStatus, norm_status
from portal.cases.models import Case, Feedback
from portal.cases.texts import TEAMS, WAITING_FOR_RESIDENT
from portal.extensions import db

PER_PAGE = 25
# While a case waits for the resident the norm clock stands still (see portal.cases.deadlines).
PAUSED = "paused"
NORM_STATES = (NormStatus.ON_TIME.value, NormStatus.AT_RISK.value, NormStatus.LATE.value, PAUSED)


@dataclass(frozen=True)
class Colleague:
    """A handler to assign a case to; the shape `portal.cases.services.assign` reads."""

    display_name: str
    staff_id: str
    email: str = ""


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    norm: str = ""
    product: str = ""
    mine: bool = False


@dataclass(frozen=True)
class QueueRow:
    case: Case
    norm: str
    awaiting_reply: bool
    open_tasks: int


@dataclass
class QueuePage:
    team: str
    rows: list[QueueRow]
    page: int
    pages: int
    total: int
    # Per norm state, before filtering: the numbers a team lead looks at first.
    counts: dict[str, int] = field(default_factory=dict)
    products: list[tuple[str, str]] = field(default_factory=list)


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


def queue(principal, team: str, filters: QueueFilters, *, page: int = 1) -> QueuePage:
    """The open cases of a team, the ones due first at the top, filtered."""
    today = cases.today()
    rows = [
        QueueRow(
            case=case,
            norm=case_norm(case, today),
            awaiting_reply=awaiting_reply(case),
            open_tasks=len(case.open_tasks),
        )
        for case in cases.team_queue(team)
    ]
    counts = {state: sum(1 for row in rows if row.norm == state) for state in NORM_STATES}
    products = sorted({(row.case.product_slug, row.case.product_name) for row in rows})
    me = handler_ref(principal)
    shown = [
        row
        for row in rows
        if (not filters.status or row.case.status == filters.status)
        and (not filters.norm or row.norm == filters.norm)
        and (not filters.product or row.case.product_slug == filters.product)
        and (not filters.mine or row.case.handler_ref == me)
    ]
    pages = max(1, -(-len(shown) // PER_PAGE))
    page = min(max(page, 1), pages)
    return QueuePage(
        team=team,
        rows=shown[(page - 1) * PER_PAGE : page * PER_PAGE],
        page=page,
        pages=pages,
        total=len(shown),
        counts=counts,
        products=products,
    )


@dataclass(frozen=True)
class FeedbackSummary:
    count: int
    average: float | None


def team_feedback(team: str) -> FeedbackSummary:
    """The residents' marks for the team's closed cases: the seeds aim at 7 or more."""
    count, average = db.session.execute(
        select(func.count(Feedback.id), func.avg(Feedback.mark))
        .join(Case, Case.id == Feedback.case_id)
        .where(Case.team == team)
    ).one()
    return FeedbackSummary(count, float(average) if average is not None else None)


def colleagues(principal, case: Case) -> list[Colleague]:
    """Handlers of the case's team to choose from: the signed-in handler first, then everyone
    who has handled a case of the team.

    There is no staff directory yet; a handler appears here after handling a first case.
    """
    me = Colleague(principal.display_name, handler_ref(principal), principal.email)
    seen = {me.staff_id: me}
    for other in cases.team_queue(case.team, include_closed=True):
        if other.handler_ref and other.handler_name and other.handler_ref not in seen:
            seen[other.handler_ref] = Colleague(
                other.handler_name, other.handler_ref, other.handler_email or ""
            )
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


def awaiting_reply(case: Case) -> bool:
    """The resident wrote last: someone of the team should answer."""
    return bool(case.messages) and case.messages[-1].direction == "in"


def assign(case: Case, handler: Colleague, principal) -> None:
    cases.assign(case, handler, actor=principal)
    _audit("case_assigned", principal, case)


def change_status(case: Case, status: str, note: str | None, principal) -> None:
    cases.change_status(case, status, note, principal)
    _audit("status_changed", principal, case)


def request_information(case: Case, text: str, due: date | None, principal) -> None:
    cases.request_information(case, text, due, actor=principal)
    _audit("information_requested", principal, case)


def send_message(case: Case, text: str, principal) -> None:
    cases.send_message(case, text, principal)
    _audit("message_sent", principal, case)


def attach_document(case: Case, upload, kind: str, principal) -> None:
    cases.attach_document(case, upload, kind, actor=principal)
    _audit("document_attached", principal, case)


def close_case(case: Case, result: str, reason: str | None, principal) -> None:
    cases.close_case(case, result, reason, principal)
    _audit("case_closed", principal, case)


def extend_deadline(case: Case, new_date: date, reason: str, principal) -> None:
    cases.extend_deadline(case, new_date, reason, principal)
    _audit("deadline_extended", principal, case)
