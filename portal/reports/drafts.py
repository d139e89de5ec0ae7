"""Reports being written: one draft per browser session, kept on the server.

The session cookie holds only the draft's random token (signed by Flask, no personal data);
everything typed lives in `ReportDraft.data`, so nothing is lost between steps, after an error
or without JavaScript. A draft expires a day after its last change.

`data` keys (all optional until their step is done):
    description: str            category: str (subcategory slug)   category_confirmed: bool
    suggestions: [slug, ...]    answers: {field: value}             questions_done: bool
    location: {"latitude", "longitude", "label", "street", "area", "source", "place_id"}
    place_from_photo: bool      (the place comes from a photo's GPS; see `flow`)
    duplicates_seen: bool       photos: [{"token", "path", "thumbnail_path", "name",
                                          "content_type", "size", "gps": [lat, lon] | None}]
    photos_done: bool           contact: {"email", "phone"}         contact_done: bool
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from flask import session
from sqlalchemy import delete, select

from portal.auth import current_principal
from portal.auth.pseudonym import pseudonym
from portal.extensions import db
from portal.reports.models import ReportDraft

SESSION_KEY = "report_draft"
LIFETIME = timedelta(days=1)


def now() -> datetime:
    """Naive UTC, as stored; a function so tests can move the clock."""
    return datetime.now(UTC).replace(tzinfo=None)


def _owner() -> str | None:
    principal = current_principal()
    subject = principal.subject if principal is not None else None
    return pseudonym(subject.identifier) if subject is not None else None


def current_draft() -> ReportDraft | None:
    """The draft of this browser session, if it is still there and belongs to whoever is
    signed in now (a sign-in or sign-out in between starts afresh)."""
    token = session.get(SESSION_KEY)
    if not isinstance(token, str) or not token:
        return None
    draft = db.session.scalars(select(ReportDraft).where(ReportDraft.token == token)).first()
    if draft is None or draft.submitted_at is not None or draft.expires_at <= now():
        return None
    if draft.party_pseudonym is not None and draft.party_pseudonym != _owner():
        return None
    return draft


def start_draft() -> ReportDraft:
    """A new, empty draft for this session (an unfinished one is replaced)."""
    created = now()
    draft = ReportDraft(
        token=secrets.token_urlsafe(32),
        data={"started": created.isoformat()},
        party_pseudonym=_owner(),
        started_at=created,
        updated_at=created,
        expires_at=created + LIFETIME,
    )
    db.session.add(draft)
    db.session.flush()
    session[SESSION_KEY] = draft.token
    return draft


def current_or_new() -> ReportDraft:
    return current_draft() or start_draft()


def update(draft: ReportDraft, **changes) -> None:
    """Merge `changes` into the draft's data; a value of None removes the key."""
    data = dict(draft.data or {})
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    draft.data = data
    draft.updated_at = now()
    draft.expires_at = draft.updated_at + LIFETIME
    db.session.flush()


def forget() -> None:
    """Drop the draft from this session (after sending, or to start again)."""
    session.pop(SESSION_KEY, None)


def expired(on: datetime | None = None) -> list[ReportDraft]:
    on = on or now()
    return list(db.session.scalars(select(ReportDraft).where(ReportDraft.expires_at <= on)))


def delete_drafts(ids: list[int]) -> None:
    if ids:
        db.session.execute(delete(ReportDraft).where(ReportDraft.id.in_(ids)))
