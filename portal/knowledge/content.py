"""What the contact centre reads: FAQ answers, notices and the parts of a product that the
resident pages and `portal.catalog.services.Product` do not carry (the "ja, mits" text, the
internal notes, the appointment type).

Only published content is here, and a notice only while it runs (starts_at ≤ now < ends_at),
exactly as residents see it. The FAQ and notice pages of the portal have their own services;
this module reads the catalogue's tables itself so the knowledge search does not wait for
them, and it gives frozen dataclasses in one language, never ORM rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from portal.catalog import models
from portal.catalog.search import Searchable
from portal.components.markdown import plain_text
from portal.extensions import db

DEFAULT_LOCALE = "nl"


@dataclass(frozen=True)
class Faq:
    slug: str
    question: str
    answer: str  # Markdown
    synonyms: tuple[str, ...]
    product_slug: str | None
    staff_notes: str
    updated_at: datetime
    searchable: Searchable


@dataclass(frozen=True)
class Notice:
    slug: str
    title: str
    body: str  # Markdown
    placement: str  # banner | product
    level: str  # info | warning
    product_slug: str | None
    starts_at: datetime | None
    ends_at: datetime | None
    staff_notes: str
    searchable: Searchable


@dataclass(frozen=True)
class ProductExtras:
    """A published product's texts the resident `Product` view leaves out."""

    conditions: str  # Markdown, "ja, mits"
    staff_notes: str
    appointment_type: str | None


def now() -> datetime:
    """Naive UTC, as stored; a function so tests can move the clock."""
    return datetime.now(UTC).replace(tzinfo=None)


def _text_for(texts: list, locale: str):
    by_locale = {text.locale: text for text in texts}
    return by_locale.get(locale) or by_locale.get(DEFAULT_LOCALE) or (texts[0] if texts else None)


def _faq(row: models.Faq, locale: str) -> Faq | None:
    text = _text_for(row.texts, locale)
    if text is None:
        return None
    return Faq(
        slug=row.slug,
        question=text.question,
        answer=text.answer,
        synonyms=tuple(text.synonyms or ()),
        product_slug=row.product_slug,
        staff_notes=row.staff_notes or "",
        updated_at=row.updated_at,
        searchable=Searchable(
            names=tuple(t.question for t in row.texts),
            synonyms=tuple(s for t in row.texts for s in t.synonyms or ()),
            texts=tuple(plain_text(t.answer) for t in row.texts),
        ),
    )


def _notice(row: models.Notice, locale: str) -> Notice | None:
    text = _text_for(row.texts, locale)
    if text is None:
        return None
    return Notice(
        slug=row.slug,
        title=text.title,
        body=text.body,
        placement=row.placement,
        level=row.level,
        product_slug=row.product_slug,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        staff_notes=row.staff_notes or "",
        searchable=Searchable(
            names=tuple(t.title for t in row.texts),
            summaries=tuple(plain_text(t.body) for t in row.texts),
        ),
    )


def _faqs_query():
    return (
        select(models.Faq)
        .where(models.Faq.published.is_(True))
        .options(selectinload(models.Faq.texts))
        .order_by(models.Faq.position, models.Faq.slug)
    )


def _notices_query(at: datetime | None):
    moment = at or now()
    return (
        select(models.Notice)
        .where(
            models.Notice.published.is_(True),
            or_(models.Notice.starts_at.is_(None), models.Notice.starts_at <= moment),
            or_(models.Notice.ends_at.is_(None), models.Notice.ends_at > moment),
        )
        .options(selectinload(models.Notice.texts))
        .order_by(models.Notice.starts_at, models.Notice.slug)
    )


def published_faqs(locale: str) -> list[Faq]:
    rows = db.session.scalars(_faqs_query())
    return [faq for faq in (_faq(row, locale) for row in rows) if faq is not None]


def get_faq(slug: str, locale: str) -> Faq | None:
    row = db.session.scalars(_faqs_query().where(models.Faq.slug == slug)).first()
    return _faq(row, locale) if row is not None else None


def active_notices(locale: str, at: datetime | None = None) -> list[Notice]:
    rows = db.session.scalars(_notices_query(at))
    return [notice for notice in (_notice(row, locale) for row in rows) if notice is not None]


def get_notice(slug: str, locale: str, at: datetime | None = None) -> Notice | None:
    row = db.session.scalars(_notices_query(at).where(models.Notice.slug == slug)).first()
    return _notice(row, locale) if row is not None else None


def product_extras(slug: str, locale: str) -> ProductExtras | None:
    row = db.session.scalars(
        select(models.Product)
        .where(models.Product.slug == slug, models.Product.published.is_(True))
        .options(selectinload(models.Product.texts))
    ).first()
    if row is None:
        return None
    text = _text_for(row.texts, locale)
    return ProductExtras(
        conditions=(text.conditions if text is not None else "") or "",
        staff_notes=row.staff_notes or "",
        appointment_type=row.appointment_type,
    )


def faqs_for_product(slug: str, locale: str) -> list[Faq]:
    rows = db.session.scalars(_faqs_query().where(models.Faq.product_slug == slug))
    return [faq for faq in (_faq(row, locale) for row in rows) if faq is not None]


def notices_for_product(slug: str, locale: str, at: datetime | None = None) -> list[Notice]:
    rows = db.session.scalars(_notices_query(at).where(models.Notice.product_slug == slug))
    return [notice for notice in (_notice(row, locale) for row in rows) if notice is not None]
