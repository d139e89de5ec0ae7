"""Report categories: the demo municipality's list, and reading it.

Categories are rows the webteam maintains (`ReportCategory`): names in Dutch and English, the
keywords the classifier weighs, the team a report goes to and the norm in working days. Loading
the demo list adds what is missing and never overwrites an edited row.

Callers get `Category` dataclasses in the current language, never ORM rows. In a request
they come from the catalogue's per-process copy (`portal.catalog.cache`): a report step asks
for them several times, and the editor and the administration drop that copy when they change
a category, as a publication does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import has_request_context
from sqlalchemy import select

from portal.catalog import cache
from portal.extensions import db
from portal.i18n import current_locale
from portal.reports.models import ReportCategory


@dataclass(frozen=True)
class Category:
    slug: str
    parent_slug: str | None
    name: str
    hint: str
    keywords: tuple[str, ...]
    team: str
    norm_working_days: int
    public: bool
    # The main category's name for a subcategory ("Straatverlichting"), else the name itself.
    group_name: str

    @property
    def main_slug(self) -> str:
        return self.parent_slug or self.slug


FIXTURE = Path(__file__).parent / "fixtures" / "categories.json"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def load() -> bool:
    """Add the demo categories that are missing; never overwrite an edited one."""
    existing = set(db.session.scalars(select(ReportCategory.slug)))
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    added = False
    for position, row in enumerate(rows):
        if row["slug"] in existing:
            continue
        # Pop first: `{**row, ...}` would copy "parent" before the pop removed it.
        parent = row.pop("parent")
        values = {**row, "parent_slug": parent}
        db.session.add(ReportCategory(**values, position=position, active=True, updated_at=_now()))
        added = True
    db.session.flush()
    if added:
        cache.drop()
    return added


def _rows() -> list[ReportCategory]:
    query = select(ReportCategory).where(ReportCategory.active.is_(True))
    return list(db.session.scalars(query.order_by(ReportCategory.position, ReportCategory.id)))


def _to_category(row: ReportCategory, names: dict[str, str], locale: str) -> Category:
    english = locale == "en"
    name = (row.name_en if english else row.name_nl) or row.name_nl
    hint = (row.hint_en if english else row.hint_nl) or row.hint_nl
    return Category(
        slug=row.slug,
        parent_slug=row.parent_slug,
        name=name,
        hint=hint,
        keywords=tuple(row.keywords or ()),
        team=row.team,
        norm_working_days=row.norm_working_days,
        public=row.public,
        group_name=names.get(row.parent_slug or row.slug, name),
    )


def all_categories(locale: str | None = None) -> list[Category]:
    """Every active category, main categories and subcategories, in the editors' order."""
    locale = locale or current_locale()
    if not has_request_context():
        return _build(locale)
    return list(cache.cached(f"report_categories:{locale}", lambda: tuple(_build(locale))))


def _build(locale: str) -> list[Category]:
    rows = _rows()
    english = locale == "en"
    names = {row.slug: (row.name_en if english else row.name_nl) or row.name_nl for row in rows}
    return [_to_category(row, names, locale) for row in rows]


def subcategories(locale: str | None = None) -> list[Category]:
    """The categories a report can be filed under: subcategories only."""
    return [category for category in all_categories(locale) if category.parent_slug]


def main_categories(locale: str | None = None) -> list[Category]:
    return [category for category in all_categories(locale) if not category.parent_slug]


def get_category(slug: str, locale: str | None = None) -> Category | None:
    """An active subcategory by slug; None for a main category or an unknown slug."""
    for category in subcategories(locale):
        if category.slug == slug:
            return category
    return None
