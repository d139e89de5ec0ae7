"""The product catalogue as other areas and the pages see it.

Callers get frozen dataclasses in one language (the current one, or the one they ask for),
never ORM rows: the catalogue's tables can change without touching requests or cases.
Only published products and life events are visible here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import has_request_context
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.catalog import models
from portal.catalog.search import rank, sort_key
from portal.catalog.texts import handling_text
from portal.extensions import db

DEFAULT_LOCALE = "nl"
AUDIENCES = ("resident", "company", "representative", "anonymous")
CHANNELS = ("form", "appointment", "referral")
# What most people come for; shown when a search finds nothing.
POPULAR = (
    "verhuizing-doorgeven",
    "reisdocument-aanvragen",
    "melding-openbare-ruimte",
    "parkeervergunning-bewoners",
)


@dataclass(frozen=True)
class Partner:
    """An organisation that handles a product for the municipality (handling level 5)."""

    name: str
    url: str
    phone: str
    email: str


@dataclass(frozen=True)
class LifeEventLink:
    slug: str
    title: str


@dataclass(frozen=True)
class Product:
    slug: str
    name: str
    summary: str
    body: str
    who: str
    audiences: tuple[str, ...]
    min_levels: dict[str, str]
    cost_cents: int | None
    cost_text: str
    needs: tuple[str, ...]
    handling_level: int
    handling_level_max: int | None
    norm_working_days: int | None
    norm_weeks: int | None
    norm_text: str
    channel: str
    team: str
    partner: Partner | None
    contact_text: str
    synonyms: tuple[str, ...]
    life_events: tuple[LifeEventLink, ...]
    updated_at: datetime
    locale: str

    @property
    def min_level(self) -> str | None:
        """The level the first-named audience needs; None when it needs no sign-in."""
        return self.min_level_for(self.audiences[0]) if self.audiences else None

    def min_level_for(self, audience: str) -> str | None:
        return self.min_levels.get(audience)

    @property
    def anonymous_allowed(self) -> bool:
        return "anonymous" in self.audiences

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(part.strip() for part in self.body.split("\n\n") if part.strip())

    @property
    def handling_text(self) -> str:
        return handling_text(self.handling_level, self.handling_level_max)


@dataclass(frozen=True)
class LifeEvent:
    slug: str
    title: str
    intro: str
    products: tuple[Product, ...] = field(default=())


def _locale(locale: str | None) -> str:
    if locale:
        return locale
    if has_request_context():
        from portal.i18n import current_locale

        return current_locale()
    # Background jobs and the CLI have no visitor; Dutch is the source language.
    return DEFAULT_LOCALE


def _text_for(texts: list, locale: str):
    by_locale = {text.locale: text for text in texts}
    return by_locale.get(locale) or by_locale.get(DEFAULT_LOCALE) or (texts[0] if texts else None)


def _products_query():
    return (
        select(models.Product)
        .where(models.Product.published.is_(True))
        .options(selectinload(models.Product.texts))
    )


def _life_event_links(product_ids: list[int], locale: str) -> dict[int, list[LifeEventLink]]:
    """The published life events each product belongs to, in the life events' order."""
    rows = db.session.execute(
        select(models.LifeEventProduct.product_id, models.LifeEvent)
        .join(models.LifeEvent)
        .where(
            models.LifeEventProduct.product_id.in_(product_ids),
            models.LifeEvent.published.is_(True),
        )
        .options(selectinload(models.LifeEvent.texts))
        .order_by(models.LifeEvent.position, models.LifeEvent.slug)
    ).all()
    links: dict[int, list[LifeEventLink]] = {}
    for product_id, event in rows:
        text = _text_for(event.texts, locale)
        links.setdefault(product_id, []).append(LifeEventLink(event.slug, text.title))
    return links


def _view(row: models.Product, locale: str, links: list[LifeEventLink]) -> Product:
    text = _text_for(row.texts, locale)
    partner = Partner(**row.partner) if row.partner else None
    return Product(
        slug=row.slug,
        name=text.name,
        summary=text.summary,
        body=text.body,
        who=text.who,
        audiences=tuple(row.audiences),
        min_levels=dict(row.min_levels),
        cost_cents=row.cost_cents,
        cost_text=text.cost_text,
        needs=tuple(text.needs),
        handling_level=row.handling_level,
        handling_level_max=row.handling_level_max,
        norm_working_days=row.norm_working_days,
        norm_weeks=row.norm_weeks,
        norm_text=text.norm_text,
        channel=row.channel,
        team=row.team,
        partner=partner,
        contact_text=text.contact_text,
        synonyms=tuple(text.synonyms),
        life_events=tuple(links),
        updated_at=row.updated_at,
        locale=text.locale,
    )


def _views(rows: list[models.Product], locale: str) -> list[Product]:
    links = _life_event_links([row.id for row in rows], locale) if rows else {}
    return [_view(row, locale, links.get(row.id, [])) for row in rows]


def get_product(slug: str, locale: str | None = None) -> Product | None:
    row = db.session.scalars(_products_query().where(models.Product.slug == slug)).first()
    if row is None:
        return None
    return _views([row], _locale(locale))[0]


def list_products(audience: str | None = None, locale: str | None = None) -> list[Product]:
    """Published products in alphabetical order of their name in the language shown."""
    rows = list(db.session.scalars(_products_query()))
    if audience:
        rows = [row for row in rows if audience in row.audiences]
    return sorted(_views(rows, _locale(locale)), key=lambda product: sort_key(product.name))


def popular_products(locale: str | None = None) -> list[Product]:
    products = {product.slug: product for product in list_products(locale=locale)}
    return [products[slug] for slug in POPULAR if slug in products]


def search(q: str, locale: str | None = None) -> list[Product]:
    """Products that match what a person typed, best match first (see `catalog.search`)."""
    locale = _locale(locale)
    rows = list(db.session.scalars(_products_query()))
    slugs = rank(q, rows, locale)
    found = [row for row in rows if row.slug in slugs]
    by_slug = {product.slug: product for product in _views(found, locale)}
    return [by_slug[slug] for slug in slugs]


def _life_events_query():
    return (
        select(models.LifeEvent)
        .where(models.LifeEvent.published.is_(True))
        .options(
            selectinload(models.LifeEvent.texts),
            selectinload(models.LifeEvent.links)
            .selectinload(models.LifeEventProduct.product)
            .selectinload(models.Product.texts),
        )
        .order_by(models.LifeEvent.position, models.LifeEvent.slug)
    )


def _life_event_view(row: models.LifeEvent, locale: str) -> LifeEvent:
    text = _text_for(row.texts, locale)
    published = [link.product for link in row.links if link.product.published]
    return LifeEvent(
        slug=row.slug, title=text.title, intro=text.intro, products=tuple(_views(published, locale))
    )


def life_events(locale: str | None = None) -> list[LifeEvent]:
    locale = _locale(locale)
    return [_life_event_view(row, locale) for row in db.session.scalars(_life_events_query())]


def get_life_event(slug: str, locale: str | None = None) -> LifeEvent | None:
    row = db.session.scalars(_life_events_query().where(models.LifeEvent.slug == slug)).first()
    return _life_event_view(row, _locale(locale)) if row else None
