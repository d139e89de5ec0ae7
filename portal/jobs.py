"""Background jobs for `make run`: one helper that runs a job now and then every so often in a
daemon thread, next to the web server. The starters are listed in
`portal.devtools.services.BACKGROUND_JOBS`; in production a scheduler runs the matching
`flask ...` command instead.
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
