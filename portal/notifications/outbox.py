"""Writing notifications: `enqueue` adds a row to the outbox in the caller's transaction.

    enqueue(event, *, case, party, payload=None) -> OutboxEvent

The caller's request commits once; when it rolls back, the notification disappears with the
change. The worker (`portal.notifications.worker`) sends committed rows later.
"""

import uuid
from datetime import UTC, datetime

from flask import has_request_context

from portal.auth.pseudonym import pseudonym
from portal.extensions import db
from portal.notifications.models import PENDING, OutboxEvent

CASE_EVENTS = frozenset(
    {
        "received",
        "status_changed",
        "message",
        "task",
        "deadline_at_risk",
        "deadline_missed",
        "task_reminder",
        "case_closed",
    }
)
EMAIL_CONFIRMATION = "email_confirmation"
EVENTS = CASE_EVENTS | {EMAIL_CONFIRMATION}


def now() -> datetime:
    """Naive UTC, as stored; a function so tests can move the clock."""
    return datetime.now(UTC).replace(tzinfo=None)


def enqueue(event: str, *, case, party, payload: dict | None = None) -> OutboxEvent:
    """Write a notification for `party` (a `Party`) about `case` (or None). Flushes, never
    commits.

    Case events go to the party of the case, or to the team mailbox when the payload says
    `recipient="team"` (with `team_email`). `email_confirmation` goes to `payload["email"]`
    even though that address is not confirmed yet, with `payload["link"]` in it.
    """
    if event not in EVENTS:
        raise ValueError(f"unknown notification event: {event}")
    payload = dict(payload or {})
    if event == EMAIL_CONFIRMATION:
        if not payload.get("email") or not payload.get("link"):
            raise ValueError("email_confirmation needs an email and a link")
        audience = "address"
    elif case is None:
        raise ValueError(f"{event} needs a case")
    elif payload.get("recipient") == "team":
        if not payload.get("team_email"):
            raise ValueError("a team notification needs a team_email")
        audience = "team"
    else:
        audience = "resident"
    created = now()
    row = OutboxEvent(
        key=uuid.uuid4().hex,
        event=event,
        audience=audience,
        recipient=pseudonym(party.identifier),
        case_number=getattr(case, "number", None),
        language=payload.pop("language", None)
        or (_page_language() if audience == "address" else None),
        payload=payload,
        status=PENDING,
        attempts=0,
        next_attempt_at=created,
        created_at=created,
    )
    db.session.add(row)
    db.session.flush()
    return row


def _page_language() -> str | None:
    """The language of the page the person is on: the best guess for a confirmation e-mail
    before we know their preference. Case events use the stored preference at send time."""
    if not has_request_context():
        return None
    from portal.i18n import current_locale

    return current_locale()
