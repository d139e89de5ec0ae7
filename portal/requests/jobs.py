"""Removing expired drafts: their answers and files are kept no longer than people are told.

The retention period is the functional administrator's setting `retention_request_drafts_days`
(default 30 days, as REQUEST_DRAFT_DAYS): a draft unchanged for longer goes, even when its own
end date lies later, so a shorter period applies at once to the drafts already there.

`purge_once(app)` does one round; `start_draft_cleanup(app)` runs it every hour in a daemon
thread next to the web server (listed in `portal.devtools.services.BACKGROUND_JOBS`).
"""

import logging
import threading
from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from portal.administration import settings
from portal.extensions import db
from portal.jobs import HOUR, in_transaction, run_each_period
from portal.requests import kept, services
from portal.requests.models import Draft

log = logging.getLogger(__name__)
INTERVAL_SECONDS = HOUR


def purge_past_retention() -> int:
    """Remove expired drafts, drafts unchanged for longer than the retention period, answers
    kept at a time-out that nobody came back for (`kept.py`), and what an unpaid payment kept
    for submitting its request."""
    from portal.payments.services import forget_stale_pending

    removed = services.purge_expired() + kept.purge_expired() + forget_stale_pending()
    cutoff = services.now() - timedelta(days=settings.get("retention_request_drafts_days"))
    stale = list(
        db.session.scalars(
            select(Draft).where(Draft.submitted_at.is_(None), Draft.updated_at <= cutoff)
        )
    )
    for draft in stale:
        services.delete_draft(draft)
    return removed + len(stale)


def purge_once(app: Flask) -> int:
    removed = in_transaction(app, purge_past_retention)
    if removed:
        log.info("removed %s expired drafts", removed)
    return removed


def start_draft_cleanup(
    app: Flask, interval: float = INTERVAL_SECONDS, stop: threading.Event | None = None
) -> threading.Thread:
    return run_each_period(app, interval, lambda: purge_once(app), name="draft-cleanup", stop=stop)
