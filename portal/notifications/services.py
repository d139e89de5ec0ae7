"""Sending the outbox: claim due rows, send each once, retry with back-off.

    send_pending(limit=50) -> int           the number of e-mails the server accepted
    outbox_summary() -> dict[str, int]      rows per status, for monitoring

Once per event: a worker first claims rows (only rows that are pending, due, and not claimed by
a living worker) and commits the claim; two workers never claim the same row. On PostgreSQL
the candidates are read with FOR UPDATE SKIP LOCKED, so workers claiming at the same moment
get different rows instead of waiting for each other; on SQLite, which has one writer at a
time, the conditional UPDATE alone decides. The worker then sends each row and records the
outcome only while its claim still holds, renewing the claims of its batch every quarter of
the lease. A worker that dies leaves its claim; after NOTIFICATIONS_LEASE_SECONDS (one
minute) another worker takes the row over.

The guarantee is therefore: every row is sent, and sent once, except in the one gap no outbox
can close: the mail server accepted the e-mail and the worker died (SIGKILL, power) before
it recorded that. Then the row is sent again after the lease, with the same Message-ID, which
mail systems recognise as a duplicate. At most one such copy per crash: a worker sends its
rows one by one and records each before sending the next. A sending that takes longer than
three quarters of the lease (SMTP_TIMEOUT_SECONDS is 15 s per step) could also overlap with
a take-over; the outcome is then recorded once, by the worker that holds the claim.

Attempts are counted when a row is claimed, so a message that crashes its worker also ends
up `failed` instead of looping forever.
"""

import logging
import os
import smtplib
import socket
import time
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
DEFAULT_LEASE_SECONDS = 60
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
    # Which process holds a claim, for whoever looks at the table; unique per batch.
    token = f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:16]}"
    claimed = _claim(token, limit, moment)
    if not claimed:
        return 0, 0
    mailer = SmtpMailer(current_app.config)
    claims = _Claims(token, claimed, moment)
    sent = 0
    try:
        for row_id in claimed:
            if not claims.held(row_id):
                continue
            row = db.session.get(OutboxEvent, row_id)
            # Detached, so that the commits below do not expire it and reading it again
            # cannot open a read transaction before the outcome is written.
            db.session.expunge(row)
            if _deliver(row, token, mailer, moment, claims):
                sent += 1
            db.session.commit()
    finally:
        mailer.close()
        db.session.rollback()
    return len(claimed), sent


def _lease() -> timedelta:
    return timedelta(seconds=_setting("NOTIFICATIONS_LEASE_SECONDS", DEFAULT_LEASE_SECONDS))


def _claim(token: str, limit: int, moment: datetime) -> list[int]:
    lease = _lease()
    claimable = (
        OutboxEvent.status == PENDING,
        OutboxEvent.next_attempt_at <= moment,
        or_(OutboxEvent.claimed_by.is_(None), OutboxEvent.claimed_at < moment - lease),
    )
    # One statement: on PostgreSQL the CTE locks the rows it picks and skips rows another
    # worker is claiming right now (SKIP LOCKED); SQLite takes its write lock before it reads,
    # waiting its busy timeout for another writer. The outer WHERE checks again, so a row
    # another worker claimed in the meantime is left out. MATERIALIZED, because as a plain
    # IN (subquery) PostgreSQL may rescan the locking subquery once per row it updates, each
    # rescan skipping the rows just claimed: one worker then claimed the whole outbox.
    candidates = (
        select(OutboxEvent.id)
        .where(*claimable)
        .order_by(OutboxEvent.next_attempt_at, OutboxEvent.id)
        .limit(limit)
        .with_for_update(skip_locked=True)  # left out on SQLite
        .cte("candidates")
        .prefix_with("MATERIALIZED", dialect="postgresql")
    )
    claimed = db.session.scalars(
        update(OutboxEvent)
        .where(OutboxEvent.id.in_(select(candidates.c.id)), *claimable)
        .values(claimed_by=token, claimed_at=moment, attempts=OutboxEvent.attempts + 1)
        .returning(OutboxEvent.id)
        .execution_options(synchronize_session=False)
    ).all()
    db.session.commit()
    return sorted(claimed)


class _Claims:
    """The rows of one batch this worker holds; renews their lease every quarter of it."""

    def __init__(self, token: str, claimed: list[int], moment: datetime) -> None:
        self.token = token
        self.moment = moment
        self.rows = set(claimed)
        self.every = _lease().total_seconds() / 4
        self.started = self.renewed = time.monotonic()

    def held(self, row_id: int) -> bool:
        """False when our lease ran out and another worker may have the row now."""
        if time.monotonic() - self.renewed >= self.every:
            self.renewed = time.monotonic()
            at = self.moment + timedelta(seconds=self.renewed - self.started)
            self.rows = set(
                db.session.scalars(
                    update(OutboxEvent)
                    .where(OutboxEvent.claimed_by == self.token, OutboxEvent.status == PENDING)
                    .values(claimed_at=at)
                    .returning(OutboxEvent.id)
                    .execution_options(synchronize_session=False)
                )
            )
            db.session.commit()
        return row_id in self.rows


def _deliver(
    row: OutboxEvent, token: str, mailer: SmtpMailer, moment: datetime, claims: _Claims
) -> bool:
    try:
        recipient = recipient_for(row)
        if recipient.address is None:
            _finish(row, token, status=SKIPPED, last_error=recipient.skip_reason)
            return False
        message = compose(row, recipient)
        # End the read before the slow part: on SQLite a read transaction still open at
        # the UPDATE below could be refused ("database is locked") after the server took
        # the e-mail, and the row would be sent again after the lease.
        db.session.commit()
        if not claims.held(row.id):  # preparing took long: renew now, right before sending
            return False
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
    db.session.rollback()  # nothing is pending here; the UPDATE starts a transaction of its own
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
