"""Removing processing log entries past their retention period: the functional administrator's
setting `retention_processing_log_days` (default two years, as `processing_log.RETENTION`).

`cleanup_once(app)` does one round (also behind `flask processing-log-cleanup`);
`start_daily_cleanup(app)` runs it once a day in a daemon thread next to the web server
(listed in `portal.devtools.services.BACKGROUND_JOBS`).
"""

import logging
import threading
from datetime import UTC, datetime, timedelta

from flask import Flask
from sqlalchemy import delete

from portal.administration import settings
from portal.extensions import db
from portal.jobs import DAY, in_transaction, run_each_period
from portal.registries.models import ProcessingLogEntry

log = logging.getLogger(__name__)


def remove_past_retention(now: datetime | None = None) -> int:
    """Delete entries older than the retention period; returns how many went."""
    days = settings.get("retention_processing_log_days")
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    result = db.session.execute(
        delete(ProcessingLogEntry).where(ProcessingLogEntry.occurred_at < cutoff)
    )
    db.session.flush()
    return result.rowcount or 0


def cleanup_once(app: Flask) -> int:
    removed = in_transaction(app, remove_past_retention)
    if removed:
        log.info("removed %s processing log entries past retention", removed)
    return removed


def start_daily_cleanup(
    app: Flask, interval_seconds: float = DAY, stop: threading.Event | None = None
) -> threading.Thread:
    return run_each_period(
        app, interval_seconds, lambda: cleanup_once(app), name="processing-log-cleanup", stop=stop
    )
