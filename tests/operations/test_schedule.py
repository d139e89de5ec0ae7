"""Scheduled jobs run once per period, however many schedulers run them
(portal.operations.schedule): two at the same moment give one run, a failure is recorded,
a run left behind by a crashed worker is taken over."""

import threading
import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.jobs import run_each_period
from portal.operations.models import JobRun
from portal.operations.schedule import period_key, run_once_per_period, worker_id

PERIOD = "2026-12-03"


def runs() -> list[JobRun]:
    db.session.rollback()
    return list(db.session.scalars(select(JobRun).order_by(JobRun.id)))


def test_two_schedulers_at_the_same_moment_run_the_job_once(app):
    calls = []
    results = []
    ready = threading.Barrier(2)

    def scheduler() -> None:
        with app.app_context():  # each its own app context, session and connection
            ready.wait()

            def work() -> None:
                calls.append(threading.get_ident())
                time.sleep(0.3)  # still running when the other one looks

            results.append(run_once_per_period("daily-check", PERIOD, work))
            db.session.remove()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    assert len(calls) == 1
    assert sorted(results) == [False, True]
    [run] = runs()
    assert (run.job, run.period, run.outcome) == ("daily-check", PERIOD, "done")
    assert run.finished_at is not None


def test_two_workers_with_the_same_schedule_run_it_once_per_period(app):
    calls = []
    stop = threading.Event()
    stop.set()  # one round each
    threads = [
        run_each_period(app, 3600, lambda: calls.append(1), name="cleanup", stop=stop)
        for _ in range(2)
    ]
    for thread in threads:
        thread.join(timeout=10)
    assert calls == [1]
    assert [run.period for run in runs()] == [period_key(3600)]


def test_the_next_period_runs_again(app):
    calls = []
    assert run_once_per_period("daily-check", "2026-12-03", lambda: calls.append(1))
    assert not run_once_per_period("daily-check", "2026-12-03", lambda: calls.append(1))
    assert run_once_per_period("daily-check", "2026-12-04", lambda: calls.append(1))
    assert calls == [1, 1]


def test_a_failed_run_is_recorded_without_its_message(app):
    def work() -> None:
        raise ValueError("mail to jan@example.org for 999990007 bounced")

    with pytest.raises(ValueError):
        run_once_per_period("daily-check", PERIOD, work)

    [run] = runs()
    assert run.outcome == "failed"
    assert run.error.startswith("ValueError at tests/operations/test_schedule.py:")
    assert "jan@example.org" not in run.error and "999990007" not in run.error


def test_a_failed_run_is_tried_again_after_the_retry_delay(app):
    started = datetime(2026, 12, 3, 8, 0)
    with pytest.raises(RuntimeError):
        run_once_per_period("daily-check", PERIOD, _fail, at=started)
    [failed] = runs()
    failed.finished_at = started  # finished at once
    db.session.commit()

    calls = []
    soon = started + timedelta(minutes=5)
    assert not run_once_per_period("daily-check", PERIOD, lambda: calls.append(1), at=soon)
    later = started + timedelta(minutes=11)
    assert run_once_per_period("daily-check", PERIOD, lambda: calls.append(1), at=later)
    assert calls == [1]
    [run] = runs()
    assert (run.outcome, run.error) == ("done", None)


def test_a_run_left_behind_by_a_crashed_worker_is_taken_over(app):
    now = datetime(2026, 12, 3, 8, 0)
    db.session.add(
        JobRun(
            job="daily-check",
            period=PERIOD,
            worker="gone-host:4242:dead",
            started_at=now - timedelta(minutes=31),
            outcome="running",
        )
    )
    db.session.commit()
    calls = []

    assert run_once_per_period("daily-check", PERIOD, lambda: calls.append(1), at=now)

    assert calls == [1]
    [run] = runs()
    assert (run.worker, run.outcome) == (worker_id(), "done")


def test_a_run_that_is_still_going_is_not_taken_over(app):
    now = datetime(2026, 12, 3, 8, 0)
    db.session.add(
        JobRun(
            job="daily-check",
            period=PERIOD,
            worker="other-host:4242:busy",
            started_at=now - timedelta(minutes=5),
            outcome="running",
        )
    )
    db.session.commit()
    calls = []
    assert not run_once_per_period("daily-check", PERIOD, lambda: calls.append(1), at=now)
    assert calls == []
    assert runs()[0].worker == "other-host:4242:busy"


def test_the_stale_limit_is_a_setting(app):
    app.config["OPERATIONS_STALE_SECONDS"] = 60
    now = datetime(2026, 12, 3, 8, 0)
    db.session.add(
        JobRun(
            job="publish",
            period="2026-12-03T07:58Z",
            worker="other-host:1:x",
            started_at=now - timedelta(minutes=2),
            outcome="running",
        )
    )
    db.session.commit()
    assert run_once_per_period("publish", "2026-12-03T07:58Z", lambda: None, at=now)


def test_period_keys():
    # 23:30 UTC on 3 December is already 4 December in Amsterdam.
    assert period_key(24 * 3600, datetime(2026, 12, 3, 23, 30)) == "2026-12-04"
    assert period_key(24 * 3600, datetime(2026, 12, 3, 22, 30)) == "2026-12-03"
    assert period_key(3600, datetime(2026, 12, 3, 10, 59, 59)) == "2026-12-03T10:00Z"
    assert period_key(60, datetime(2026, 12, 3, 10, 15, 30)) == "2026-12-03T10:15Z"
    assert period_key(30, datetime(2026, 12, 3, 10, 15, 45)) == "2026-12-03T10:15:30Z"


def test_the_worker_id_names_host_process_and_a_random_part():
    import os
    import socket

    host, pid, random = worker_id().rsplit(":", 2)
    assert host == socket.gethostname()[:80] and pid == str(os.getpid()) and len(random) == 8
    assert worker_id() == worker_id()


def _fail() -> None:
    raise RuntimeError("database went away")


def test_the_weekly_summary_goes_once_per_week(app):
    from portal.dashboard.jobs import send_week_once

    monday_early = datetime(2026, 11, 30, 5, 0)  # 06:00 in Amsterdam: not yet
    assert not send_week_once(app, monday_early)
    assert runs() == []
    monday = datetime(2026, 11, 30, 9, 0)
    assert send_week_once(app, monday)
    assert not send_week_once(app, monday + timedelta(hours=1))  # the other worker's look
    [run] = runs()
    assert (run.job, run.period, run.outcome) == ("dashboard-weekly", "2026-W48", "done")
