"""The team queue (werkvoorraad): a team's open cases, the ones due first at the top, with
their norm state, and the residents' marks for the team.

Filtered, counted and paged in the database through the partial indexes on open cases
(`Case.__table_args__`): the counts stop at COUNT_LIMIT ("meer dan 1.000"), and a page reads
its rows in index order. The counts ride along with the page's cases, and so do each case's
last message direction and open tasks: with the product choices a page is two queries, with
a hundred open cases or a hundred thousand. An empty page (no match, or a page number past
the end) asks for the counts on their own, and then for the last page.

The statements are built once per kind of filter and kept: building one (about 200 parts)
cost more than the database took to answer it. Each query gets the values as parameters.
"""

import operator
import time
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache, reduce

from flask import current_app
from sqlalchemy import Date, Integer, String, and_, bindparam, false, func, or_, select, text
from sqlalchemy.orm import load_only

from portal.backoffice.services import NORM_STATES, PAUSED, case_norm, handler_ref
from portal.cases import services as cases
from portal.cases.calendar import AT_RISK_WORKING_DAYS, NormStatus, add_working_days
from portal.cases.models import Case, Feedback, Message, Task
from portal.cases.texts import WAITING_FOR_RESIDENT
from portal.extensions import db

PER_PAGE = 25
# Counts stop here: past it the queue says "meer dan 1.000" (the dashboard counts all).
COUNT_LIMIT = 1000


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


_TEAM = bindparam("queue_team", type_=String)
_TODAY = bindparam("norm_today", type_=Date)
_RISK_END = bindparam("norm_risk_end", type_=Date)


def _norm_ranges() -> dict[str, list]:
    """Per norm state, its cases as ranges on the expected date the queue's indexes read in
    order: the same answer as `case_norm` for an open case (at risk while at most two working
    days are left, that is before the third one). On time is two ranges: a later date, or
    none."""
    expected = Case.expected_completion
    running = Case.status != WAITING_FOR_RESIDENT
    return {
        NormStatus.ON_TIME.value: [
            and_(running, expected >= _RISK_END),
            and_(running, expected.is_(None)),
        ],
        NormStatus.AT_RISK.value: [and_(running, expected >= _TODAY, expected < _RISK_END)],
        NormStatus.LATE.value: [and_(running, expected < _TODAY)],
        PAUSED: [Case.status == WAITING_FOR_RESIDENT],
    }


_NORM_RANGES = _norm_ranges()
# Due first; NULLS LAST as the index keeps them: a case without a norm after the dated ones.
_QUEUE_ORDER = (Case.expected_completion.asc().nulls_last(), Case.id)
_OPEN = (Case.team == _TEAM, Case.closed_at.is_(None))


def _counted(conditions, limit):
    """How many cases match, counting no further than `limit`: a team with ten thousand
    open cases costs the same as one with `limit`."""
    # In the queue's order, so the database walks an index and stops, rather than first
    # collecting every match (which a count without an order invites).
    found = select(Case.id).where(*conditions).order_by(*_QUEUE_ORDER).limit(limit).subquery()
    return select(func.count()).select_from(found).scalar_subquery()


_STATE_COUNTS = [
    reduce(
        operator.add,
        (
            _counted((*_OPEN, part), bindparam("state_limit", type_=Integer))
            for part in _NORM_RANGES[state]
        ),
    )
    for state in NORM_STATES
]
# What a card shows of the resident's side: did they write last, and how many of their tasks
# are open.
_LAST_DIRECTION = (
    select(Message.direction)
    .where(Message.case_id == Case.id)
    .order_by(Message.id.desc())
    .limit(1)
    .correlate(Case)
    .scalar_subquery()
)
_OPEN_TASKS = (
    select(func.count(Task.id))
    .where(Task.case_id == Case.id, Task.completed_at.is_(None))
    .correlate(Case)
    .scalar_subquery()
)
# The columns a card and `case_norm` read; the answers and contact details stay behind.
_CARD_COLUMNS = load_only(
    Case.number,
    Case.product_slug,
    Case.product_name,
    Case.team,
    Case.status,
    Case.expected_completion,
    Case.handler_name,
    Case.handler_ref,
    Case.closed_at,
)


