"""Notices for a period: banners on every resident page and notes on one product's page.

"Het gemeentehuis is gesloten op 24 december" shows from its start until its end. The texts
are read once per catalogue generation and language (`catalog.cache`); whether a notice
shows is decided at every request, so a banner appears and disappears on time without a
publication. Times are naive UTC, like everywhere in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from portal.catalog import cache, models
from portal.catalog import services as catalog
from portal.extensions import db

BANNER = "banner"
PRODUCT = "product"
PLACEMENTS = (BANNER, PRODUCT)
INFO = "info"
WARNING = "warning"
LEVELS = (INFO, WARNING)


@dataclass(frozen=True)
class Notice:
    slug: str
    placement: str
    level: str
    product_slug: str | None
    starts_at: datetime | None
    ends_at: datetime | None
    title: str
    # Markdown (the safe subset); templates show it with the `markdown` filter.
    body: str
    locale: str

    def shows_at(self, moment: datetime) -> bool:
        started = self.starts_at is None or self.starts_at <= moment
        return started and (self.ends_at is None or moment < self.ends_at)


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _load(locale: str) -> tuple[Notice, ...]:
    # A notice that has ended never shows again, so it need not be kept.
    rows = db.session.scalars(
        select(models.Notice)
        .where(
            models.Notice.published.is_(True),
            or_(models.Notice.ends_at.is_(None), models.Notice.ends_at > now()),
        )
        .options(selectinload(models.Notice.texts))
        .order_by(models.Notice.starts_at, models.Notice.slug)
    )
    notices = []
    for row in rows:
        by_locale = {text.locale: text for text in row.texts}
        text = by_locale.get(locale) or by_locale.get(catalog.DEFAULT_LOCALE)
        if text is None:
            continue
        notices.append(
            Notice(
                slug=row.slug,
                placement=row.placement,
                level=row.level,
                product_slug=row.product_slug,
                starts_at=row.starts_at,
                ends_at=row.ends_at,
                title=text.title,
                body=text.body,
                locale=text.locale,
            )
        )
    return tuple(notices)


def display_order(notice: Notice) -> tuple:
    # Warnings first: they are about something that stops people (a closure, a failure).
    return (notice.level != WARNING, notice.starts_at or datetime.min, notice.slug)


def _showing(locale: str | None, moment: datetime | None) -> list[Notice]:
    locale = catalog._locale(locale)
    moment = moment or now()
    loaded = cache.cached(f"notices:{locale}", lambda: _load(locale))
    showing = [notice for notice in loaded if notice.shows_at(moment)]
    return sorted(showing, key=display_order)


def banners(locale: str | None = None, moment: datetime | None = None) -> list[Notice]:
    return [n for n in _showing(locale, moment) if n.placement == BANNER]


def for_product(
    product_slug: str, locale: str | None = None, moment: datetime | None = None
) -> list[Notice]:
    return [
        n
        for n in _showing(locale, moment)
        if n.placement == PRODUCT and n.product_slug == product_slug
    ]


def showing(locale: str | None = None, moment: datetime | None = None) -> list[Notice]:
    """Every notice that shows now, banners and product notes (for the contact centre)."""
    return _showing(locale, moment)
