"""The dashboard's figures are kept for DASHBOARD_KEEP_SECONDS per choice of filters: a
second look within that time counts nothing again, the page says when they were counted,
and later views count again. Every view is still audited."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.auth.models import AuditEvent
from portal.dashboard import views
from portal.extensions import db
from tests.dashboard.conftest import NOW, PERIOD_ARGS, TODAY
from tests.support.queries import count_queries

URL = "/medewerkers/dashboard/"


@pytest.fixture
def clock(app, monkeypatch):
    app.config["DASHBOARD_KEEP_SECONDS"] = 60
    moment = [NOW]
    monkeypatch.setattr(views, "today", lambda: TODAY)
    monkeypatch.setattr(views, "now", lambda: moment[0])
    return moment


def _scope(response) -> str:
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return page.select_one("#dashboard-scope").get_text(" ", strip=True)


def _counted(client, args: dict):
    with count_queries() as counted:
        response = client.get(URL, query_string=args)
    assert response.status_code == 200
    return response, counted.statements


def test_a_second_look_within_a_minute_counts_nothing_again(app, client, sign_in, world, clock):
    sign_in("teamleider")
    first = client.get(URL, query_string=PERIOD_ARGS)
    clock[0] = NOW + timedelta(seconds=30)
    again, statements = _counted(client, PERIOD_ARGS)
    assert first.status_code == 200
    assert not [s for s in statements if "cases_feedback" in s or "reports_report" in s]
    # 12:00 UTC is 13:00 in Amsterdam in December.
    assert "Geteld om 13:00." in _scope(first) and "Geteld om 13:00." in _scope(again)
    db.session.expire_all()
    views_audited = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "dashboard.viewed")
    ).all()
    assert len(views_audited) == 2


def test_after_a_minute_the_figures_are_counted_again(app, client, sign_in, world, clock):
    sign_in("teamleider")
    client.get(URL, query_string=PERIOD_ARGS)
    clock[0] = NOW + timedelta(seconds=61)
    again, statements = _counted(client, PERIOD_ARGS)
    assert [s for s in statements if "cases_feedback" in s]
    assert "Geteld om 13:01." in _scope(again)


def test_other_filters_are_counted_on_their_own(app, client, sign_in, world, clock):
    sign_in("teamleider")
    client.get(URL, query_string=PERIOD_ARGS)
    _, statements = _counted(client, {**PERIOD_ARGS, "kanaal": "formulier"})
    assert [s for s in statements if "cases_feedback" in s]
