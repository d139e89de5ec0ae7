"""Tables of the editor area: every piece of content the webteam keeps, its versions and the
list of officialese with plain alternatives.

The live content stays in the tables of the area that shows it (catalog, cases,
notifications, reports); an item here holds the drafts and the history, and publishing a
version writes its data there (see `editor.kinds`). So a page never reads a draft.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.components.limits import STORED_TEXT, length_check
from portal.extensions import db

# Version states. A version is written as a draft; with a second pair of eyes it is
# submitted, then approved or sent back; publishing makes it live and the one before it
# superseded.
DRAFT = "draft"
SUBMITTED = "submitted"
APPROVED = "approved"
CHANGES_ASKED = "changes_asked"
PUBLISHED = "published"
SUPERSEDED = "superseded"


class Item(db.Model):
    __tablename__ = "editor_item"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The content kind's name (product, life_event, faq, notice, status_text, email_text,
    # report_category) and the key of the content within it (mostly its slug).
    kind: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(120))
    # The Dutch title of the newest version, for lists and search.
    title: Mapped[str] = mapped_column(String(300), default="")
    live_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("editor_version.id", use_alter=True, name="fk_editor_item_live_version")
    )
    # live | withdrawn | never (not published yet)
    live_state: Mapped[str] = mapped_column(String(20), default="never")
    # Set times: the worker publishes the version chosen at publish_at and withdraws the
    # content at withdraw_at (both naive UTC, as every time in the database).
    publish_at: Mapped[datetime | None] = mapped_column(index=True)
    publish_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("editor_version.id", use_alter=True, name="fk_editor_item_publish_version")
    )
    withdraw_at: Mapped[datetime | None] = mapped_column(index=True)
    # A soft lock: who opened the item to edit, and when; a lock older than
    # editor.services.LOCK_MINUTES no longer counts.
    locked_by: Mapped[str | None] = mapped_column(String(200))
    locked_by_name: Mapped[str | None] = mapped_column(String(200))
    locked_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    versions: Mapped[list["Version"]] = relationship(
        back_populates="item",
        foreign_keys="Version.item_id",
        order_by="Version.number",
        cascade="all, delete-orphan",
    )


class Version(db.Model):
    __tablename__ = "editor_version"
    __table_args__ = (UniqueConstraint("item_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("editor_item.id", ondelete="CASCADE"))
    number: Mapped[int]
    # {"facts": {...}, "texts": {"nl": {...}, "en": {...}}}: see editor.kinds.base.
    data: Mapped[dict] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(20), default=DRAFT)
    author_ref: Mapped[str] = mapped_column(String(200))
    author_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    # Set on publication (required then): what changed, in a sentence.
    change_note: Mapped[str | None] = mapped_column(Text, length_check("change_note", STORED_TEXT))
    published_at: Mapped[datetime | None]
    published_by_name: Mapped[str | None] = mapped_column(String(200))
    reviewer_name: Mapped[str | None] = mapped_column(String(200))
    review_note: Mapped[str | None] = mapped_column(Text, length_check("review_note", STORED_TEXT))
    reviewed_at: Mapped[datetime | None]
    # The version this one was restored from, when it was.
    restored_from: Mapped[int | None]

    item: Mapped[Item] = relationship(back_populates="versions", foreign_keys=[item_id])


class JargonWord(db.Model):
    """A word of officialese with its plain alternative ("aanslag" → "belastingbrief"),
    kept by the webteam and flagged by the plain-language checks."""

    __tablename__ = "editor_jargon"
    __table_args__ = (UniqueConstraint("locale", "word"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    locale: Mapped[str] = mapped_column(String(10), default="nl")
    word: Mapped[str] = mapped_column(String(100))
    plain: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime]
