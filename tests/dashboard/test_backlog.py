"""The backlog (open cases on a day) kept for a few minutes at a large size: the kept count
gives the same figures as counting, the page says when it was counted, a newer count replaces
it, and below STORE_FROM nothing is kept (the figure is exact to the second)."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from portal.dashboard import backlog, jobs, views
from portal.dashboard.filters import REPORT, Filters
from portal.dashboard.groups import grouping_for
from portal.dashboard.metrics_cases import norms
from portal.dashboard.models import BacklogCount
from portal.dashboard.periods import Period
from portal.extensions import db
from tests.dashboard import factories
from tests.dashboard.conftest import END, NOW, PERIOD_ARGS, TODAY
from tests.support.queries import count_queries

TEAMS = {"burgerzaken": "Burgerzaken", "wmo": "Wmo", "openbare-ruimte": "Openbare ruimte"}
NOVEMBER = Period(date(2026, 11, 1), END)
THIS_WEEK = Period(date(2026, 11, 30), date(2026, 12, 6))


def _kept() -> int:
    return db.session.scalar(select(func.count(BacklogCount.id)))


def _figures(period: Period, now=NOW, **filters):
    team = filters.get("team", "")
    return norms(Filters(period, **filters), grouping_for(team, TEAMS), TODAY, now)


def _shape(found) -> tuple:
    return (found.open, found.at_risk, found.late, found.backlog)


@pytest.fixture
def keep_from_one(monkeypatch):
    monkeypatch.setattr(backlog, "STORE_FROM", 1)
    monkeypatch.setattr(backlog, "_seen", {})  # what this process saw stays in this test


def test_below_the_threshold_nothing_is_kept(world):
    found = _figures(THIS_WEEK)

    assert found.open > 0 and found.counted_at is None
    assert _kept() == 0


@pytest.mark.parametrize("team", ["", "burgerzaken"])
def test_a_kept_count_gives_the_same_figures_as_counting(world, keep_from_one, team):
    for period in (NOVEMBER, THIS_WEEK):
        counted = _shape(_figures(period, team=team))  # counts, and keeps it
        kept = _figures(period, team=team)
        assert _shape(kept) == counted
    assert _kept() > 0


def test_the_kept_count_is_used_for_a_few_minutes_and_the_page_says_when(world, keep_from_one):
    before = _figures(THIS_WEEK)
    factories.make_case(created_at=NOW - timedelta(hours=1), expected=TODAY)
    db.session.commit()

    soon = _figures(THIS_WEEK, now=NOW + timedelta(minutes=5))
    later_moment = NOW + backlog.MAX_AGE + timedelta(minutes=1)
    later = _figures(THIS_WEEK, now=later_moment)

    assert soon.open == before.open and soon.counted_at == NOW
    assert later.open == before.open + 1 and later.counted_at is None
    today_counts = db.session.scalars(select(BacklogCount).where(BacklogCount.day == TODAY))
    assert {row.counted_at for row in today_counts} == {later_moment}  # the older one went


def test_a_past_day_keeps_the_count_made_after_it_ended_without_a_time(world, keep_from_one):
    _figures(NOVEMBER)
    again = _figures(NOVEMBER)

    assert again.counted_at is None  # counted after 30 November ended: exact, no time shown
    assert again.open > 0


def test_a_channel_is_always_counted_now(world, keep_from_one):
    _figures(THIS_WEEK)
    before = _figures(THIS_WEEK, channel=REPORT)
    factories.make_case(
        product_slug="melding-openbare-ruimte",
        product_name="Melding",
        team="openbare-ruimte",
        created_at=NOW - timedelta(hours=1),
    )
    db.session.commit()

    after = _figures(THIS_WEEK, channel=REPORT)

    assert after.counted_at is None and after.open == before.open + 1


def test_the_worker_counts_today_again(app, world, keep_from_one):
    assert jobs.refresh_backlog(app, NOW) is True
    db.session.expire_all()
    assert _kept() > 0
    assert db.session.scalar(select(func.max(BacklogCount.counted_at))) == NOW


def test_the_worker_keeps_nothing_for_a_small_municipality(app, world):
    assert jobs.refresh_backlog(app, NOW) is False
    assert _kept() == 0


def test_the_page_shows_when_the_backlog_was_counted(
    client, sign_in, world, keep_from_one, monkeypatch
):
    monkeypatch.setattr(views, "today", lambda: TODAY)
    monkeypatch.setattr(views, "now", lambda: NOW)
    sign_in("teamleider")
    week = {**PERIOD_ARGS, "vanaf-day": "30", "tot-day": "6", "tot-month": "12"}
    first = client.get("/medewerkers/dashboard/", query_string=week).get_data(as_text=True)
    with count_queries() as counted:
        second = client.get("/medewerkers/dashboard/", query_string=week).get_data(as_text=True)

    assert "bijgewerkt om" not in first  # counted for this page
    assert "2 december 2026, bijgewerkt om 13:00" in second  # 12:00 UTC is 13:00 here
    assert not any("INSERT INTO dashboard_backlog" in s for s in counted.statements)
