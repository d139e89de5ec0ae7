"""The editor's items and versions: finding or starting an item, its versions, what the
workspace lists, and the audit of every action.

The rules for saving (versions.py), the soft lock (locks.py), publishing and the review
flow (publishing.py) and the readable diff (diff.py) live in their own modules; they all
build on the helpers here. Services flush; the request (or the worker round) commits.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.auth.audit import record_event
from portal.auth.principal import Principal
from portal.editor.kinds.base import ContentKind
from portal.editor.models import (
    APPROVED,
    CHANGES_ASKED,
    DRAFT,
    PUBLISHED,
    SUBMITTED,
    Item,
    Version,
)
from portal.extensions import db

# Who wrote version 1 of content that existed before the editor opened it.
LIVE_AUTHOR_REF = "system:live"
LIVE_AUTHOR_NAME = "Bestaande inhoud"
# The worker that publishes and withdraws at a set time, as the audit and history name it.
PLANNER_NAME = "de planner"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
KEY_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
KEY_MAX = 80
# Keys that would clash with the editor's own pages under /<kind>/.
RESERVED_KEYS = {"nieuw", "controle"}
# Version states that are newer work, not (yet) on the site.
WORK_STATES = (DRAFT, SUBMITTED, APPROVED, CHANGES_ASKED)


class EditorError(ValueError):
    """A rule the editor broke, with a B1 message; `field` names the form field it is about."""

    def __init__(self, message, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


class Conflict(EditorError):
    """Someone saved a newer version since this editor opened the item."""

    def __init__(self, version: Version) -> None:
        super().__init__(
            _l(
                "%(name)s heeft dit ook bewerkt en om %(time)s opgeslagen.",
                name=version.author_name,
                time=format_datetime(version.created_at, "HH:mm"),
            )
        )
        self.author_name = version.author_name
        self.at = version.created_at
        self.number = version.number


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def local_to_utc(moment: datetime) -> datetime:
    """A time typed in the municipality's time zone, as the database stores it."""
    return moment.replace(tzinfo=AMSTERDAM).astimezone(UTC).replace(tzinfo=None)


def slugify(text: str) -> str:
    """ "Gemeentehuis gesloten op 24 december" → "gemeentehuis-gesloten-op-24-december"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:KEY_MAX].strip("-")


def key_problem(kind: ContentKind, key: str) -> str | None:
    """Why this key cannot name new content, or None when it can."""
    if not key:
        return str(_l("Vul een korte naam in, bijvoorbeeld paspoort-aanvragen."))
    if len(key) > KEY_MAX or not KEY_PATTERN.fullmatch(key):
        return str(
            _l(
                "Gebruik alleen kleine letters, cijfers en streepjes, en maximaal %(max)s tekens.",
                max=KEY_MAX,
            )
        )
    if key in RESERVED_KEYS or find_item(kind, key) or kind.load_live(key) is not None:
        return str(_l("Deze naam bestaat al. Kies een andere."))
    return None


def author_of(principal: Principal | None) -> tuple[str, str]:
    if principal is None:
        return "system:planner", PLANNER_NAME
    return f"staff:{principal.staff_id}", principal.display_name or principal.staff_id


def audit(action: str, item: Item, principal: Principal | None, detail: str = "") -> None:
    """Every editor action in the audit log; the worker's rounds say "de planner"."""
    if principal is None:
        detail = f"{PLANNER_NAME}: {detail}" if detail else PLANNER_NAME
    record_event(
        f"editor.{action}",
        "allowed",
        principal=principal,
        target=f"{item.kind}:{item.key}",
        detail=detail,
    )


def find_item(kind: ContentKind, key: str) -> Item | None:
    return db.session.scalar(select(Item).where(Item.kind == kind.name, Item.key == key))


