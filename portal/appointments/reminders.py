"""The reminder the day before an appointment: exactly once per appointment.

`send_reminders(now)` writes an outbox row for every booked appointment whose reminder is
due. The appointment is marked (`reminder_sent_at`) by a conditional UPDATE in the same
transaction as the outbox row: two runs at the same moment, or a run after a retry, cannot
both mark it, so the reminder is written once and only once, on SQLite and PostgreSQL.

When it is due: from 9.00 uur (Amsterdam) on the day before, until the appointment starts.
Someone who booked after that moment just got the confirmation, so they get no reminder.

`start_reminders(app)` runs it every 15 minutes next to the web server (listed in
`portal.devtools.services.BACKGROUND_JOBS`); in production a scheduler runs
`flask appointment-reminders`.
"""

import logging
import threading
from datetime import UTC, datetime, time, timedelta

import click
from flask import Flask
from sqlalchemy import select, update

from portal.appointments import notices, wording
from portal.appointments.models import Appointment
from portal.extensions import db
from portal.jobs import in_transaction, run_every

log = logging.getLogger(__name__)

REMINDER_HOUR = time(9, 0)
INTERVAL_SECONDS = 15 * 60


def now() -> datetime:
    """Naive UTC, as stored; a function so tests can move the clock."""
    return datetime.now(UTC).replace(tzinfo=None)


def reminder_moment(appointment: Appointment) -> datetime:
    """9.00 uur Amsterdam time on the day before the appointment, as naive UTC."""
    day_before = wording.local_day(appointment.starts_at) - timedelta(days=1)
    moment = datetime.combine(day_before, REMINDER_HOUR, tzinfo=wording.AMSTERDAM)
    return moment.astimezone(UTC).replace(tzinfo=None)


def is_due(appointment: Appointment, at: datetime) -> bool:
    moment = reminder_moment(appointment)
    return moment <= at < appointment.starts_at and appointment.created_at < moment


def _claim(appointment_id: int, at: datetime) -> bool:
    """Mark the reminder as sent, only if no one else did; True when this run did."""
    result = db.session.execute(
        update(Appointment)
        .where(
            Appointment.id == appointment_id,
            Appointment.reminder_sent_at.is_(None),
            Appointment.status == "booked",
        )
        .values(reminder_sent_at=at)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def send_reminders(at: datetime | None = None) -> int:
    """Write the reminders that are due; returns how many. Flushes, never commits."""
    moment = at or now()
    # Everything that starts within two days covers "tomorrow" in any season.
    candidates = db.session.scalars(
        select(Appointment).where(
            Appointment.status == "booked",
            Appointment.reminder_sent_at.is_(None),
            Appointment.starts_at > moment,
            Appointment.starts_at <= moment + timedelta(days=2),
        )
    ).all()
    sent = 0
    for appointment in candidates:
        if is_due(appointment, moment) and _claim(appointment.id, moment):
            db.session.expire(appointment, ["reminder_sent_at"])
            notices.reminder(appointment)
            sent += 1
    return sent


def remind_once(app: Flask) -> int:
    written = in_transaction(app, send_reminders)
    if written:
        log.info("wrote %s appointment reminders", written)
    return written


def start_reminders(
    app: Flask, interval: float = INTERVAL_SECONDS, stop: threading.Event | None = None
) -> threading.Thread:
    return run_every(interval, lambda: remind_once(app), name="appointment-reminders", stop=stop)


def init_app(app: Flask) -> None:
    @app.cli.command("appointment-reminders")
    def appointment_reminders_command() -> None:
        """Write the reminders for tomorrow's appointments to the outbox."""
        click.echo(f"{remind_once(app)} herinneringen voor afspraken klaargezet")
