"""The daily check: at risk and late cases are flagged once; open tasks are reminded."""

from datetime import date, datetime, timedelta

import pytest

from portal.cases import creation, deadlines, handling, services


@pytest.fixture
def clock(monkeypatch):
    moment = {"now": datetime(2026, 3, 9, 9, 0)}  # Monday 9 March 2026
    for module in (services, creation, handling, deadlines):
        monkeypatch.setattr(module, "now", lambda: moment["now"])
    return moment


def test_a_case_with_time_left_is_not_flagged(new_case, clock, outbox):
    case = new_case("parkeervergunning-bewoners")  # due Monday 16 March
    assert case.expected_completion == date(2026, 3, 16)
    summary = deadlines.check_deadlines(date(2026, 3, 11))
    assert summary.at_risk == [] and summary.late == []


def test_at_risk_tells_resident_and_team_once(new_case, clock, outbox):
    case = new_case("parkeervergunning-bewoners")
    first = deadlines.check_deadlines(date(2026, 3, 12))  # Thursday: 2 working days left
    again = deadlines.check_deadlines(date(2026, 3, 13))
    assert first.at_risk == [case.number] and again.at_risk == []
    events = outbox.named("deadline_at_risk")
    assert len(events) == 2
    assert [e[3].get("recipient") for e in events] == [None, "team"]
    assert events[1][3]["team_email"] == "parkeren@voorbeeld.example"


def test_the_handler_of_the_case_is_warned_in_person(new_case, clock, outbox, handler):
    case = new_case("parkeervergunning-bewoners")
    handling.assign(case, handler("Maria Visser", "parkeren"))
    deadlines.check_deadlines(date(2026, 3, 12))
    [_, to_handler] = outbox.named("deadline_at_risk")
    assert to_handler[3]["team_email"] == "maria.visser@voorbeeld.example"


def test_late_says_why_and_is_sent_once(new_case, clock, outbox):
    case = new_case("parkeervergunning-bewoners")
    deadlines.check_deadlines(date(2026, 3, 12))
    summary = deadlines.check_deadlines(date(2026, 3, 17))
    deadlines.check_deadlines(date(2026, 3, 18))
    assert summary.late == [case.number]
    missed = outbox.named("deadline_missed")
    assert len(missed) == 2
    assert "meer tijd nodig" in missed[0][3]["reason"]


def test_the_handlers_reason_is_used_when_given(new_case, clock, outbox, handler):
    case = new_case("parkeervergunning-bewoners")
    case.delay_reason = "Wij wachten op de RDW."
    deadlines.check_deadlines(date(2026, 3, 17))
    assert outbox.named("deadline_missed")[0][3]["reason"] == "Wij wachten op de RDW."


def test_a_case_waiting_for_the_resident_is_not_flagged(new_case, clock, outbox):
    case = new_case("parkeervergunning-bewoners")
    handling.request_information(case, "Stuur een kopie van uw kentekenbewijs.", None)
    summary = deadlines.check_deadlines(date(2026, 3, 17))
    assert summary.late == []


def test_closed_cases_are_left_alone(new_case, clock, outbox, handler):
    case = new_case("parkeervergunning-bewoners")
    handling.close_case(case, "toegekend", None, handler())
    assert deadlines.check_deadlines(date(2026, 3, 30)).late == []


def test_open_tasks_are_reminded_every_few_days(new_case, clock, outbox):
    case = new_case("parkeervergunning-bewoners")
    handling.request_information(case, "Stuur een kopie van uw kentekenbewijs.", None)
    assert deadlines.check_deadlines().reminded == []
    clock["now"] += timedelta(days=deadlines.TASK_REMINDER_DAYS)
    assert deadlines.check_deadlines().reminded == [case.number]
    clock["now"] += timedelta(days=1)
    assert deadlines.check_deadlines().reminded == []
    assert len(outbox.named("task_reminder")) == 1


def test_the_command_commits_and_reports(new_case, clock, runner):
    new_case("parkeervergunning-bewoners")
    from portal.extensions import db

    db.session.commit()
    result = runner.invoke(args=["check-deadlines", "--date", "2026-03-17"])
    assert result.exit_code == 0, result.output
    assert "1 te laat" in result.output
    db.session.expire_all()
    from portal.cases.models import Case

    assert db.session.scalars(db.select(Case)).one().deadline_notified == "late"


def test_make_run_starts_the_daily_check(app, new_case, clock):
    import threading

    from portal.cases.models import Case
    from portal.devtools.services import BACKGROUND_JOBS
    from portal.extensions import db

    assert "portal.cases.deadlines:start_daily_checks" in BACKGROUND_JOBS
    case = new_case("parkeervergunning-bewoners")
    case.expected_completion = date(2026, 3, 2)  # a week before the clock's Monday: late
    db.session.commit()
    stop = threading.Event()
    thread = deadlines.start_daily_checks(app, interval_seconds=3600, stop=stop)
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    db.session.expire_all()
    assert db.session.scalars(db.select(Case)).one().deadline_notified == "late"
