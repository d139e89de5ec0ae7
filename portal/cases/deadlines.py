"""The daily proactive check: warn before a service norm is missed, and remind residents.

A case is "at risk" when at most two working days are left and "late" when its date has
passed. The team and the resident hear about each state once per case (`deadline_notified`).
While a case waits for the resident the norm clock stands still, so it is not flagged then;
instead the resident is reminded of open tasks every TASK_REMINDER_DAYS days.
"""

import logging
import threading
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.cases.calendar import NormStatus, norm_status
from portal.cases.models import Case
from portal.cases.services import notify, notify_team, now, stored_text, today
from portal.cases.texts import WAITING_FOR_RESIDENT
from portal.extensions import db
from portal.jobs import DAY, in_transaction, run_each_period

log = logging.getLogger(__name__)

TASK_REMINDER_DAYS = 5
_SEVERITY = {None: 0, NormStatus.AT_RISK.value: 1, NormStatus.LATE.value: 2}


@dataclass
class CheckSummary:
    at_risk: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)
    reminded: list[str] = field(default_factory=list)


def delay_reason(case: Case) -> str:
    """Why a case is late, in words for the resident; the handler's own reason when given."""
    if case.delay_reason:
        return case.delay_reason
    return stored_text(
        _l(
            "Wij hebben meer tijd nodig dan afgesproken. Dat spijt ons. "
            "Uw behandelaar neemt contact met u op over de nieuwe datum."
        )
    )


def check_deadlines(on: date | None = None) -> CheckSummary:
    """Flag cases at risk or late and remind residents of open tasks. Flushes, never commits."""
    on = on or today()
    summary = CheckSummary()
    open_cases = db.session.scalars(
        select(Case).where(Case.closed_at.is_(None)).order_by(Case.id)
    ).all()
    for case in open_cases:
        _check_norm(case, on, summary)
        _remind_tasks(case, summary)
    db.session.flush()
    return summary


def _check_norm(case: Case, on: date, summary: CheckSummary) -> None:
    if case.status == WAITING_FOR_RESIDENT or case.open_tasks:
        return
    state = norm_status(case.expected_completion, on)
    if state == NormStatus.ON_TIME or _SEVERITY[state.value] <= _SEVERITY[case.deadline_notified]:
        return
    case.deadline_notified = state.value
    expected = case.expected_completion.isoformat()
    if state == NormStatus.AT_RISK:
        notify("deadline_at_risk", case, {"expected": expected})
        notify_team("deadline_at_risk", case, {"expected": expected})
        summary.at_risk.append(case.number)
    else:
        reason = delay_reason(case)
        notify("deadline_missed", case, {"expected": expected, "reason": reason})
        notify_team("deadline_missed", case, {"expected": expected, "reason": reason})
        summary.late.append(case.number)


def _remind_tasks(case: Case, summary: CheckSummary) -> None:
    moment = now()
    for task in case.open_tasks:
        last = task.last_reminded_at or task.created_at
        if moment - last < timedelta(days=TASK_REMINDER_DAYS):
            continue
        task.last_reminded_at = moment
        due = task.due.isoformat() if task.due else None
        notify("task_reminder", case, {"task_id": task.id, "due": due})
        summary.reminded.append(case.number)


def run_check(app: Flask) -> CheckSummary | None:
    """One check in its own app context and transaction; errors are logged, not raised."""
    try:
        return check_and_log(app)
    except Exception:
        log.exception("deadline check failed")
        return None


def check_and_log(app: Flask) -> CheckSummary:
    """One check in its own app context and transaction; errors are raised."""
    summary = in_transaction(app, check_deadlines)
    log.info(
        "deadline check: %d at risk, %d late, %d reminders",
        len(summary.at_risk),
        len(summary.late),
        len(summary.reminded),
    )
    return summary


def start_daily_checks(
    app: Flask, interval_seconds: float = DAY, stop: threading.Event | None = None
) -> threading.Thread:
    """For `make run` (listed in portal.devtools.services.BACKGROUND_JOBS): check now and then
    once a day, in a daemon thread; with several workers only one checks each day."""
    return run_each_period(
        app, interval_seconds, lambda: check_and_log(app), name="deadline-checks", stop=stop
    )
