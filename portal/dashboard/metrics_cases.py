"""Service norms: how many cases closed in the period were done on time, and the open
backlog with the cases at risk (at most two working days left) and late.

"On time" compares the local date the case was closed with its expected completion date
(which already counts working days, `portal.cases.calendar`). Cases without a norm are left
out of the percentage. The backlog is taken on one day: today, or the period's last day when
the period lies in the past, so last month shows what was open at the end of last month."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import or_, select

from portal.cases.calendar import NormStatus, norm_status
from portal.cases.models import Case
from portal.dashboard.filters import Filters, case_conditions
from portal.dashboard.groups import Grouping, collect, percentage
from portal.dashboard.periods import local_date, utc_naive
from portal.extensions import db


@dataclass(frozen=True)
class GroupNorm:
    key: str
    label: str
    closed: int
    within: int
    percentage: float | None


@dataclass(frozen=True)
class GroupBacklog:
    key: str
    label: str
    open: int
    at_risk: int
    late: int


@dataclass
class Norms:
    reference_day: date
    closed: int = 0
    with_norm: int = 0
    within: int = 0
    percentage: float | None = None
    groups: list[GroupNorm] = field(default_factory=list)
    open: int = 0
    at_risk: int = 0
    late: int = 0
    backlog: list[GroupBacklog] = field(default_factory=list)


def _columns():
    return select(
        Case.team,
        Case.product_slug,
        Case.product_name,
        Case.expected_completion,
        Case.closed_at,
    )


def _within(row) -> bool:
    return local_date(row.closed_at) <= row.expected_completion


def norms(filters: Filters, grouping: Grouping, today: date) -> Norms:
    period = filters.period
    reference = min(today, period.end)
    result = Norms(reference_day=reference)
    key = lambda row: grouping.key_of(row.team, row.product_slug)  # noqa: E731
    label = lambda row: grouping.label_of(key(row), row.product_name)  # noqa: E731

    closed = db.session.execute(
        _columns().where(
            Case.closed_at >= period.utc_start,
            Case.closed_at < period.utc_end,
            *case_conditions(filters),
        )
    ).all()
    normed = [row for row in closed if row.expected_completion is not None]
    result.closed, result.with_norm = len(closed), len(normed)
    result.within = sum(1 for row in normed if _within(row))
    result.percentage = percentage(result.within, result.with_norm)
    for group, (name, items) in collect(normed, key, label).items():
        within = sum(1 for row in items if _within(row))
        result.groups.append(
            GroupNorm(group, name, len(items), within, percentage(within, len(items)))
        )

    after_reference = utc_naive(reference + timedelta(days=1))
    still_open = db.session.execute(
        _columns().where(
            Case.created_at < after_reference,
            or_(Case.closed_at.is_(None), Case.closed_at >= after_reference),
            *case_conditions(filters),
        )
    ).all()
    states = {id(row): norm_status(row.expected_completion, reference) for row in still_open}
    result.open = len(still_open)
    result.at_risk = sum(1 for s in states.values() if s == NormStatus.AT_RISK)
    result.late = sum(1 for s in states.values() if s == NormStatus.LATE)
    for group, (name, items) in collect(still_open, key, label).items():
        result.backlog.append(
            GroupBacklog(
                group,
                name,
                len(items),
                sum(1 for row in items if states[id(row)] == NormStatus.AT_RISK),
                sum(1 for row in items if states[id(row)] == NormStatus.LATE),
            )
        )
    return result
