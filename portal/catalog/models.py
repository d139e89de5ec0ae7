"""Tables of the catalog area: products, life events and their texts per language.

Facts that do not depend on the language (who may apply, assurance level, fee, norm,
channel, team) live on the product row; everything a person reads lives in one text row
per language, so the webteam can add or correct a language without touching the facts.
Lists (what you need, synonyms) are stored as JSON arrays of strings.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

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
    summary: Mapped[str] = mapped_column(Text)
    # Paragraphs separated by a blank line: what it is and what to expect.
    body: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(Text)
    cost_text: Mapped[str] = mapped_column(Text)
    needs: Mapped[list] = mapped_column(JSON)
    norm_text: Mapped[str] = mapped_column(Text)
    # Words people use for this product ("paspoort" for a travel document).
    synonyms: Mapped[list] = mapped_column(JSON)
    # Appointments: how to make one. Referrals: what the partner handles and the handover.
    contact_text: Mapped[str] = mapped_column(Text, default="")

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
    intro: Mapped[str] = mapped_column(Text)

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
