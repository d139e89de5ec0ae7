"""The demo municipality's catalogue, loaded from `fixtures/products.json`.

Loading adds what is missing and never overwrites: once a product or life event exists, the
webteam owns it, and their changes must survive the next `flask demo-data`.
"""

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from portal.catalog import cache, models
from portal.extensions import db

FIXTURE = Path(__file__).parent / "fixtures" / "products.json"
PRODUCT_FIELDS = (
    "audiences",
    "min_levels",
    "cost_cents",
    "handling_level",
    "handling_level_max",
    "norm_working_days",
    "norm_weeks",
    "channel",
    "team",
    "partner",
)
# Facts the fixture may leave out (the links and codes the webteam adds later).
OPTIONAL_FIELDS = ("form_slug", "appointment_type", "report_category", "upl_uri", "sdg_code")


def read_fixture(path: Path = FIXTURE) -> dict:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _add_products(entries: list[dict]) -> bool:
    existing = set(db.session.scalars(select(models.Product.slug)))
    added = False
    for entry in entries:
        if entry["slug"] in existing:
            continue
        product = models.Product(
            slug=entry["slug"],
            published=entry.get("published", True),
            updated_at=_now(),
            **{name: entry[name] for name in PRODUCT_FIELDS},
            **{name: entry[name] for name in OPTIONAL_FIELDS if name in entry},
        )
        product.texts = [
            models.ProductText(locale=locale, **texts) for locale, texts in entry["texts"].items()
        ]
        db.session.add(product)
        added = True
    db.session.flush()
    return added


def _add_life_events(entries: list[dict]) -> bool:
    existing = set(db.session.scalars(select(models.LifeEvent.slug)))
    rows = db.session.execute(select(models.Product.slug, models.Product.id)).tuples()
    products = dict(rows.all())
    added = False
    for position, entry in enumerate(entries):
        if entry["slug"] in existing:
            continue
        event = models.LifeEvent(
            slug=entry["slug"], position=position, published=True, updated_at=_now()
        )
        event.texts = [
            models.LifeEventText(locale=locale, **texts) for locale, texts in entry["texts"].items()
        ]
        event.links = [
            models.LifeEventProduct(product_id=products[slug], position=order)
            for order, slug in enumerate(entry["products"])
        ]
        db.session.add(event)
        added = True
    db.session.flush()
    return added


def load(path: Path = FIXTURE) -> bool:
    """Add the fixture's products and life events that are not there yet; True if any were."""
    data = read_fixture(path)
    products_added = _add_products(data["products"])
    events_added = _add_life_events(data["life_events"])
    if products_added or events_added:
        cache.drop()
    return products_added or events_added
