"""Removing processing log entries past their retention period.

`cleanup_once(app)` does one round (also behind `flask processing-log-cleanup`);
`start_daily_cleanup(app)` runs it once a day in a daemon thread next to the web server
(listed in `portal.devtools.services.BACKGROUND_JOBS`).
"""

import logging
import threading

from flask import Flask

from portal.jobs import DAY, in_transaction, run_every
from portal.registries.processing_log import remove_expired

log = logging.getLogger(__name__)


def cleanup_once(app: Flask) -> int:
    removed = in_transaction(app, remove_expired)
    if removed:
        log.info("removed %s processing log entries past retention", removed)
    return removed


def start_daily_cleanup(
    app: Flask, interval_seconds: float = DAY, stop: threading.Event | None = None
) -> threading.Thread:
    return run_every(
        interval_seconds, lambda: cleanup_once(app), name="processing-log-cleanup", stop=stop
    )
