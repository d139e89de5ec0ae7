"""Background jobs: helpers that run a job now and then every so often in a daemon thread,
next to the web server (`make run`) or in `flask worker`. The starters are listed in
`portal.devtools.services.BACKGROUND_JOBS`.

`run_every` is for jobs that are safe when two workers run them at the same moment (each
row claimed with a conditional UPDATE: outbox delivery, appointment holds and reminders).
`run_each_period` is for the others: it runs the job once per period across all workers
(portal.operations.schedule).
"""

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from flask import Flask

from portal.extensions import db

log = logging.getLogger(__name__)
T = TypeVar("T")

HOUR = 60 * 60
DAY = 24 * HOUR


def run_every(
    interval_seconds: float,
    job: Callable[[], object],
    *,
    name: str,
    stop: threading.Event | None = None,
) -> threading.Thread:
    """Run `job` now, then every `interval_seconds`, in a daemon thread until `stop` is set.

    A round that fails is logged; it does not stop the next round.
    """
    stop = stop or threading.Event()

    def loop() -> None:
        while True:
            try:
                job()
            except Exception:  # a failed round must not stop the next one
                log.exception("background job %s failed", name)
            if stop.wait(interval_seconds):
                return

    thread = threading.Thread(target=loop, name=name, daemon=True)
    thread.start()
    return thread


def run_each_period(
    app: Flask,
    period_seconds: float,
    job: Callable[[], object],
    *,
    name: str,
    stop: threading.Event | None = None,
) -> threading.Thread:
    """Run `job` once per period of `period_seconds`, however many workers run this schedule:
    each worker looks twice per period and the first look in a period, in any worker, runs it.
    Looking twice means a period is never skipped because the timer drifted past it."""
    from portal.operations.schedule import period_key, run_once_per_period

    def round_() -> None:
        with app.app_context():
            try:
                run_once_per_period(name, period_key(period_seconds), job)
            finally:
                db.session.remove()

    return run_every(period_seconds / 2, round_, name=name, stop=stop)


def in_transaction(app: Flask, work: Callable[[], T]) -> T:
    """One round of a job: `work` in its own app context and transaction, committed when it
    returns and rolled back when it raises; the session is closed either way."""
    with app.app_context():
        try:
            result = work()
            db.session.commit()
            return result
        except Exception:
            db.session.rollback()
            raise
        finally:
            db.session.remove()
