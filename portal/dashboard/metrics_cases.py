"""Service norms: how many cases closed in the period were done on time, and the open
backlog with the cases at risk (at most two working days left) and late.

"On time" compares the local date the case was closed with its expected completion date
(which already counts working days, `portal.cases.calendar`). Cases without a norm are left
out of the percentage. The backlog is taken on one day: today, or the period's last day when
the period lies in the past, so last month shows what was open at the end of last month."""

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from portal.cases.models import Case
from portal.dashboard.backlog import backlog
from portal.dashboard.filters import Filters, case_conditions, channel_condition
from portal.dashboard.groups import Grouping, collect, percentage
from portal.dashboard.periods import local_date
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
    # When the backlog was counted, if earlier than the page (see `backlog`).
    counted_at: datetime | None = None


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


def norms(filters: Filters, grouping: Grouping, today: date, now: datetime) -> Norms:
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

    # The channel is not kept with a stored count: with a channel filter, count it now.
    channel = [channel_condition(filters.channel)] if filters.channel else []
    found = backlog(reference, now, channel)
    result.counted_at = found.counted_at
    kept = [
        row
        for row in found.rows
        if (not filters.team or row.team == filters.team)
        and (not filters.product or row.product_slug == filters.product)
    ]
    result.open = sum(row.open for row in kept)
    result.at_risk = sum(row.at_risk for row in kept)
    result.late = sum(row.late for row in kept)
    for group, (name, items) in collect(kept, key, label).items():
        result.backlog.append(
            GroupBacklog(
                group,
                name,
                sum(row.open for row in items),
                sum(row.at_risk for row in items),
                sum(row.late for row in items),
            )
        )
    return result