@lru_cache(maxsize=64)
def _statements(status: bool, norm: str, product: bool, mine: bool) -> tuple:
    """The page's statement (cases with the counts) and the counts alone, for one kind of
    filter; `norm` is a norm state, "" for none or "?" for one that does not exist."""
    shown = list(_OPEN)
    if status:
        shown.append(Case.status == bindparam("queue_status", type_=String))
    if norm:
        shown.append(or_(*_NORM_RANGES.get(norm, [false()])))
    if product:
        shown.append(Case.product_slug == bindparam("queue_product", type_=String))
    if mine:
        shown.append(Case.handler_ref == bindparam("queue_handler", type_=String))
    figures = [_counted(shown, bindparam("total_limit", type_=Integer)), *_STATE_COUNTS]
    page = (
        select(Case, _LAST_DIRECTION, _OPEN_TASKS, *figures)
        .options(_CARD_COLUMNS)
        .where(*shown)
        .order_by(*_QUEUE_ORDER)
        .offset(bindparam("page_offset", type_=Integer))
        .limit(bindparam("page_size", type_=Integer))
    )
    return page, select(*figures)


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
    """The open cases of `team` that match `filters`, one page of them, with the counts."""
    today = cases.today()
    norm = filters.norm if not filters.norm or filters.norm in _NORM_RANGES else "?"
    rows_of, counts_of = _statements(
        bool(filters.status), norm, bool(filters.product), filters.mine
    )
    page = max(page, 1)
    # Count as far as this page plus COUNT_LIMIT: enough to draw the pages around this one.
    limit = (page - 1) * PER_PAGE + COUNT_LIMIT
    values = {
        "queue_team": team,
        "queue_status": filters.status,
        "queue_product": filters.product,
        "queue_handler": handler_ref(principal) if filters.mine else "",
        "norm_today": today,
        "norm_risk_end": add_working_days(today, AT_RISK_WORKING_DAYS + 1),
        "state_limit": COUNT_LIMIT + 1,
        "total_limit": limit + 1,
        "page_size": PER_PAGE,
    }

    def rows_on(number: int) -> list:
        return db.session.execute(rows_of, {**values, "page_offset": (number - 1) * PER_PAGE}).all()

    found = rows_on(page)
    # An empty page brings no counts along: then they are asked for on their own.
    counted = found[0][3:] if found else db.session.execute(counts_of, values).one()
    total, by_state = counted[0] or 0, counted[1:]
    pages = max(1, -(-min(total, limit + 1) // PER_PAGE))
    if page > pages:
        page = pages
        found = rows_on(page) if total else []
    products = db.session.execute(_PRODUCTS, {"team": team}).all()
    return QueuePage(
        team=team,
        rows=[
            QueueRow(case, case_norm(case, today), direction == "in", open_tasks or 0)
            for case, direction, open_tasks, *_ in found
        ],
        page=page,
        pages=pages,
        total=min(total, limit),
        more=total > limit,
        counts={
            state: min(count or 0, COUNT_LIMIT + 1)
            for state, count in zip(NORM_STATES, by_state, strict=True)
        },
        products=[(slug, name) for slug, name in products],
    )


@dataclass(frozen=True)
class FeedbackSummary:
    count: int
    average: float | None


# A team lead wants to know how residents rate the team now, not since the portal started.
FEEDBACK_DAYS = 365
# The summary is kept per process this long: a year's marks hardly move in a few minutes, and
# counting them (a join over every mark of the year) would cost more than the rest of the page.
FEEDBACK_KEPT_SECONDS = 300
_FEEDBACK_KEPT = "backoffice_feedback"


def team_feedback(team: str) -> FeedbackSummary:
    """The residents' marks of the last FEEDBACK_DAYS for the team's closed cases (the seeds
    aim at 7 or more): counted at most once per FEEDBACK_KEPT_SECONDS per process."""
    kept = current_app.extensions.get(_FEEDBACK_KEPT, {})
    moment = time.monotonic()
    found = kept.get(team)
    if found is not None and moment - found[0] < FEEDBACK_KEPT_SECONDS:
        return found[1]
    since = cases.now() - timedelta(days=FEEDBACK_DAYS)
    count, average = db.session.execute(
        select(func.count(Feedback.id), func.avg(Feedback.mark))
        .join(Case, Case.id == Feedback.case_id)
        .where(Case.team == team, Feedback.created_at >= since)
    ).one()
    summary = FeedbackSummary(count, float(average) if average is not None else None)
    # A new dict in one assignment: other threads may be reading the old one.
    current_app.extensions[_FEEDBACK_KEPT] = {**kept, team: (moment, summary)}
    return summary
