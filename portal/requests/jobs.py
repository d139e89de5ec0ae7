"""Removing expired drafts: their answers and files are kept no longer than people are told.

`purge_once(app)` does one round; `start_draft_cleanup(app)` runs it every hour in a daemon
thread next to the web server (listed in `portal.devtools.services.BACKGROUND_JOBS`).
"""

import logging
import threading

from flask import Flask

from portal.jobs import HOUR, in_transaction, run_every
from portal.requests import services

log = logging.getLogger(__name__)
INTERVAL_SECONDS = HOUR


def purge_once(app: Flask) -> int:
    removed = in_transaction(app, services.purge_expired)
    if removed:
        log.info("removed %s expired drafts", removed)
    return removed


def start_draft_cleanup(
    app: Flask, interval: float = INTERVAL_SECONDS, stop: threading.Event | None = None
) -> threading.Thread:
    return run_every(interval, lambda: purge_once(app), name="draft-cleanup", stop=stop)
