"""Letting go of holds that ran out: a resident who stopped halfway does not keep a time.

Booking also frees an expired hold the moment someone needs its time, and availability
already counts it as free, so this job only tidies up (and releases holds at an outside back
end). `release_once(app)` does one round; `start_hold_release(app)` runs it every minute in a
daemon thread next to the web server (listed in `portal.devtools.services.BACKGROUND_JOBS`);
in production a scheduler runs `flask release-held-appointments`.
"""

import logging
import threading

import click
from flask import Flask

from portal.appointments import booking
from portal.jobs import in_transaction, run_every

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 60


def release_once(app: Flask) -> int:
    released = in_transaction(app, booking.release_expired_holds)
    if released:
        log.info("released %s expired appointment holds", released)
    return released


def start_hold_release(
    app: Flask, interval: float = INTERVAL_SECONDS, stop: threading.Event | None = None
) -> threading.Thread:
    return run_every(interval, lambda: release_once(app), name="appointment-holds", stop=stop)


def init_app(app: Flask) -> None:
    @app.cli.command("release-held-appointments")
    def release_held_appointments_command() -> None:
        """Free the times of appointments whose hold ran out."""
        click.echo(f"{release_once(app)} verlopen reserveringen vrijgegeven")
