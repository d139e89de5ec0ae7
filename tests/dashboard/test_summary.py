"""The weekly summary for team leaders: who gets it, what it says, once per week and team."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from portal.administration.models import StaffMember, Team
from portal.dashboard import jobs, summary
from portal.dashboard.periods import Period
from portal.devtools.services import BACKGROUND_JOBS
from portal.extensions import db
from portal.notifications import compose
from portal.notifications.models import OutboxEvent
from tests.dashboard import factories

# Monday 16 to Sunday 22 November 2026 (ISO week 47); sent on Monday 23 November.
WEEK = Period(date(2026, 11, 16), date(2026, 11, 22))
MONDAY_MORNING = datetime(2026, 11, 23, 7, 30)  # 08:30 in Amsterdam
NOW = datetime.now(UTC).replace(tzinfo=None)


def _team(slug: str, lead_email: str, active: bool = True) -> None:
    db.session.add(
        Team(slug=slug, name=f"Team {slug}", lead_email=lead_email, active=active, updated_at=NOW)
    )


def _staff(staff_id: str, team: str, email: str, roles=("team_lead",), active=True) -> None:
    db.session.add(
        StaffMember(
            staff_id=staff_id,
            name=staff_id,
            email=email,
            roles=list(roles),
            team=team,
            active=active,
            updated_at=NOW,
        )
    )


def _rows() -> list[OutboxEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxEvent).where(OutboxEvent.audience == "team_lead")))


@pytest.fixture
def teams(app):
    _team("burgerzaken", "lotte.bos@voorbeeld.example")
    _team("wmo", "")
    _team("afval", "oud@voorbeeld.example", active=False)
    _staff("lotte", "burgerzaken", "Lotte.Bos@voorbeeld.example")  # the same address
    _staff("eva", "wmo", "eva@voorbeeld.example")
    _staff("tom", "wmo", "tom@voorbeeld.example", roles=("editor",))
    _staff("piet", "wmo", "piet@voorbeeld.example", active=False)
    db.session.commit()


def _week_of_work() -> dict:
    """Marks and cases of the week for team burgerzaken, and one outside it."""
    marks = [6, 9, 8]
    for i, mark in enumerate(marks):
        case = factories.make_case(
            created_at=datetime(2026, 11, 10, 9),
            closed_at=datetime(2026, 11, 17 + i, 10),
            expected=date(2026, 11, 18),
        )
        factories.give_mark(case, mark, datetime(2026, 11, 18 + i, 10), "Prima")
    other = factories.make_case(team="wmo", created_at=datetime(2026, 11, 10, 9))
    factories.give_mark(other, 1, datetime(2026, 11, 18, 10))
    db.session.commit()
    return {"average": "7,7", "within": "66,7 %"}  # (6+9+8)/3; 2 of 3 closed by the 18th


def test_the_leads_are_found_once_per_team_and_address(teams):
    found = [(lead.team, lead.address.lower()) for lead in summary.leads()]
    assert sorted(found) == [
        ("burgerzaken", "lotte.bos@voorbeeld.example"),
        ("wmo", "eva@voorbeeld.example"),
    ]


def test_the_summary_goes_into_the_outbox_once_per_week_and_team(teams):
    expected = _week_of_work()

    assert summary.send_for_week(WEEK, today=date(2026, 11, 23), now=MONDAY_MORNING) == 2
    db.session.commit()
    assert summary.send_for_week(WEEK, today=date(2026, 11, 24), now=MONDAY_MORNING) == 0
    db.session.commit()

    rows = _rows()
    assert sorted(row.payload["team"] for row in rows) == ["burgerzaken", "wmo"]
    ours = next(row for row in rows if row.payload["team"] == "burgerzaken")
    assert ours.payload["week"] == "2026-W47"
    assert ours.payload["figures"]["mark"] == expected["average"]
    assert ours.payload["figures"]["within_norm"] == expected["within"]
    assert "Prima" not in str(ours.payload)  # comments stay on the dashboard

    following = Period(date(2026, 11, 23), date(2026, 11, 29))
    assert summary.send_for_week(following, today=date(2026, 11, 30), now=NOW) == 2


def test_the_email_has_the_figures_and_links_to_the_dashboard(teams):
    _week_of_work()
    summary.send_for_week(WEEK, today=date(2026, 11, 23), now=MONDAY_MORNING)
    db.session.commit()
    row = next(row for row in _rows() if row.payload["team"] == "burgerzaken")

    recipient = compose.recipient_for(row)
    message = compose.compose(row, recipient)

    assert recipient.address == "lotte.bos@voorbeeld.example"
    assert message["Subject"] == "Weekoverzicht Team burgerzaken, week 47"
    body = message.get_body(("plain",)).get_content()
    assert "Gemiddeld cijfer van inwoners: 7,7. Het doel is 7,0." in body
    assert "Zaken op tijd afgerond: 66,7 %." in body
    assert "/medewerkers/dashboard/?periode=zelf-kiezen&vanaf-day=16" in body
    assert "teamleider" in body
    # No contacts that week: the line and its target are left out.
    assert "in één keer beantwoord" not in body


def test_a_team_leader_who_left_gets_nothing(teams):
    summary.send_for_week(WEEK, today=date(2026, 11, 23), now=MONDAY_MORNING)
    db.session.commit()
    db.session.scalar(select(StaffMember).where(StaffMember.staff_id == "eva")).active = False
    db.session.commit()
    row = next(row for row in _rows() if row.payload["team"] == "wmo")

    assert compose.recipient_for(row).address is None


@pytest.mark.parametrize(
    ("moment", "week"),
    [
        (datetime(2026, 11, 23, 5, 30), None),  # Monday 06:30 in Amsterdam: not yet
        (datetime(2026, 11, 23, 6, 0), WEEK),  # Monday 07:00
        (datetime(2026, 11, 26, 12, 0), WEEK),  # Thursday: still last week (sent once)
        (datetime(2026, 11, 22, 22, 0), Period(date(2026, 11, 9), date(2026, 11, 15))),
    ],
)
def test_which_week_is_due(moment, week):
    assert jobs.week_due(moment) == week


def test_the_background_job_sends_once(app, teams):
    assert "portal.dashboard.jobs:start_weekly_summary" in BACKGROUND_JOBS
    assert jobs.send_once(app, moment=MONDAY_MORNING) == 2
    assert jobs.send_once(app, moment=MONDAY_MORNING) == 0
    assert jobs.send_once(app, moment=datetime(2026, 11, 23, 5, 0)) == 0


def test_the_command(runner, teams):
    result = runner.invoke(args=["dashboard-weekly-summary", "--week", "2026-W47"])
    assert result.exit_code == 0, result.output
    assert "2 weekoverzichten klaargezet voor week 2026-W47" in result.output
    again = runner.invoke(args=["dashboard-weekly-summary", "--week", "2026-W47"])
    assert "0 weekoverzichten" in again.output
    wrong = runner.invoke(args=["dashboard-weekly-summary", "--week", "week 47"])
    assert wrong.exit_code != 0
    assert "2026-W05" in wrong.output
