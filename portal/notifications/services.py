"""Sending the outbox: claim due rows, send each once, retry with back-off.

    send_pending(limit=50) -> int           the number of e-mails the server accepted
    outbox_summary() -> dict[str, int]      rows per status, for monitoring

Exactly once per event: a worker first claims rows with one conditional UPDATE (only rows that
are pending, due, and not claimed by a living worker) and commits the claim; two workers
never claim the same row, on SQLite or PostgreSQL. It then sends each row and records the
outcome only while its claim still holds. A worker that dies leaves its claim; after
NOTIFICATIONS_LEASE_SECONDS another worker may take the row over. The one gap no outbox can
close (the server accepted the e-mail, then the worker died before recording it) gives at
worst a second copy with the same Message-ID, which mail systems recognise as a duplicate.

Attempts are counted when a row is claimed, so a message that crashes its worker also ends
up `failed` instead of looping forever.
"""

import logging
import smtplib
import uuid
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, or_, select, update

from portal.extensions import db
from portal.notifications.compose import compose, recipient_for
from portal.notifications.mailer import SmtpMailer
from portal.notifications.models import FAILED, PENDING, SENT, SKIPPED, OutboxEvent
from portal.notifications.outbox import now

log = logging.getLogger(__name__)

DEFAULT_MAX_ATTEMPTS = 10
DEFAULT_RETRY_SECONDS = 60
MAX_RETRY_DELAY = timedelta(hours=1)
DEFAULT_LEASE_SECONDS = 10 * 60
# Payload fields that are personal or secret: gone once the row is finished.
SCRUBBED_FIELDS = ("email", "link")


def _setting(name: str, default: int) -> int:
    return int(current_app.config.get(name, default))


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off: 1, 2, 4, ... minutes after the 1st, 2nd, 3rd failure, at most
    an hour."""
    base = timedelta(seconds=_setting("NOTIFICATIONS_RETRY_SECONDS", DEFAULT_RETRY_SECONDS))
    return min(base * 2 ** max(attempts - 1, 0), MAX_RETRY_DELAY)


def send_pending(limit: int = 50, *, at: datetime | None = None) -> int:
    """Send the rows that are due; commits after the claim and after every row. Returns
    how many were sent."""
    return send_batch(limit, at=at)[1]


def send_batch(limit: int = 50, *, at: datetime | None = None) -> tuple[int, int]:
    """Like `send_pending`, returning (rows handled, rows sent): a batch full of rows that
    were skipped (no address, e-mail turned off) still means more may be due."""
    moment = at or now()
    token = uuid.uuid4().hex
    claimed = _claim(token, limit, moment)
    if not claimed:
        return 0, 0
    mailer = SmtpMailer(current_app.config)
    sent = 0
    try:
        for row_id in claimed:
            row = db.session.get(OutboxEvent, row_id)
            if _deliver(row, token, mailer, moment):
                sent += 1
            db.session.commit()
    finally:
        mailer.close()
        db.session.rollback()
    return len(claimed), sent


def _claim(token: str, limit: int, moment: datetime) -> list[int]:
    lease = timedelta(seconds=_setting("NOTIFICATIONS_LEASE_SECONDS", DEFAULT_LEASE_SECONDS))
    claimable = (
        OutboxEvent.status == PENDING,
        OutboxEvent.next_attempt_at <= moment,
        or_(OutboxEvent.claimed_by.is_(None), OutboxEvent.claimed_at < moment - lease),
    )
    candidates = db.session.scalars(
        select(OutboxEvent.id)
        .where(*claimable)
        .order_by(OutboxEvent.next_attempt_at, OutboxEvent.id)
        .limit(limit)
    ).all()
    if not candidates:
        db.session.rollback()
        return []
    # The WHERE is checked again under the row lock: a row another worker claimed in the
    # meantime no longer matches and is left out.
    claimed = db.session.scalars(
        update(OutboxEvent)
        .where(OutboxEvent.id.in_(candidates), *claimable)
        .values(claimed_by=token, claimed_at=moment, attempts=OutboxEvent.attempts + 1)
        .returning(OutboxEvent.id)
        .execution_options(synchronize_session=False)
    ).all()
    db.session.commit()
    return sorted(claimed)


def _deliver(row: OutboxEvent, token: str, mailer: SmtpMailer, moment: datetime) -> bool:
    try:
        recipient = recipient_for(row)
        if recipient.address is None:
            _finish(row, token, status=SKIPPED, last_error=recipient.skip_reason)
            return False
        message = compose(row, recipient)
    except Exception as error:
        # A fault in our own code or data, not in the mail server: log it without the
        # content and try again later, so a fix can still deliver the event.
        log.exception("notification %s (%s) could not be prepared", row.id, row.event)
        _retry_or_fail(row, token, moment, type(error).__name__)
        return False
    try:
        mailer.send(message)
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _ in error.recipients.values()]
        _retry_or_fail(
            row, token, moment, f"recipient refused {codes}", permanent=min(codes) >= 500
        )
        return False
    except smtplib.SMTPResponseException as error:
        _retry_or_fail(
            row, token, moment, f"SMTP {error.smtp_code}", permanent=error.smtp_code >= 500
        )
        return False
    except (smtplib.SMTPException, OSError) as error:
        _retry_or_fail(row, token, moment, type(error).__name__)
        return False
    _finish(row, token, status=SENT, sent_at=now(), last_error=None)
    return True


def _retry_or_fail(
    row: OutboxEvent, token: str, moment: datetime, error: str, *, permanent: bool = False
) -> None:
    attempts = row.attempts
    if permanent or attempts >= _setting("NOTIFICATIONS_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS):
        log.error(
            "notification %s (%s) failed after %d attempt(s): %s",
            row.id,
            row.event,
            attempts,
            error,
        )
        _finish(row, token, status=FAILED, last_error=error)
        return
    log.warning("notification %s (%s) attempt %d failed: %s", row.id, row.event, attempts, error)
    _finish(
        row,
        token,
        status=PENDING,
        last_error=error,
        next_attempt_at=moment + retry_delay(attempts),
    )


def _finish(row: OutboxEvent, token: str, **values) -> bool:
    """Record the outcome and release the claim, only while this worker still holds it."""
    if values["status"] != PENDING:
        values["payload"] = {k: v for k, v in row.payload.items() if k not in SCRUBBED_FIELDS}
    if values.get("last_error"):
        values["last_error"] = values["last_error"][:200]
    result = db.session.execute(
        update(OutboxEvent)
        .where(OutboxEvent.id == row.id, OutboxEvent.claimed_by == token)
        .values(claimed_by=None, claimed_at=None, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        log.warning("notification %s: claim expired before the outcome was recorded", row.id)
        return False
    return True


def outbox_summary() -> dict[str, int]:
    rows = db.session.execute(
        select(OutboxEvent.status, func.count()).group_by(OutboxEvent.status)
    ).all()
    return {status: count for status, count in rows}
