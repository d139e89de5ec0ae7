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
from portal.notifications import audiences, texts
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
        "case_reopened",
        # To the team a case was sent to (`portal.cases.handover`).
        "case_reassigned",
        # To the colleague a case was assigned to (`portal.backoffice.services.assign`).
        "case_assigned",
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

    An audience another area registered (`portal.notifications.audiences`, e.g.
    `recipient="follower"` with `follower_id`) is resolved by that area at send time; `party`
    may then be None, and the events are the ones `texts.AUDIENCE_TEXTS` has words for.
    """
    payload = dict(payload or {})
    added = payload.get("recipient")
    if audiences.is_registered(added):
        return _enqueue_for_added_audience(event, added, case, party, payload)
    if event not in EVENTS:
        raise ValueError(f"unknown notification event: {event}")
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
    language = payload.pop("language", None) or (
        _page_language() if audience == "address" else None
    )
    return _add(event, audience, pseudonym(party.identifier), case, language, payload)


def _enqueue_for_added_audience(event, audience, case, party, payload) -> OutboxEvent:
    if event not in texts.AUDIENCE_TEXTS.get(audience, {}):
        raise ValueError(f"unknown notification event for {audience}: {event}")
    field = audiences.reference_field(audience)
    if payload.get(field) is None:
        raise ValueError(f"a {audience} notification needs {field}")
    # Someone without an account has no identifier: the row they are known by stands in.
    identifier = party.identifier if party is not None else f"{audience}:{payload[field]}"
    language = payload.pop("language", None)
    return _add(event, audience, pseudonym(identifier), case, language, payload)


def _add(event, audience, recipient, case, language, payload) -> OutboxEvent:
    created = now()
    row = OutboxEvent(
        key=uuid.uuid4().hex,
        event=event,
        audience=audience,
        recipient=recipient,
        case_number=getattr(case, "number", None),
        language=language,
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
