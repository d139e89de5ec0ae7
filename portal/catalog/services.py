"""The product catalogue as other areas and the pages see it.

Callers get frozen dataclasses in one language (the current one, or the one they ask for),
never ORM rows: the catalogue's tables can change without touching requests or cases.
Only published products and life events are visible here.

The published catalogue is read once per publication and kept per process
(`catalog.cache`): a page costs one small query while nothing was published.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import has_request_context
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.catalog import cache, models
from portal.catalog.read_model import (
    DEFAULT_LOCALE,
    LifeEvent,
    LifeEventLink,
    LifeEventRecord,
    LifeEventTexts,
    Partner,
    Product,
    ProductRecord,
    ProductTexts,
    life_event_link,
    life_event_view,
    product_view,
)
from portal.catalog.search import rank, sort_key
from portal.extensions import db

__all__ = [
    "AUDIENCES",
    "CHANNELS",
    "LifeEvent",
    "LifeEventLink",
    "Partner",
    "Product",
    "get_life_event",
    "get_product",
    "life_events",
    "list_products",
    "popular_products",
    "search",
]

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
class Snapshot:
    """Everything published, in every language."""

    products: dict[str, ProductRecord]
    # In the order the life events page shows them.
    life_events: tuple[LifeEventRecord, ...]


@dataclass(frozen=True)
class LocaleViews:
    """The snapshot in one language, as the pages use it."""

    # Alphabetical by name in this language.
    products: tuple[Product, ...]
    by_slug: dict[str, Product]
    life_events: tuple[LifeEvent, ...]


def _locale(locale: str | None) -> str:
    if locale:
        return locale
    if has_request_context():
        from portal.i18n import current_locale

        return current_locale()
    # Background jobs and the CLI have no visitor; Dutch is the source language.
    return DEFAULT_LOCALE


def product_record(row: models.Product) -> ProductRecord:
    """A product row (with its texts loaded) as a record."""
    return ProductRecord(
        slug=row.slug,
        audiences=tuple(row.audiences or ()),
        min_levels=dict(row.min_levels or {}),
        cost_cents=row.cost_cents,
        handling_level=row.handling_level,
        handling_level_max=row.handling_level_max,
        norm_working_days=row.norm_working_days,
        norm_weeks=row.norm_weeks,
        channel=row.channel,
        team=row.team,
        partner=dict(row.partner) if row.partner else None,
        updated_at=row.updated_at,
        texts=tuple(
            ProductTexts(
                locale=text.locale,
                name=text.name,
                summary=text.summary,
                body=text.body or "",
                who=text.who or "",
                cost_text=text.cost_text or "",
                needs=tuple(text.needs or ()),
                norm_text=text.norm_text or "",
                synonyms=tuple(text.synonyms or ()),
                contact_text=text.contact_text or "",
                conditions=text.conditions or "",
            )
            for text in row.texts
        ),
        form_slug=row.form_slug,
        appointment_type=row.appointment_type,
        report_category=row.report_category,
        upl_uri=row.upl_uri,
        sdg_code=row.sdg_code,
        staff_notes=row.staff_notes or "",
    )


def _load_snapshot() -> Snapshot:
    rows = db.session.scalars(
        select(models.Product)
        .where(models.Product.published.is_(True))
        .options(selectinload(models.Product.texts))
    )
    products = {row.slug: product_record(row) for row in rows}
    events = db.session.scalars(
        select(models.LifeEvent)
        .where(models.LifeEvent.published.is_(True))
        .options(selectinload(models.LifeEvent.texts))
        .order_by(models.LifeEvent.position, models.LifeEvent.slug)
    ).all()
    links = db.session.execute(
        select(models.LifeEventProduct.life_event_id, models.Product.slug)
        .join(models.Product)
        .order_by(models.LifeEventProduct.position, models.Product.slug)
    ).all()
    slugs: dict[int, list[str]] = {}
    for event_id, slug in links:
        slugs.setdefault(event_id, []).append(slug)
    records = tuple(
        LifeEventRecord(
            slug=event.slug,
            position=event.position,
            texts=tuple(LifeEventTexts(t.locale, t.title, t.intro) for t in event.texts),
            product_slugs=tuple(slugs.get(event.id, ())),
        )
        for event in events
    )
    return Snapshot(products=products, life_events=records)


def snapshot() -> Snapshot:
    return cache.cached("snapshot", _load_snapshot)


def links_by_product(
    events: tuple[LifeEventRecord, ...], locale: str
) -> dict[str, tuple[LifeEventLink, ...]]:
    """The life events each product belongs to, in the life events' order."""
    found: dict[str, list[LifeEventLink]] = {}
    for event in events:
        link = life_event_link(event, locale)
        for slug in event.product_slugs:
            found.setdefault(slug, []).append(link)
    return {slug: tuple(links) for slug, links in found.items()}


def _build_views(locale: str) -> LocaleViews:
    current = snapshot()
    links = links_by_product(current.life_events, locale)
    by_slug = {
        slug: product_view(record, locale, links.get(slug, ()))
        for slug, record in current.products.items()
    }
    events = tuple(
        life_event_view(
            event,
            locale,
            tuple(by_slug[slug] for slug in event.product_slugs if slug in by_slug),
        )
        for event in current.life_events
    )
    ordered = tuple(sorted(by_slug.values(), key=lambda product: sort_key(product.name)))
    return LocaleViews(products=ordered, by_slug=by_slug, life_events=events)


def _views(locale: str | None) -> LocaleViews:
    chosen = _locale(locale)
    return cache.cached(f"views:{chosen}", lambda: _build_views(chosen))


def get_product(slug: str, locale: str | None = None) -> Product | None:
    return _views(locale).by_slug.get(slug)


def list_products(audience: str | None = None, locale: str | None = None) -> list[Product]:
    """Published products in alphabetical order of their name in the language shown."""
    products = _views(locale).products
    return [product for product in products if not audience or audience in product.audiences]


def popular_products(locale: str | None = None) -> list[Product]:
    products = _views(locale).by_slug
    return [products[slug] for slug in POPULAR if slug in products]


def search(q: str, locale: str | None = None) -> list[Product]:
    """Products that match what a person typed, best match first (see `catalog.search`)."""
    chosen = _locale(locale)
    by_slug = _views(chosen).by_slug
    slugs = rank(q, snapshot().products.values(), chosen)
    return [by_slug[slug] for slug in slugs if slug in by_slug]


def life_events(locale: str | None = None) -> list[LifeEvent]:
    return list(_views(locale).life_events)


def get_life_event(slug: str, locale: str | None = None) -> LifeEvent | None:
    return next((event for event in _views(locale).life_events if event.slug == slug), None)
