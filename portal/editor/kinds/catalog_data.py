"""What the product and life-event kinds share: the choices their forms offer (read from the
areas that own them when the form is built) and the live content they look up.

The catalogue's own tables are read here directly: the kinds write them, so they must see
unpublished rows too, which `catalog.services` never shows.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.catalog import models
from portal.editor.kinds.base import SOURCE_LOCALE
from portal.extensions import db

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 100


def good_key(key: str) -> bool:
    return bool(key) and len(key) <= SLUG_MAX and SLUG.match(key) is not None


def strings(value) -> list[str]:
    """A list of non-empty strings from version data, whatever was stored."""
    if not isinstance(value, list):
        return []
    return [item.strip() for item in value if isinstance(item, str) and item.strip()]


def string(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def integer(value) -> int | None:
    """An int from version data; None for empty and for anything that is not a whole number."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


# --- choices (functions: the form asks when it is built) ---


def product_names() -> dict[str, str]:
    """Every product's Dutch name by slug, published or not, ordered by name."""
    rows = db.session.execute(
        select(models.Product.slug, models.ProductText.name)
        .join(models.ProductText)
        .where(models.ProductText.locale == SOURCE_LOCALE)
    ).all()
    return dict(sorted(rows, key=lambda row: row[1].casefold()))


def life_event_names() -> dict[str, str]:
    """Every life event's Dutch title by slug, in the order the site shows them."""
    rows = db.session.execute(
        select(models.LifeEvent.slug, models.LifeEventText.title)
        .join(models.LifeEventText)
        .where(models.LifeEventText.locale == SOURCE_LOCALE)
        .order_by(models.LifeEvent.position, models.LifeEvent.slug)
    ).all()
    return dict(rows)


def life_event_choices() -> list[tuple[str, str]]:
    return list(life_event_names().items())


def form_choices() -> list[tuple[str, str]]:
    """The request forms there are (forms/*.py), named after their product."""
    from portal.requests.definition import definitions

    names = product_names()
    return sorted(
        ((slug, names.get(slug, slug)) for slug in definitions()),
        key=lambda choice: choice[1].casefold(),
    )


def appointment_type_choices() -> list[tuple[str, str]]:
    from portal.appointments.models import AppointmentType

    rows = db.session.execute(
        select(AppointmentType.slug, AppointmentType.name_nl)
        .where(AppointmentType.active.is_(True))
        .order_by(AppointmentType.position, AppointmentType.slug)
    ).all()
    return [(slug, name) for slug, name in rows]


def report_category_choices() -> list[tuple[str, str]]:
    """Main categories only: the report flow chooses the subcategory with the resident."""
    from portal.reports.models import ReportCategory

    rows = db.session.execute(
        select(ReportCategory.slug, ReportCategory.name_nl)
        .where(ReportCategory.parent_slug.is_(None), ReportCategory.active.is_(True))
        .order_by(ReportCategory.position, ReportCategory.slug)
    ).all()
    return [(slug, name) for slug, name in rows]


def has_form(slug: str) -> bool:
    from portal.requests.definition import definition_for

    return definition_for(slug) is not None


def has_own_route(slug: str) -> bool:
    """An area registered where this product starts (questions, reports, appointments)."""
    from portal.catalog.views import START_ENDPOINTS

    return slug in START_ENDPOINTS


def team_name(slug: str) -> str:
    from portal.administration.models import Team

    name = db.session.scalar(select(Team.name).where(Team.slug == slug))
    return name or slug
