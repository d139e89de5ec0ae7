"""The main list pages read through an index, not by scanning whole tables.

Every SELECT a page sends is explained again with the parameters it was sent with. On
PostgreSQL (what production runs) with sequential scans switched off for the explanation
(`enable_seqscan = off`): with a few hundred test rows a scan is cheapest, but what matters
is that an index can serve the query once the tables hold years of cases. Each page must
use the indexes named here. SQLite's planner chooses differently; it is not checked.
"""

import os
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from portal.cases.services import now
from portal.extensions import db
from tests.appointments.factories import coming_day, make_location, make_type
from tests.support.queries import count_queries
from tests.support.rows import add_appointments, add_cases, add_dashboard_work, add_reports

ROWS = 300

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the plans that matter are PostgreSQL's (production)",
)


def indexes_used(statements, parameters) -> set[str]:
    """The names of the indexes in the plans of the SELECT statements."""
    plans = []
    with db.engine.connect() as connection:
        connection.exec_driver_sql("SET enable_seqscan = off")
        for statement, values in zip(statements, parameters, strict=True):
            if statement.lstrip().upper().startswith("SELECT"):
                rows = connection.exec_driver_sql("EXPLAIN " + statement, values).all()
                plans.append(" ".join(row[0] for row in rows))
        connection.rollback()
    names = db.session.scalars(
        text("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")
    ).all()
    return {name for name in names if any(f" {name} " in f" {plan} " for plan in plans)}


def _analyze() -> None:
    """Fresh statistics, as autovacuum keeps them in production."""
    with db.engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")


@pytest.fixture
def town_hall(app):
    make_location(capacity=2)
    make_type()
    db.session.commit()
    return coming_day(3)


def cases_among_many(count: int) -> None:
    """Fatima's open cases of burgerzaken among other people's, other teams' and closed ones:
    an index is only worth using when it leaves most rows out."""
    for team in ("burgerzaken", "wmo", "parkeren", "vergunningen", "openbare-ruimte"):
        add_cases(count // 5, party="999990019", team=team)
        add_cases(count, party="999990019", team=team, closed_at=now(), status="afgerond")
    add_cases(count // 10)


def appointments_on_many_days(count: int, day: date) -> None:
    for offset in range(-15, 15):
        add_appointments(count // 30, day + timedelta(days=offset))


def dashboard_among_old_work(count: int) -> None:
    """This period's work among two years' older work."""
    add_dashboard_work(count, now() - timedelta(days=700))
    add_dashboard_work(count // 10)


PAGES = {
    # name: (persona, url, fill, indexes that must be in the plans; a tuple: one of them)
    "mijn-zaken": ("inwoner", "/mijn-zaken", cases_among_many, {"ix_cases_case_party_created"}),
    "berichtenbox": (
        "inwoner",
        "/berichten",
        cases_among_many,
        {"ix_cases_case_party_created", "ix_cases_message_case_id"},
    ),
    "backoffice-queue": (
        "behandelaar",
        "/medewerkers/zaken",
        cases_among_many,
        # The team's open cases; with few open cases in all, the open ones through closed_at.
        {("ix_cases_case_open_team", "ix_cases_case_closed_at")},
    ),
    "reports-public": (
        None,
        "/meldingen-in-de-buurt",
        add_reports,
        {"ix_reports_report_created_at"},
    ),
    "agenda-day": (
        "behandelaar",
        "/medewerkers/afspraken?locatie=gemeentehuis&datum={day}",
        appointments_on_many_days,
        {("ix_appointments_appointment_day", "ix_appointments_appointment_starts_at")},
    ),
    "dashboard": (
        "teamleider",
        "/medewerkers/dashboard/",
        dashboard_among_old_work,
        {
            "ix_cases_case_closed_at",
            "ix_cases_feedback_created_at",
            "ix_appointments_appointment_starts_at",
        },
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_a_list_page_reads_through_its_indexes(name, client, sign_in, town_hall):
    persona, url, fill, expected = PAGES[name]
    if persona:
        sign_in(persona)
    if "{day}" in url:
        url = url.format(day=town_hall.isoformat())
        fill(ROWS, town_hall)
    else:
        fill(ROWS)
    _analyze()
    with count_queries() as counted:
        assert client.get(url).status_code == 200
    used = indexes_used(counted.statements, counted.parameters)
    missing = [
        wanted
        for wanted in expected
        if not used.intersection(wanted if isinstance(wanted, tuple) else (wanted,))
    ]
    assert missing == [], (sorted(used), counted.report())
