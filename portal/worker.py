"""`flask worker`: the background work in a process of its own, for production.

`make run` starts the same jobs as threads next to the development server; under gunicorn
the web processes only serve pages and one or more `flask worker` processes run the jobs
listed in `portal.devtools.services.BACKGROUND_JOBS`: outbox delivery, reminders,
clean-ups, scheduled publication and the daily checks. Two workers are safe: outbox rows and
reminders are claimed row by row, the other jobs run once per period across all workers
(portal.operations.schedule).

Every HEARTBEAT_SECONDS the worker writes its `WorkerHeartbeat` row, so `/readyz` can tell
whether background work is being done; a clean stop (SIGTERM, Ctrl-C) removes the row, a
killed worker's row simply grows old and is removed after a day by the other workers.
"""

import logging
import signal
import threading
from datetime import datetime, timedelta

import click
from flask import Flask
from sqlalchemy import delete

from portal.components.clock import utc_now
from portal.extensions import db
from portal.operations.models import WorkerHeartbeat
from portal.operations.schedule import worker_id

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 15.0
FORGET_DEAD_WORKERS = timedelta(days=1)


def beat(app: Flask, worker: str, started_at: datetime) -> None:
    """Write this worker's sign of life (and forget workers silent for a day)."""
    with app.app_context():
        try:
            moment = utc_now()
            row = db.session.get(WorkerHeartbeat, worker)
            if row is None:
                db.session.add(
                    WorkerHeartbeat(worker=worker, started_at=started_at, beat_at=moment)
                )
            else:
                row.beat_at = moment
            db.session.execute(
                delete(WorkerHeartbeat).where(
                    WorkerHeartbeat.beat_at < moment - FORGET_DEAD_WORKERS
                )
            )
            db.session.commit()
        finally:
            db.session.remove()


def sign_off(app: Flask, worker: str) -> None:
    with app.app_context():
        try:
            db.session.execute(delete(WorkerHeartbeat).where(WorkerHeartbeat.worker == worker))
            db.session.commit()
        finally:
            db.session.remove()


def run_worker(
    app: Flask, stop: threading.Event, heartbeat_seconds: float = HEARTBEAT_SECONDS
) -> None:
    from portal.devtools.services import BACKGROUND_JOBS, start_background_jobs

    worker = worker_id()
    started_at = utc_now()
    start_background_jobs(app)
    log.info("worker %s started: %s jobs", worker, len(BACKGROUND_JOBS))
    try:
        while True:
            try:
                beat(app, worker, started_at)
            except Exception:  # the database may be back by the next beat
                log.exception("worker %s: heartbeat not written", worker)
            if stop.wait(heartbeat_seconds):
                break
    finally:
        log.info("worker %s stopping", worker)
        try:
            sign_off(app, worker)
        except Exception:
            log.exception("worker %s: heartbeat not removed", worker)


def init_app(app: Flask) -> None:
    @app.cli.command("worker")
    def worker_command() -> None:
        """Run the background jobs (outbox, reminders, clean-ups, publication) until stopped."""
        stop = threading.Event()

        def _stop(signum, frame) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        click.echo("MijnGemeente worker: background jobs running; stop with Ctrl-C or SIGTERM")
        run_worker(app, stop)
