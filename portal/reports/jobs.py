"""Removing expired report drafts and their photo files: what an unsent report holds is kept
no longer than a day after the last change (`portal.reports.drafts.LIFETIME`), or than the
functional administrator's `retention_report_drafts_days` (default 1 day) when that is shorter
than a draft's own end date.

`clean_once(app)` does one round; `start_draft_cleanup(app)` runs it every hour in a daemon
thread next to the web server (listed in `portal.devtools.services.BACKGROUND_JOBS`); in
production a scheduler runs `flask clean-report-drafts`.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

import click
from flask import Flask
from sqlalchemy import select

from portal.administration import settings
from portal.extensions import db
from portal.jobs import HOUR, in_transaction, run_each_period
from portal.reports import drafts
from portal.reports.models import ReportDraft
from portal.reports.services import remove_draft_files

log = logging.getLogger(__name__)
INTERVAL_SECONDS = HOUR


def remove_expired_drafts(on: datetime | None = None) -> int:
    """Delete drafts past their date, with their photo files; returns how many. Sent drafts
    hold no photos any more (the report took them), so their files stay."""
    on = on or drafts.now()
    cutoff = on - timedelta(days=settings.get("retention_report_drafts_days"))
    stale = select(ReportDraft).where(ReportDraft.updated_at <= cutoff)
    expired = {draft.id: draft for draft in drafts.expired(on)}
    expired.update((draft.id, draft) for draft in db.session.scalars(stale))
    expired = list(expired.values())
    for draft in expired:
        remove_draft_files(draft.data or {})
    drafts.delete_drafts([draft.id for draft in expired])
    return len(expired)


def clean_once(app: Flask) -> int:
    removed = in_transaction(app, remove_expired_drafts)
    if removed:
        log.info("removed %s expired report drafts", removed)
    return removed


def start_draft_cleanup(
    app: Flask, interval: float = INTERVAL_SECONDS, stop: threading.Event | None = None
) -> threading.Thread:
    return run_each_period(
        app, interval, lambda: clean_once(app), name="report-draft-cleanup", stop=stop
    )


def init_app(app: Flask) -> None:
    @app.cli.command("clean-report-drafts")
    def clean_report_drafts_command() -> None:
        """Remove expired report drafts and their photos."""
        click.echo(f"{clean_once(app)} verlopen meldingen verwijderd")
