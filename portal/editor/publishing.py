"""Publishing, withdrawing (now or at a set time) and the second pair of eyes.

Publishing is one transaction: the kind writes the live content (`kind.apply`), the
catalogue cache is dropped and the version states change together. When the kind refuses
(ValueError), the whole transaction is rolled back, so nothing is half-published; SQLite
does not nest savepoints reliably, so a rollback is the one way that works on both
databases (the publish request does nothing else before it).

With `editor_review_required` on, a version goes draft → submitted → approved (or
changes_asked) by another editor than its author, and only an approved version may go live.
"""

from __future__ import annotations

import logging
from datetime import datetime

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from portal.administration import settings
from portal.auth.audit import record_event
from portal.auth.principal import Principal
from portal.catalog import cache
from portal.components.limits import too_long_message
from portal.editor.kinds.base import ContentKind
from portal.editor.locks import release_lock
from portal.editor.models import (
    APPROVED,
    CHANGES_ASKED,
    DRAFT,
    PUBLISHED,
    SUBMITTED,
    SUPERSEDED,
    Item,
    Version,
)
from portal.editor.services import PLANNER_NAME, EditorError, audit, author_of, utcnow
from portal.editor.versions import kind_of
from portal.extensions import db

log = logging.getLogger(__name__)
NOTE_MAX = 500


def review_required() -> bool:
    return bool(settings.get("editor_review_required"))


def _note(text: str | None, field: str, message) -> str:
    note = (text or "").replace("\x00", "").strip()
    if not note:
        raise EditorError(message, field)
    if len(note) > NOTE_MAX:
        raise EditorError(too_long_message(NOTE_MAX, len(note)), field)
    return note


# --- the second pair of eyes ---


def submit(item: Item, version: Version, change_note: str, principal: Principal) -> None:
    if version.state not in (DRAFT, CHANGES_ASKED):
        raise EditorError(_l("Deze versie is al aangeboden of gepubliceerd."))
    version.change_note = _note(
        change_note, "change_note", _l("Schrijf in een zin wat er is veranderd.")
    )
    version.state = SUBMITTED
    audit("submit", item, principal, f"versie {version.number}")


def _check_reviewer(version: Version, principal: Principal) -> None:
    if version.state != SUBMITTED:
        raise EditorError(_l("Deze versie wacht niet op beoordeling."))
    if version.author_ref == author_of(principal)[0]:
        raise EditorError(
            _l("U kunt uw eigen wijziging niet beoordelen. Vraag een andere redacteur.")
        )


def approve(item: Item, version: Version, principal: Principal) -> None:
    _check_reviewer(version, principal)
    version.state = APPROVED
    version.reviewer_name = author_of(principal)[1]
    version.reviewed_at = utcnow()
    audit("approve", item, principal, f"versie {version.number}")


def ask_changes(item: Item, version: Version, note: str, principal: Principal) -> None:
    _check_reviewer(version, principal)
    version.review_note = _note(note, "review_note", _l("Schrijf wat er anders moet."))
    version.state = CHANGES_ASKED
    version.reviewer_name = author_of(principal)[1]
    version.reviewed_at = utcnow()
    audit("ask_changes", item, principal, f"versie {version.number}: {version.review_note}")


# --- publishing and withdrawing ---


def publish(
    item: Item,
    version: Version,
    change_note: str,
    principal: Principal,
    at: datetime | None = None,
    withdraw_at: datetime | None = None,
) -> None:
    """Now (`at` None) or at a set time (naive UTC, in the future; the worker does it).
    `withdraw_at` takes the content off the site later; it must come after `at`."""
    kind = kind_of(item)
    note = _note(change_note, "change_note", _l("Schrijf in een zin wat er is veranderd."))
    if review_required() and version.state != APPROVED:
        raise EditorError(_l("Een andere redacteur moet deze versie eerst goedkeuren."))
    if version.state == SUPERSEDED:
        raise EditorError(_l("Dit is een oude versie. Zet hem eerst terug."))
    if version.state == PUBLISHED and item.live_state == "live":
        raise EditorError(_l("Deze versie staat al live."))
    now = utcnow()
    if at is not None and at <= now:
        raise EditorError(
            _l("Dit tijdstip is al voorbij. Kies een moment in de toekomst."), "publish_at"
        )
    if withdraw_at is not None:
        _check_withdraw_time(kind, withdraw_at, at or now, now)
    if at is None:
        _publish_now(kind, item, version, note, principal, now)
    else:
        version.change_note = note
        item.publish_at, item.publish_version_id = at, version.id
        audit("schedule", item, principal, f"versie {version.number} op {at:%Y-%m-%d %H:%M} UTC")
    if withdraw_at is not None:
        item.withdraw_at = withdraw_at
        audit("schedule_withdraw", item, principal, f"op {withdraw_at:%Y-%m-%d %H:%M} UTC")
    release_lock(item, principal)
    db.session.flush()


