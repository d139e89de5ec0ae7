"""A soft edit lock: the editor who opens an item to edit holds it for LOCK_MINUTES.

Others see "Tom Peters bewerkt dit sinds 14:02" and may still save; the version check in
`versions.save_draft` then warns them when the holder saved first. A lock is soft because a
hard one would leave an item stuck when someone closes the tab and goes home.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from portal.auth.principal import Principal
from portal.editor.models import Item
from portal.editor.services import author_of, utcnow

LOCK_MINUTES = 30


@dataclass(frozen=True)
class Holder:
    name: str
    since: datetime


def _valid(item: Item, now: datetime) -> bool:
    return bool(
        item.locked_by
        and item.locked_at is not None
        and now - item.locked_at < timedelta(minutes=LOCK_MINUTES)
    )


def lock_holder(item: Item, principal: Principal, now: datetime | None = None) -> Holder | None:
    """Someone else who edits this item now, or None."""
    now = now or utcnow()
    ref, _name = author_of(principal)
    if not _valid(item, now) or item.locked_by == ref:
        return None
    return Holder(item.locked_by_name or "", item.locked_at)


def take_lock(item: Item, principal: Principal, now: datetime | None = None) -> bool:
    """Hold the item for this editor unless another holds it; True when it is theirs now.
    Opening again or saving renews one's own lock."""
    now = now or utcnow()
    if lock_holder(item, principal, now) is not None:
        return False
    item.locked_by, item.locked_by_name = author_of(principal)
    item.locked_at = now
    return True


def release_lock(item: Item, principal: Principal | None = None) -> None:
    """Let go of the lock; with a principal only when it is theirs (publishing does it)."""
    if principal is not None and item.locked_by != author_of(principal)[0]:
        return
    item.locked_by = item.locked_by_name = None
    item.locked_at = None