def open_item(kind: ContentKind, key: str, *, create: bool = False) -> Item | None:
    """The item for this content. The first time live content is opened it becomes version
    1 (published, live). Content that does not exist gives None, unless `create`: then a new
    item without versions (its form starts from `kind.empty()`)."""
    item = find_item(kind, key)
    if item is not None:
        return item
    live = kind.load_live(key)
    if live is None and not create:
        return None
    now = utcnow()
    item = Item(
        kind=kind.name,
        key=key,
        title=kind.title(live, key)[:300] if live else key,
        live_state="never",
        created_at=now,
        updated_at=now,
    )
    try:
        db.session.add(item)
        db.session.flush()
    except IntegrityError:
        # Two editors opened the same content at once; the other one made the item.
        db.session.rollback()
        return find_item(kind, key)
    if live is not None:
        version = Version(
            item_id=item.id,
            number=1,
            data=live,
            state=PUBLISHED,
            author_ref=LIVE_AUTHOR_REF,
            author_name=LIVE_AUTHOR_NAME,
            created_at=now,
        )
        db.session.add(version)
        db.session.flush()
        item.live_version_id = version.id
        item.live_state = "live"
        db.session.flush()
    return item


def newest_version(item: Item) -> Version | None:
    return item.versions[-1] if item.versions else None


def newest_number(item: Item) -> int:
    return db.session.scalar(
        select(func.coalesce(func.max(Version.number), 0)).where(Version.item_id == item.id)
    )


def version_by_number(item: Item, number: int) -> Version | None:
    return next((v for v in item.versions if v.number == number), None)


def live_version(item: Item) -> Version | None:
    if item.live_state != "live" or item.live_version_id is None:
        return None
    return db.session.get(Version, item.live_version_id)


def current_data(kind: ContentKind, item: Item) -> dict:
    """What the edit form starts from: the newest version, or empty with the title."""
    newest = newest_version(item)
    if newest is not None:
        return newest.data
    data = kind.empty()
    title_field = next((f for f in kind.fields if f.name == kind.title_field), None)
    if title_field is not None and title_field.localized:
        data["texts"]["nl"][kind.title_field] = item.title
    elif title_field is not None:
        data["facts"][kind.title_field] = item.title
    return data


def statuses(item: Item | None, live_published: bool = False) -> list[str]:
    """Badges for lists: live, concept, gepland, ingetrokken (codes; templates name them)."""
    if item is None:
        return ["live"] if live_published else ["withdrawn"]
    found = []
    if item.live_state == "live":
        found.append("live")
    elif item.live_state == "withdrawn":
        found.append("withdrawn")
    newest = newest_version(item)
    if newest is not None and newest.state in WORK_STATES:
        found.append("draft")
    if item.publish_at or item.withdraw_at:
        found.append("scheduled")
    return found


def items_of(kind: ContentKind) -> dict[str, Item]:
    return {i.key: i for i in db.session.scalars(select(Item).where(Item.kind == kind.name))}


def my_drafts(principal: Principal) -> list[tuple[Item, Version]]:
    """Items whose newest version is unpublished work of this editor."""
    ref, _name = author_of(principal)
    return [
        (item, version)
        for item, version in _newest_versions()
        if version.state in (DRAFT, CHANGES_ASKED) and version.author_ref == ref
    ]


def waiting_for_review() -> list[tuple[Item, Version]]:
    return [(item, version) for item, version in _newest_versions() if version.state == SUBMITTED]


def scheduled() -> list[Item]:
    return list(
        db.session.scalars(
            select(Item)
            .where((Item.publish_at.is_not(None)) | (Item.withdraw_at.is_not(None)))
            .order_by(func.coalesce(Item.publish_at, Item.withdraw_at))
        )
    )


def _newest_versions() -> list[tuple[Item, Version]]:
    newest = (
        select(Version.item_id, func.max(Version.number).label("number"))
        .group_by(Version.item_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Item, Version)
        .join(Version, Version.item_id == Item.id)
        .join(newest, (newest.c.item_id == Version.item_id) & (newest.c.number == Version.number))
        .order_by(Version.created_at.desc())
    )
    return [(item, version) for item, version in rows]
