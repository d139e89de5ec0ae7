"""Service norms: how many cases closed in the period were done on time, and the open
backlog with the cases at risk (at most two working days left) and late.

"On time" compares the local date the case was closed with its expected completion date
(which already counts working days, `portal.cases.calendar`). Cases without a norm are left
out of the percentage. The backlog is taken on one day: today, or the period's last day when
the period lies in the past, so last month shows what was open at the end of last month."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from sqlalchemy import and_, case, extract, false, func, or_, select

from portal.cases.models import Case
from portal.dashboard.backlog import backlog
from portal.dashboard.filters import Filters, case_conditions, channel_condition
from portal.dashboard.groups import Grouping, collect, percentage
from portal.dashboard.periods import utc_naive
from portal.extensions import db

DAY = timedelta(days=1)


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


def _summer_days(first: date, last: date) -> tuple[tuple[date, date], ...]:
    """The ranges [start, end) of days in the years of `first` to `last` whose evening is in
    summer time: from the day the clocks go forward to the day they go back."""
    return _summer_days_in(first.year, last.year)


@lru_cache(maxsize=16)
def _summer_days_in(first_year: int, last_year: int) -> tuple[tuple[date, date], ...]:
    ranges = []
    for year in range(first_year, last_year + 1):
        march = [date(year, 3, day) for day in range(25, 32)]
        october = [date(year, 10, day) for day in range(25, 32)]
        # The day the clocks move is an hour shorter (March) or longer (October).
        start = next(d for d in march if utc_naive(d + DAY) - utc_naive(d) < DAY)
        end = next(d for d in october if utc_naive(d + DAY) - utc_naive(d) > DAY)
        ranges.append((start, end))
    return tuple(ranges)


def _within(period) -> object:
    """1 for a case closed on or before its expected date, as a local date, else 0.

    In SQL without time zones: a case closed on an earlier UTC day is on time, one closed on
    a later UTC day is late, and one closed on the expected UTC day is on time until local
    midnight, that is before 22:00 UTC in summer time and 23:00 UTC in winter time."""
    expected = Case.expected_completion
    closed_day = func.date(Case.closed_at)
    # The cases closed on their expected UTC day lie in the period, give or take a day.
    summer = or_(
        false(),
        *(
            and_(expected >= start, expected < end)
            for start, end in _summer_days(period.start - DAY, period.end + DAY)
        ),
    )
    last_hour = case((summer, 22), else_=23)
    return case(
        (closed_day < expected, 1),
        (and_(closed_day == expected, extract("hour", Case.closed_at) < last_hour), 1),
        else_=0,
    )


def norms(filters: Filters, grouping: Grouping, today: date, now: datetime) -> Norms:
    period = filters.period
    reference = min(today, period.end)
    result = Norms(reference_day=reference)
    key = lambda row: grouping.key_of(row.team, row.product_slug)  # noqa: E731
    label = lambda row: grouping.label_of(key(row), row.product_name)  # noqa: E731

    # Per team and product: the closed cases, those with a norm, and those on time.
    closed = db.session.execute(
        select(
            Case.team,
            Case.product_slug,
            func.min(Case.product_name).label("product_name"),
            func.count(Case.id).label("closed"),
            func.count(Case.expected_completion).label("with_norm"),
            func.coalesce(func.sum(_within(period)), 0).label("within"),
        )
        .where(
            Case.closed_at >= period.utc_start,
            Case.closed_at < period.utc_end,
            *case_conditions(filters),
        )
        .group_by(Case.team, Case.product_slug)
    ).all()
    normed = [row for row in closed if row.with_norm]
    result.closed = sum(row.closed for row in closed)
    result.with_norm = sum(row.with_norm for row in normed)
    result.within = sum(int(row.within) for row in normed)
    result.percentage = percentage(result.within, result.with_norm)
    for group, (name, items) in collect(normed, key, label).items():
        count = sum(row.with_norm for row in items)
        within = sum(int(row.within) for row in items)
        result.groups.append(GroupNorm(group, name, count, within, percentage(within, count)))

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
