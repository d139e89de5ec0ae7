"""The open cases on a day, per team and product, with those at risk and late: counted in the
database, and at a large size kept for a few minutes (`models.BacklogCount`).

Below STORE_FROM open cases the count is made on every view: it is as fast as reading a kept
one and exact to the second. From STORE_FROM on a kept count younger than MAX_AGE is used,
and the page says when it was made; the worker (`jobs.start_backlog_refresh`) counts again
every few minutes, so no one waits for it. A day in the past keeps the count made in its last
minutes, or one made afterwards from the cases' dates.

Either way it is one query: the kept count, or (when there is no fresh one) the live count;
the database skips the live part when a fresh count exists.
"""

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import (
    DateTime,
    and_,
    case,
    cast,
    delete,
    exists,
    func,
    null,
    or_,
    select,
    union_all,
)

from portal.cases.calendar import AT_RISK_WORKING_DAYS, add_working_days
from portal.cases.models import Case
from portal.dashboard.models import BacklogCount
from portal.dashboard.periods import utc_naive
from portal.extensions import db

MAX_AGE = timedelta(minutes=10)
# Per process: the newest kept count seen per day. Only a hint: the query still checks.
_seen: dict[date, datetime] = {}
REFRESH_EVERY = timedelta(minutes=5)
STORE_FROM = 2000


@dataclass(frozen=True)
class BacklogRow:
    team: str
    product_slug: str
    product_name: str
    open: int
    at_risk: int
    late: int


@dataclass(frozen=True)
class Backlog:
    rows: list[BacklogRow]
    # When a kept count was made during the day itself; None when counted now or afterwards.
    counted_at: datetime | None = None


def _live(day: date, conditions=()):
    """Per team and product: open at the end of `day`, and of those at risk (at most two
    working days left, that is before the third one) and late, as `norm_status` says."""
    after = utc_naive(day + timedelta(days=1))
    expected = Case.expected_completion
    risk_end = add_working_days(day, AT_RISK_WORKING_DAYS + 1)
    return (
        select(
            Case.team,
            Case.product_slug,
            func.min(Case.product_name),
            func.count(Case.id),
            func.sum(case((and_(expected >= day, expected < risk_end), 1), else_=0)),
            func.sum(case((expected < day, 1), else_=0)),
            cast(null(), DateTime),
        )
        .where(
            Case.created_at < after,
            or_(Case.closed_at.is_(None), Case.closed_at >= after),
            *conditions,
        )
        .group_by(Case.team, Case.product_slug)
    )


def _fresh_after(day: date, now: datetime) -> datetime:
    return min(now, utc_naive(day + timedelta(days=1))) - MAX_AGE


def backlog(day: date, now: datetime, conditions=()) -> Backlog:
    """The backlog of `day` over all teams and products, or, with `conditions` (a channel:
    not kept per channel), of the cases that meet them, counted now."""
    if conditions:
        return Backlog([BacklogRow(*row[:6]) for row in db.session.execute(_live(day, conditions))])
    fresh_after = _fresh_after(day, now)
    fresh = exists().where(BacklogCount.day == day, BacklogCount.counted_at >= fresh_after)
    latest = select(func.max(BacklogCount.counted_at)).where(BacklogCount.day == day)
    kept = select(
        BacklogCount.team,
        BacklogCount.product_slug,
        BacklogCount.product_name,
        BacklogCount.open,
        BacklogCount.at_risk,
        BacklogCount.late,
        BacklogCount.counted_at,
    ).where(
        BacklogCount.day == day,
        BacklogCount.counted_at == latest.scalar_subquery(),
        BacklogCount.counted_at >= fresh_after,
    )
    found = []
    if _seen.get(day, datetime.min) >= fresh_after:
        # This process saw a fresh count of the day: read it alone, so PostgreSQL does not
        # even plan (and start workers for) the live count it would skip.
        found = db.session.execute(kept).all()
    if not found:
        found = db.session.execute(union_all(kept, _live(day).where(~fresh))).all()
    rows = [BacklogRow(*row[:6]) for row in found]
    counted_at = found[0][6] if found else None
    if counted_at is not None:
        _seen[day] = counted_at
    elif sum(row.open for row in rows) >= STORE_FROM:
        keep(day, rows, now)
        _seen[day] = now
    end_of_day = utc_naive(day + timedelta(days=1))
    return Backlog(rows, counted_at if counted_at and counted_at < end_of_day else None)


def keep(day: date, rows: list[BacklogRow], now: datetime) -> None:
    """Store a count, and drop the earlier ones of the same day. Flushes; the caller commits."""
    db.session.add_all(BacklogCount(day=day, counted_at=now, **asdict(row)) for row in rows)
    db.session.execute(
        delete(BacklogCount).where(BacklogCount.day == day, BacklogCount.counted_at < now)
    )
    db.session.flush()


def refresh(day: date, now: datetime) -> bool:
    """Count `day` again and keep it when it is large; True when kept (for the worker)."""
    rows = [BacklogRow(*row[:6]) for row in db.session.execute(_live(day))]
    if sum(row.open for row in rows) < STORE_FROM:
        return False
    keep(day, rows, now)
    return True
