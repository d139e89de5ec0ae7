"""Tables of the catalog area: products, life events and their texts per language.

Facts that do not depend on the language (who may apply, assurance level, fee, norm,
channel, team) live on the product row; everything a person reads lives in one text row
per language, so the webteam can add or correct a language without touching the facts.
Lists (what you need, synonyms) are stored as JSON arrays of strings.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.components.limits import STORED_BODY, length_check
from portal.extensions import db


class Product(db.Model):
    __tablename__ = "catalog_product"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    # resident | company | representative | anonymous, in the order the page names them.
    audiences: Mapped[list] = mapped_column(JSON)
    # {audience: level}; an audience that is missing (anonymous) needs no sign-in.
    min_levels: Mapped[dict] = mapped_column(JSON)
    cost_cents: Mapped[int | None]
    handling_level: Mapped[int]
    # Set when the level depends on the question ("2–4"); the lowest is handling_level.
    handling_level_max: Mapped[int | None]
    norm_working_days: Mapped[int | None]
    # A legal term (Awb, Wmo) counts in weeks, not working days; at most one of the two is set.
    norm_weeks: Mapped[int | None]
    channel: Mapped[str] = mapped_column(String(20))
    team: Mapped[str] = mapped_column(String(100))
    # Referrals only: {"name", "url", "phone", "email"}; what they handle is in the texts.
    partner: Mapped[dict | None] = mapped_column(JSON)
    # Where the online route goes when it is not the product's own form (slug of a form
    # definition), and the appointment type or report category it leads to.
    form_slug: Mapped[str | None] = mapped_column(String(100))
    appointment_type: Mapped[str | None] = mapped_column(String(60))
    report_category: Mapped[str | None] = mapped_column(String(60))
    # The national product list (UPL) and the Single Digital Gateway code, for Samenwerkende
    # Catalogi and the EU; the webteam keeps them.
    upl_uri: Mapped[str | None] = mapped_column(String(300))
    sdg_code: Mapped[str | None] = mapped_column(String(10))
    # For the contact centre only; never shown to residents.
    staff_notes: Mapped[str] = mapped_column(
        Text, length_check("staff_notes", STORED_BODY), default=""
    )
    published: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime]

    texts: Mapped[list["ProductText"]] = relationship(
        back_populates="product", cascade="all, delete-orphan"
    )


class ProductText(db.Model):
    __tablename__ = "catalog_product_text"
    __table_args__ = (UniqueConstraint("product_id", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("catalog_product.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, length_check("summary", STORED_BODY))
    # Paragraphs separated by a blank line: what it is and what to expect.
    body: Mapped[str] = mapped_column(Text, length_check("body", STORED_BODY))
    who: Mapped[str] = mapped_column(Text, length_check("who", STORED_BODY))
    cost_text: Mapped[str] = mapped_column(Text, length_check("cost_text", STORED_BODY))
    needs: Mapped[list] = mapped_column(JSON)
    norm_text: Mapped[str] = mapped_column(Text, length_check("norm_text", STORED_BODY))
    # Words people use for this product ("paspoort" for a travel document).
    synonyms: Mapped[list] = mapped_column(JSON)
    # Appointments: how to make one. Referrals: what the partner handles and the handover.
    contact_text: Mapped[str] = mapped_column(
        Text, length_check("contact_text", STORED_BODY), default=""
    )
    # "Ja, mits": when the answer is yes, provided that ... (Markdown).
    conditions: Mapped[str] = mapped_column(
        Text, length_check("conditions", STORED_BODY), default=""
    )

    product: Mapped[Product] = relationship(back_populates="texts")


class LifeEvent(db.Model):
    __tablename__ = "catalog_life_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    published: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime]

    texts: Mapped[list["LifeEventText"]] = relationship(
        back_populates="life_event", cascade="all, delete-orphan"
    )
    links: Mapped[list["LifeEventProduct"]] = relationship(
        back_populates="life_event",
        cascade="all, delete-orphan",
        order_by="LifeEventProduct.position",
    )


class LifeEventText(db.Model):
    __tablename__ = "catalog_life_event_text"
    __table_args__ = (UniqueConstraint("life_event_id", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    life_event_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_life_event.id", ondelete="CASCADE")
    )
    locale: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))
    intro: Mapped[str] = mapped_column(Text, length_check("intro", STORED_BODY))

    life_event: Mapped[LifeEvent] = relationship(back_populates="texts")


class LifeEventProduct(db.Model):
    """A product in a life event, in the order a person would do them."""

    __tablename__ = "catalog_life_event_product"

    life_event_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_life_event.id", ondelete="CASCADE"), primary_key=True
    )
    product_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_product.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(default=0)

    life_event: Mapped[LifeEvent] = relationship(back_populates="links")
    product: Mapped[Product] = relationship()


class Faq(db.Model):
    """A question people often ask, with the answer; shown on its product's page (or on the
    general FAQ page when it belongs to no product) and found by the contact centre."""

    __tablename__ = "catalog_faq"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    product_slug: Mapped[str | None] = mapped_column(String(100), index=True)
    position: Mapped[int] = mapped_column(default=0)
    staff_notes: Mapped[str] = mapped_column(
        Text, length_check("staff_notes", STORED_BODY), default=""
    )
    published: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime]

    texts: Mapped[list["FaqText"]] = relationship(
        back_populates="faq", cascade="all, delete-orphan"
    )


class FaqText(db.Model):
    __tablename__ = "catalog_faq_text"
    __table_args__ = (UniqueConstraint("faq_id", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    faq_id: Mapped[int] = mapped_column(ForeignKey("catalog_faq.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(10))
    question: Mapped[str] = mapped_column(String(300))
    # Markdown (the safe subset of portal.components.markdown).
    answer: Mapped[str] = mapped_column(Text, length_check("answer", STORED_BODY))
    synonyms: Mapped[list] = mapped_column(JSON, default=list)

    faq: Mapped[Faq] = relationship(back_populates="texts")


class Notice(db.Model):
    """A notice for a period: a banner on every page ("gemeentehuis gesloten op 24
    december") or a note on one product's page. Shown from starts_at until ends_at."""

    __tablename__ = "catalog_notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    # banner: every page | product: only on product_slug's page
    placement: Mapped[str] = mapped_column(String(20), default="banner")
    # info | warning
    level: Mapped[str] = mapped_column(String(20), default="info")
    product_slug: Mapped[str | None] = mapped_column(String(100), index=True)
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    staff_notes: Mapped[str] = mapped_column(
        Text, length_check("staff_notes", STORED_BODY), default=""
    )
    published: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime]

    texts: Mapped[list["NoticeText"]] = relationship(
        back_populates="notice", cascade="all, delete-orphan"
    )


class NoticeText(db.Model):
    __tablename__ = "catalog_notice_text"
    __table_args__ = (UniqueConstraint("notice_id", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("catalog_notice.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, length_check("body", STORED_BODY), default="")

    notice: Mapped[Notice] = relationship(back_populates="texts")


class CatalogGeneration(db.Model):
    """One row whose number goes up at every publication, so that every process (web
    workers, the background worker) drops its cached copy of the catalogue at once."""

    __tablename__ = "catalog_generation"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(default=0)
