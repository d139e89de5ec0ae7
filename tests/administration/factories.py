"""Products and report categories for administration tests, with the fewest fields set."""

from datetime import UTC, datetime

from portal.catalog.models import Product, ProductText
from portal.extensions import db
from portal.reports.models import ReportCategory


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def make_product(slug: str = "paspoort", **fields) -> Product:
    values = {
        "audiences": ["resident"],
        "min_levels": {"resident": "midden"},
        "cost_cents": None,
        "handling_level": 3,
        "handling_level_max": None,
        "norm_working_days": 5,
        "norm_weeks": None,
        "channel": "form",
        "team": "burgerzaken",
        "partner": None,
        "published": True,
        **fields,
    }
    product = Product(slug=slug, updated_at=_now(), **values)
    product.texts.append(
        ProductText(
            locale="nl",
            name=f"Product {slug}",
            summary="Samenvatting.",
            body="Tekst.",
            who="Iedereen.",
            cost_text="Gratis.",
            needs=[],
            norm_text="",
            synonyms=[],
        )
    )
    db.session.add(product)
    db.session.flush()
    return product


def make_category(slug: str = "gat-in-de-weg", **fields) -> ReportCategory:
    values = {
        "parent_slug": "wegen",
        "name_nl": "Gat in de weg",
        "name_en": "Pothole",
        "team": "openbare-ruimte",
        "norm_working_days": 5,
        **fields,
    }
    category = ReportCategory(slug=slug, updated_at=_now(), **values)
    db.session.add(category)
    db.session.flush()
    return category
