"""Tables of the notifications area: the outbox.

Every notification is a row written in the same transaction as the change it reports, so an
e-mail goes out only for a change that was committed, and a row is never lost when the mail
server is down. The row holds no BSN and no content: the recipient is a pseudonym, and the
worker finds the address at send time through the case (for residents) or the payload (for a
team mailbox or an address that is being confirmed).
"""

from datetime import datetime

from sqlalchemy import JSON, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db

PENDING = "pending"
SENT = "sent"
SKIPPED = "skipped"
FAILED = "failed"


class OutboxEvent(db.Model):
    __tablename__ = "notifications_outbox"
    # The worker's question: "which pending rows are due?"
    __table_args__ = (Index("ix_notifications_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Random and unique, so the Message-ID stays unique across databases and restores.
    key: Mapped[str] = mapped_column(String(32), unique=True)
    event: Mapped[str] = mapped_column(String(40))
    # "resident" (the party of the case), "team" (a team mailbox) or "address" (an address
    # that is not confirmed yet, for the confirmation link itself), or an audience another
    # area registered (`portal.notifications.audiences`, e.g. "follower" of a report).
    audience: Mapped[str] = mapped_column(String(20))
    # Pseudonym of the party the event concerns; lets support trace what one person was sent.
    recipient: Mapped[str] = mapped_column(String(100), index=True)
    case_number: Mapped[str | None] = mapped_column(String(20))
    # Chosen when the event is written, for events without a case (the language of the page).
    language: Mapped[str | None] = mapped_column(String(5))
    payload: Mapped[dict] = mapped_column(JSON)

    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int]
    next_attempt_at: Mapped[datetime]
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None]
    # Why the last attempt failed or why the event was skipped; never an address or a name.
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class EmailTextOverride(db.Model):
    """An e-mail text the webteam rewrote, per event, audience and language. Placeholders
    (%(number)s) stay as in the built-in text; the built-in text is used where there is none."""

    __tablename__ = "notifications_email_text"
    __table_args__ = (UniqueConstraint("audience", "kind", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    audience: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(60))
    locale: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(String(200))
    # One paragraph per line, as EmailText.lines.
    lines: Mapped[list] = mapped_column(JSON)
    action: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime]
