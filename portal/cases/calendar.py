"""Working days for service norms ("afspraak = afspraak").

We count days the way the Algemene termijnenwet does for legal terms: Saturdays, Sundays and
the generally recognised public holidays are not working days. The `holidays` package gives the
Dutch holidays; it follows the national calendar, which gives Liberation Day (5 May) only in
lustrum years. The Algemene termijnenwet names 5 May every year, and municipal offices are closed
then, so we add it every year. Good Friday is equated with a public holiday by the same law and
is in the package already. Easter Sunday and Whit Sunday fall on Sundays anyway.
"""

from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays

# Two working days of warning leaves time to act before a norm is missed.
AT_RISK_WORKING_DAYS = 2


class NormStatus(StrEnum):
    ON_TIME = "on_time"
    AT_RISK = "at_risk"
    LATE = "late"


@lru_cache(maxsize=64)
def _holidays_in(year: int) -> frozenset[date]:
    days = set(holidays.Netherlands(years=year).keys())
    days.add(date(year, 5, 5))
    return frozenset(days)


def is_public_holiday(day: date) -> bool:
    """A Dutch public holiday (with 5 May every year), whatever day of the week it falls on."""
    return day in _holidays_in(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays_in(day.year)


def add_working_days(start: date, n: int) -> date:
    """The date `n` working days after `start` (the day of receipt itself does not count).

    With n == 0 the answer is `start` itself, or the next working day when `start` is not one.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    if n == 0:
        while not is_working_day(day):
            day += timedelta(days=1)
        return day
    while n:
        day += timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def working_days_between(a: date, b: date) -> int:
    """Working days after `a` up to and including `b`; negative when `b` lies before `a`.

    So `working_days_between(d, add_working_days(d, n)) == n`.
    """
    if b < a:
        return -working_days_between(b, a)
    count = 0
    day = a
    while day < b:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def norm_status(expected: date | None, today: date) -> NormStatus:
    """On time, at risk (at most two working days left) or late (the date has passed)."""
    if expected is None:
        return NormStatus.ON_TIME
    if today > expected:
        return NormStatus.LATE
    if working_days_between(today, expected) <= AT_RISK_WORKING_DAYS:
        return NormStatus.AT_RISK
    return NormStatus.ON_TIME
