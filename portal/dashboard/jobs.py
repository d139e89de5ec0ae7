"""Sending the weekly summary: on Monday from 07:00 (Europe/Amsterdam) the summary of the
week before goes to every team leader, once (see `summary`). The background starter checks
every hour, so a server that was down on Monday morning sends it when it is back; the
summary of a week is never sent twice. In production a scheduler runs
`flask dashboard-weekly-summary` on Monday morning.
"""

import logging
import threading
from datetime import date, datetime, timedelta

import click
from flask import Flask

from portal.cases.services import now as utc_now
from portal.dashboard import backlog, summary
from portal.dashboard.periods import Period, local_now, week_of
from portal.jobs import HOUR, in_transaction, run_every
from portal.operations.schedule import run_once_per_period

log = logging.getLogger(__name__)
SEND_FROM_HOUR = 7


def week_due(moment: datetime) -> Period | None:
    """The week whose summary may go out at `moment` (naive UTC): last week, except on
    Monday before 07:00, when the team leaders' week has not started yet."""
    local = local_now(moment)
    if local.weekday() == 0 and local.hour < SEND_FROM_HOUR:
        return None
    return week_of(local.date() - timedelta(days=7))


def parse_week(text: str) -> Period:
    """ "2026-W05" -> that ISO week."""
    year, _, week = text.upper().partition("-W")
    return week_of(date.fromisocalendar(int(year), int(week), 1))


def send_once(app: Flask, week: Period | None = None, moment: datetime | None = None) -> int:
    def work() -> int:
        at = moment or utc_now()
        due = week or week_due(at)
        if due is None:
            return 0
        return summary.send_for_week(due, today=local_now(at).date(), now=at)

    written = in_transaction(app, work)
    if written:
        log.info("wrote %s weekly dashboard summaries", written)
    return written


def start_weekly_summary(
    app: Flask, interval_seconds: float = HOUR, stop: threading.Event | None = None
) -> threading.Thread:
    """For `make run` and `flask worker` (portal.devtools.services.BACKGROUND_JOBS): looks
    every hour whether a week is due; with several workers one sends each week's summary."""
    return run_every(
        interval_seconds, lambda: send_week_once(app), name="dashboard-weekly", stop=stop
    )


def send_week_once(app: Flask, moment: datetime | None = None) -> bool:
    """The summary of the week that is due, once per week across all workers (the unique
    outbox key already prevents a second e-mail; this also saves the second run's work)."""
    due = week_due(moment or utc_now())
    if due is None:
        return False
    with app.app_context():
        return run_once_per_period(
            "dashboard-weekly", due.iso_week, lambda: send_once(app, due, moment)
        )


def refresh_backlog(app: Flask, moment: datetime | None = None) -> bool:
    """Count today's open cases again, so the dashboard reads a count at most a few minutes
    old instead of counting them itself (see `backlog`); True when a count was kept."""

    def work() -> bool:
        at = moment or utc_now()
        return backlog.refresh(local_now(at).date(), at)

    return in_transaction(app, work)


def start_backlog_refresh(
    app: Flask, interval_seconds: float | None = None, stop: threading.Event | None = None
) -> threading.Thread:
    """For `make run` and `flask worker` (portal.devtools.services.BACKGROUND_JOBS)."""
    every = interval_seconds or backlog.REFRESH_EVERY.total_seconds()
    return run_every(every, lambda: refresh_backlog(app), name="dashboard-backlog", stop=stop)


def init_app(app: Flask) -> None:
    @app.cli.command("dashboard-weekly-summary")
    @click.option("--week", "week_text", default="", help="ISO-week, bijvoorbeeld 2026-W05.")
    def weekly_summary_command(week_text: str) -> None:
        """Send last week's dashboard summary to the team leaders (once per week and team)."""
        try:
            week = (
                parse_week(week_text)
                if week_text
                else week_of(local_now().date() - timedelta(days=7))
            )
        except ValueError as error:
            raise click.BadParameter("gebruik de vorm 2026-W05", param_hint="--week") from error
        written = send_once(app, week)
        click.echo(f"{written} weekoverzichten klaargezet voor week {week.iso_week}")
