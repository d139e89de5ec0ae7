"""The worker that empties the outbox: `flask --app portal notifications-worker [--once]`,
and a daemon thread for `make run` (listed in portal.devtools.services.BACKGROUND_JOBS)."""

import logging
import threading

import click
from flask import Flask

from portal.extensions import db
from portal.notifications.services import send_batch

log = logging.getLogger(__name__)

IDLE_SECONDS = 5.0
BATCH_SIZE = 50


def run_once(app: Flask, limit: int = BATCH_SIZE) -> int:
    """Send what is due, batch after batch, until nothing is due; the number sent."""
    total = 0
    with app.app_context():
        try:
            while True:
                handled, sent = send_batch(limit)
                total += sent
                if handled < limit:
                    return total
        finally:
            db.session.remove()


def run_forever(
    app: Flask, idle_seconds: float = IDLE_SECONDS, stop: threading.Event | None = None
):
    """Keep sending; a database or code error is logged and the loop goes on."""
    stop = stop or threading.Event()
    while not stop.is_set():
        try:
            run_once(app)
        except Exception:
            log.exception("notification worker: round failed, trying again")
        stop.wait(idle_seconds)


def start_worker_thread(app: Flask) -> threading.Thread:
    """For `make run`: the worker loop in a daemon thread next to the web server."""
    thread = threading.Thread(target=run_forever, args=(app,), name="notifications", daemon=True)
    thread.start()
    return thread


def init_app(app: Flask) -> None:
    @app.cli.command("notifications-worker")
    @click.option("--once", is_flag=True, help="Send what is due now, then stop.")
    @click.option(
        "--interval", default=IDLE_SECONDS, show_default=True, help="Seconds between rounds."
    )
    def notifications_worker(once: bool, interval: float) -> None:
        """Send the e-mails in the outbox over SMTP, with retries."""
        if once:
            click.echo(f"notifications sent: {run_once(app)}")
            return
        click.echo("notification worker running; Ctrl-C stops it")
        try:
            run_forever(app, interval)
        except KeyboardInterrupt:
            click.echo("notification worker stopped")
