"""Working-day arithmetic for service norms: weekends and Dutch public holidays."""

from datetime import date

import pytest

from portal.cases.calendar import (
    NormStatus,
    add_working_days,
    is_working_day,
    norm_status,
    working_days_between,
)


def test_a_weekday_without_holiday_counts():
    assert is_working_day(date(2026, 3, 10))  # a Tuesday


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 1),  # New Year's Day
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 4, 27),  # King's Day (26 April is a Sunday in 2026)
        date(2026, 5, 5),  # Liberation Day, also outside lustrum years
        date(2026, 5, 14),  # Ascension Day
        date(2026, 5, 25),  # Whit Monday
        date(2026, 12, 25),
        date(2026, 12, 26),
        date(2026, 3, 7),  # Saturday
        date(2026, 3, 8),  # Sunday
    ],
)
def test_weekends_and_holidays_do_not_count(day):
    assert not is_working_day(day)


def test_adding_skips_the_weekend():
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Friday → Monday


def test_adding_skips_easter():
    # Thursday 2 April 2026, then Good Friday, the weekend and Easter Monday are closed.
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_adding_across_the_year_end():
    assert add_working_days(date(2026, 12, 24), 2) == date(2026, 12, 29)


def test_five_working_days_around_liberation_and_ascension():
    # Mon 4 May; 5 May is closed; Thu 14 May is Ascension Day.
    assert add_working_days(date(2026, 5, 4), 5) == date(2026, 5, 12)
    assert add_working_days(date(2026, 5, 11), 5) == date(2026, 5, 19)


def test_zero_days_on_a_closed_day_moves_to_the_next_working_day():
    assert add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 9)
    assert add_working_days(date(2026, 3, 10), 0) == date(2026, 3, 10)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 10), -1)


@pytest.mark.parametrize("n", [0, 1, 4, 5, 10, 30])
def test_between_is_the_inverse_of_adding(n):
    start = date(2026, 4, 1)
    assert working_days_between(start, add_working_days(start, n)) == n


def test_between_counts_backwards_as_negative():
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 6)) == -1


def test_norm_status():
    expected = date(2026, 3, 20)  # a Friday
    assert norm_status(expected, date(2026, 3, 10)) == NormStatus.ON_TIME
    assert norm_status(expected, date(2026, 3, 17)) == NormStatus.ON_TIME  # 3 days left
    assert norm_status(expected, date(2026, 3, 18)) == NormStatus.AT_RISK  # 2 days left
    assert norm_status(expected, date(2026, 3, 20)) == NormStatus.AT_RISK  # the day itself
    assert norm_status(expected, date(2026, 3, 21)) == NormStatus.LATE
    assert norm_status(None, date(2026, 3, 21)) == NormStatus.ON_TIME
