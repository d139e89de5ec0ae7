"""The rules of the back office: which cases a handler sees, the queue with its norm status,
and the staff actions, each audited.

A handler works on the cases of their own team; a handler who is also an administrator may
open every team's queue. A case of another team answers as if it does not exist. The actions
call the cases services (which keep the case history and enqueue the notifications) and
record a security event with `portal.auth.audit.record_event`. Nothing here commits.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, false, func, or_, select, text
from sqlalchemy.orm import selectinload

from portal.auth import staff_roster
from portal.auth.audit import record_event
from portal.cases import services as cases
from portal.cases.calendar import (
    AT_RISK_WORKING_DAYS,
    NormStatus,
    add_working_days,
    norm_status,
)
from portal.cases.models import Case, Feedback
from portal.cases.texts import REFUSED, TEAMS, WAITING_FOR_RESIDENT
from portal.extensions import db

PER_PAGE = 25
# Counts stop here: past it the queue says "meer dan 1.000" (the dashboard counts all).
COUNT_LIMIT = 1000
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
    # Counted up to COUNT_LIMIT past this page's start; `more` when there are more.
    total: int
    more: bool = False
    # Per norm state, before filtering: the numbers a team lead looks at first (at most
    # COUNT_LIMIT + 1, which the page shows as "meer dan").
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


def _norm_parts(state: str, today: date) -> list:
    """The cases in one norm state, as ranges on the expected date the queue's indexes read
    in order: the same answer as `case_norm` for an open case (at risk while at most two
    working days are left, that is before the third one). On time is two ranges: a later
    date, or none."""
    expected = Case.expected_completion
    running = Case.status != WAITING_FOR_RESIDENT
    risk_end = add_working_days(today, AT_RISK_WORKING_DAYS + 1)
    parts = {
        PAUSED: [Case.status == WAITING_FOR_RESIDENT],
        NormStatus.LATE.value: [and_(running, expected < today)],
        NormStatus.AT_RISK.value: [and_(running, expected >= today, expected < risk_end)],
        NormStatus.ON_TIME.value: [
            and_(running, expected >= risk_end),
            and_(running, expected.is_(None)),
        ],
    }
    return parts.get(state, [false()])


def _norm_condition(state: str, today: date):
    return or_(*_norm_parts(state, today))


# Due first; NULLS LAST as the index keeps them: a case without a norm after the dated ones.
_QUEUE_ORDER = (Case.expected_completion.asc().nulls_last(), Case.id)


def _open_in(team: str) -> tuple:
    return (Case.team == team, Case.closed_at.is_(None))


def _filters(principal, filters: QueueFilters, today: date) -> list:
    conditions = []
    if filters.status:
        conditions.append(Case.status == filters.status)
    if filters.norm:
        conditions.append(_norm_condition(filters.norm, today))
    if filters.product:
        conditions.append(Case.product_slug == filters.product)
    if filters.mine:
        conditions.append(Case.handler_ref == handler_ref(principal))
    return conditions


def _counted(conditions, limit: int):
    """How many cases match, counting no further than `limit`: a team with ten thousand
    open cases costs the same as one with `limit`."""
    # In the queue's order, so the database walks an index and stops, rather than first
    # collecting every match (which a count without an order invites).
    found = select(Case.id).where(*conditions).order_by(*_QUEUE_ORDER).limit(limit).subquery()
    return select(func.count()).select_from(found).scalar_subquery()


# The distinct (product, name) pairs of a team's open cases, read from the index one pair at
# a time (a "skip scan"): as many steps as there are pairs, however many cases share them.
_PRODUCTS = text(
    """
    WITH RECURSIVE pairs(slug, name) AS (
        SELECT * FROM (
            SELECT product_slug, product_name FROM cases_case
            WHERE team = :team AND closed_at IS NULL
            ORDER BY product_slug, product_name LIMIT 1
        ) AS first_pair
        UNION ALL
        SELECT c.product_slug, c.product_name FROM pairs
        JOIN cases_case AS c ON c.id = (
            SELECT n.id FROM cases_case AS n
            WHERE n.team = :team AND n.closed_at IS NULL
              AND (n.product_slug, n.product_name) > (pairs.slug, pairs.name)
            ORDER BY n.product_slug, n.product_name LIMIT 1
        )
    )
    SELECT slug, name FROM pairs
    """
)


def queue(principal, team: str, filters: QueueFilters, *, page: int = 1) -> QueuePage:
    """The open cases of a team, the ones due first at the top, filtered.

    Filtered, counted and paged in the database through the partial indexes on open cases
    (`Case.__table_args__`): the counts stop at COUNT_LIMIT ("meer dan 1.000"), a page reads
    its rows in index order, and each shown case comes with its tasks and messages in one
    query per kind. A page costs about the same with a hundred open cases or a hundred
    thousand, and the same number of queries.
    """
    today = cases.today()
    open_cases = _open_in(team)
    counts = db.session.execute(
        select(
            *(
                sum(
                    _counted((*open_cases, part), COUNT_LIMIT + 1)
                    for part in _norm_parts(state, today)
                ).label(state)
                for state in NORM_STATES
            )
        )
    ).one()
    products = db.session.execute(_PRODUCTS, {"team": team}).all()
    shown = (*open_cases, *_filters(principal, filters, today))
    page = max(page, 1)
    # Count as far as this page plus COUNT_LIMIT: enough to draw the pages around this one.
    limit = (page - 1) * PER_PAGE + COUNT_LIMIT
    total = db.session.scalar(select(_counted(shown, limit + 1))) or 0
    more = total > limit
    pages = max(1, -(-min(total, limit + 1) // PER_PAGE))
    page = min(page, pages)
    page_cases = db.session.scalars(
        select(Case)
        .where(*shown)
        .options(selectinload(Case.tasks), selectinload(Case.messages))
        .order_by(*_QUEUE_ORDER)
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
    )
    rows = [
        QueueRow(
            case=case,
            norm=case_norm(case, today),
            awaiting_reply=awaiting_reply(case),
            open_tasks=len(case.open_tasks),
        )
        for case in page_cases
    ]
    return QueuePage(
        team=team,
        rows=rows,
        page=page,
        pages=pages,
        total=min(total, limit),
        more=more,
        counts={state: min(getattr(counts, state) or 0, COUNT_LIMIT + 1) for state in NORM_STATES},
        products=[(slug, name) for slug, name in products],
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


def awaiting_reply(case: Case) -> bool:
    """The resident wrote last: someone of the team should answer."""
    return bool(case.messages) and case.messages[-1].direction == "in"


def assign(case: Case, handler: Colleague, principal) -> None:
    """Make `handler` the case's handler. A colleague other than oneself gets an e-mail,
    when the roster or an earlier case gives an address (else the case history shows it)."""
    cases.assign(case, handler, actor=principal)
    _audit("case_assigned", principal, case)
    if handler.staff_id != handler_ref(principal) and handler.email:
        cases.notify_team("case_assigned", case, {"by": principal.display_name})


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
    if result == REFUSED:
        from portal.payments.services import refund_for_refusal

        refund_for_refusal(case, principal)  # a refused request gets its fee back
    _audit("case_closed", principal, case)


def extend_deadline(case: Case, new_date: date, reason: str, principal) -> None:
    cases.extend_deadline(case, new_date, reason, principal)
    _audit("deadline_extended", principal, case)
