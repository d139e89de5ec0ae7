"""Periods of the dashboard, in the municipality's days (Europe/Amsterdam).

The database stores naive UTC; a period is a range of local dates, so a case closed at 00:30
local time on a Monday counts for that Monday, also the night the clocks move.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

THIS_WEEK = "deze-week"
LAST_WEEK = "vorige-week"
THIS_MONTH = "deze-maand"
LAST_MONTH = "vorige-maand"
CUSTOM = "zelf-kiezen"
DEFAULT_PERIOD = THIS_WEEK

PERIOD_LABELS = {
    THIS_WEEK: _l("Deze week"),
    LAST_WEEK: _l("Vorige week"),
    THIS_MONTH: _l("Deze maand"),
    LAST_MONTH: _l("Vorige maand"),
    CUSTOM: _l("Zelf kiezen"),
}
# A custom period longer than this makes the page slow and says little.
MAX_DAYS = 366


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def utc_start(self) -> datetime:
        return utc_naive(self.start)

    @property
    def utc_end(self) -> datetime:
        """The first moment after the period, exclusive."""
        return utc_naive(self.end + timedelta(days=1))

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def iso_week(self) -> str:
        year, week, _ = self.start.isocalendar()
        return f"{year}-W{week:02d}"


def utc_naive(day: date) -> datetime:
    """Local midnight at the start of `day`, as stored (naive UTC)."""
    local = datetime.combine(day, time.min, tzinfo=AMSTERDAM)
    return local.astimezone(UTC).replace(tzinfo=None)


def local_date(moment: datetime) -> date:
    return moment.replace(tzinfo=UTC).astimezone(AMSTERDAM).date()


def local_now(moment: datetime | None = None) -> datetime:
    moment = moment or datetime.now(UTC).replace(tzinfo=None)
    return moment.replace(tzinfo=UTC).astimezone(AMSTERDAM)


def week_of(day: date) -> Period:
    monday = day - timedelta(days=day.weekday())
    return Period(monday, monday + timedelta(days=6))


def month_of(day: date) -> Period:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return Period(first, following - timedelta(days=1))


def named_period(name: str, today: date) -> Period:
    if name == LAST_WEEK:
        return week_of(today - timedelta(days=7))
    if name == THIS_MONTH:
        return month_of(today)
    if name == LAST_MONTH:
        return month_of(today.replace(day=1) - timedelta(days=1))
    return week_of(today)


def period_args(period: Period) -> dict:
    """The period as the filter form's query arguments, for links to the same figures."""
    return {
        "periode": CUSTOM,
        "vanaf-day": period.start.day,
        "vanaf-month": period.start.month,
        "vanaf-year": period.start.year,
        "tot-day": period.end.day,
        "tot-month": period.end.month,
        "tot-year": period.end.year,
    }