def withdraw(item: Item, principal: Principal, at: datetime | None = None) -> None:
    """Take the content off the site now (unpublish) or at a set time."""
    kind = kind_of(item)
    if item.live_state != "live" and item.publish_at is None:
        raise EditorError(_l("Dit staat niet op de website."))
    now = utcnow()
    if at is None:
        if item.live_state != "live":
            raise EditorError(
                _l("Dit staat nog niet op de website. Kies een moment om het in te trekken.")
            )
        _withdraw_now(kind, item, principal)
    else:
        _check_withdraw_time(kind, at, item.publish_at or now, now)
        item.withdraw_at = at
        audit("schedule_withdraw", item, principal, f"op {at:%Y-%m-%d %H:%M} UTC")
    db.session.flush()


def cancel_schedule(item: Item, principal: Principal) -> None:
    item.publish_at = item.publish_version_id = item.withdraw_at = None
    audit("cancel_schedule", item, principal)
    db.session.flush()


def _check_withdraw_time(kind: ContentKind, at: datetime, after: datetime, now: datetime):
    if not kind.can_withdraw:
        raise EditorError(_l("Dit soort tekst kan niet van de website af."), "withdraw_at")
    if at <= now:
        raise EditorError(
            _l("Dit tijdstip is al voorbij. Kies een moment in de toekomst."), "withdraw_at"
        )
    if at <= after:
        raise EditorError(
            _l("Intrekken kan pas na het moment van publiceren. Kies een later tijdstip."),
            "withdraw_at",
        )


def _publish_now(kind, item, version, note, principal, now) -> None:
    try:
        kind.apply(item.key, version.data)
    except ValueError as error:
        db.session.rollback()
        raise EditorError(_l("Publiceren lukte niet. %(reason)s", reason=str(error))) from None
    cache.drop()
    for other in item.versions:
        if other.state == PUBLISHED and other.id != version.id:
            other.state = SUPERSEDED
    version.state = PUBLISHED
    version.change_note = note
    version.published_at = now
    version.published_by_name = author_of(principal)[1]
    item.live_version_id = version.id
    item.live_state = "live"
    item.publish_at = item.publish_version_id = None
    item.updated_at = now
    db.session.flush()
    audit("publish", item, principal, f"versie {version.number}: {note}")


def _withdraw_now(kind, item, principal) -> None:
    try:
        kind.withdraw(item.key)
    except ValueError as error:
        db.session.rollback()
        raise EditorError(_l("Intrekken lukte niet. %(reason)s", reason=str(error))) from None
    cache.drop()
    item.live_state = "withdrawn"
    item.withdraw_at = None
    item.updated_at = utcnow()
    db.session.flush()
    audit("withdraw", item, principal)


# --- the worker ---


def publish_due(now: datetime | None = None) -> int:
    """Publish and withdraw what is due, each item in its own transaction; returns how many
    items changed. A refusal is audited and the schedule cleared, so the next round does
    not try again every minute; the editors see it is no longer planned."""
    with force_locale("nl"):  # the worker has no request to take a language from
        return _publish_due(now or utcnow())


def _publish_due(now: datetime) -> int:
    ids = db.session.scalars(
        select(Item.id)
        .where(or_(Item.publish_at <= now, Item.withdraw_at <= now))
        .order_by(Item.id)
    ).all()
    db.session.commit()
    done = 0
    for item_id in ids:
        try:
            _due_item(item_id, now)
            db.session.commit()
            done += 1
        except (EditorError, LookupError) as error:
            db.session.rollback()
            _give_up(item_id, str(error))
    return done


def _due_item(item_id: int, now: datetime) -> None:
    item = db.session.get(Item, item_id)
    kind = kind_of(item)
    if item.publish_at is not None and item.publish_at <= now:
        version = db.session.get(Version, item.publish_version_id)
        if version is None:
            raise EditorError(_l("De geplande versie bestaat niet meer."))
        _publish_now(kind, item, version, version.change_note or "", None, now)
    if item.withdraw_at is not None and item.withdraw_at <= now:
        _withdraw_now(kind, item, None)


def _give_up(item_id: int, reason: str) -> None:
    item = db.session.get(Item, item_id)
    log.warning("scheduled editor change of item %s failed", item_id)
    item.publish_at = item.publish_version_id = item.withdraw_at = None
    record_event(
        "editor.scheduled",
        "failed",
        target=f"{item.kind}:{item.key}",
        detail=f"{PLANNER_NAME}: {reason}",
    )
    db.session.commit()
