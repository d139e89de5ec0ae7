from datetime import date, datetime

from portal.components import clock


def test_the_date_is_the_date_in_the_municipality(monkeypatch):
    # 23:30 UTC on 2 December is already 3 December in Amsterdam (UTC+1 in winter).
    monkeypatch.setattr(clock, "utc_now", lambda: datetime(2026, 12, 2, 23, 30))
    assert clock.today() == date(2026, 12, 3)


def test_summer_time_is_two_hours_ahead():
    assert clock.local_date(datetime(2026, 7, 1, 22, 30)) == date(2026, 7, 2)
    assert clock.local_date(datetime(2026, 7, 1, 21, 59)) == date(2026, 7, 1)
