"""Removing expired drafts: their answers and files are kept no longer than people are told.

`purge_once(app)` does one round; `start_draft_cleanup(app)` runs it every hour in a daemon
thread next to the web server (listed in `portal.devtools.services.BACKGROUND_JOBS`).
"""

import logging
import threading
import time

from flask import Flask

from portal.extensions import db
from portal.requests import services

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 3600


def purge_once(app: Flask) -> int:
    with app.app_context():
        removed = services.purge_expired()
        db.session.commit()
        db.session.remove()
    if removed:
        log.info("removed %s expired drafts", removed)
    return removed


def _run_forever(app: Flask, interval: float) -> None:
    while True:
        try:
            purge_once(app)
        except Exception:  # a failed round must not stop the next one
            log.exception("draft clean-up failed")
        time.sleep(interval)


def start_draft_cleanup(app: Flask, interval: float = INTERVAL_SECONDS) -> threading.Thread:
    thread = threading.Thread(
        target=_run_forever, args=(app, interval), name="draft-cleanup", daemon=True
    )
    thread.start()
    return thread
