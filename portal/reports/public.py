"""What the public may see of reports: the overview "Meldingen in de buurt" and the Open311
GET responses both read reports through here, so one set of rules keeps personal data out.

Rules, and why:
- Only reports whose category is marked public (`ReportCategory.public`): categories about
  people (nuisance, dog mess) would point at neighbours.
- Open reports, and closed ones for 30 days (so a resident sees it was fixed); merged
  duplicates are left out (their main report is shown).
- No names, no contact details, and no description or result text: both are free text that
  may name a person or a house. Category, status, dates and the organisation a report was
  forwarded to are shown.
- The place to the street: the street name and the area, never the house number; the
  coordinates rounded to 3 decimals (about 100 m north-south, 70 m east-west here).
- Photos only when a handler approved them for the public (`ReportPhoto.public_approved`).

A report is identified publicly by `Report.id`, never by the case number: the case number is
what a reporter quotes when they call us, so it stays between them and the municipality.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from math import ceil

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from portal.cases.models import Case
from portal.cases.services import now
from portal.extensions import db
from portal.i18n import current_locale
from portal.reports.models import Report, ReportCategory, ReportPhoto
from portal.reports.photos import photo_url
from portal.reports.texts import STATUS_LABELS

# Closed reports stay on the overview this long.
CLOSED_VISIBLE_DAYS = 30
PAGE_SIZE = 20
# The map shows at most this many markers (the newest); the list pages through all.
MAP_LIMIT = 200
COORDINATE_DECIMALS = 3


@dataclass(frozen=True)
class PublicPhoto:
    url: str
    is_result: bool


@dataclass(frozen=True)
class PublicReport:
    id: int
    category_slug: str
    category_name: str
    main_slug: str
    main_name: str
    status: str
    status_label: str
    is_open: bool
    street: str
    area: str
    latitude: float
    longitude: float
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    planned_for: date | None
    forwarded_to: str | None
    expected_completion: date | None
    photos: tuple[PublicPhoto, ...] = ()


@dataclass(frozen=True)
class Page:
    items: list[PublicReport]
    page: int
    pages: int
    total: int


def rounded(value: float) -> float:
    return round(value, COORDINATE_DECIMALS)


def _names(locale: str) -> dict[str, str]:
    english = locale == "en"
    rows = db.session.execute(
        select(ReportCategory.slug, ReportCategory.name_nl, ReportCategory.name_en)
    )
    return {slug: ((name_en if english else name_nl) or name_nl) for slug, name_nl, name_en in rows}


def _public_slugs() -> Select:
    return select(ReportCategory.slug).where(ReportCategory.public.is_(True))


def visible_query(*, include_closed_days: int | None = CLOSED_VISIBLE_DAYS) -> Select:
    """Reports the public may see. `include_closed_days` None: closed ones of any age (the
    Open311 API filters on dates itself)."""
    query = select(Report).where(
        Report.category_slug.in_(_public_slugs()), Report.merged_into_id.is_(None)
    )
    if include_closed_days is not None:
        since = now() - timedelta(days=include_closed_days)
        query = query.where(or_(Report.is_open.is_(True), Report.closed_at >= since))
    return query


def _photo_url(photo: ReportPhoto) -> str:
    # The photo route lets everyone see an approved photo (`photo_access.may_view`).
    return photo_url(photo)


def to_public(report: Report, names: dict[str, str], expected: date | None = None) -> PublicReport:
    photos = []
    for photo in report.photos:
        if not photo.public_approved:
            continue
        url = _photo_url(photo)
        if url:
            photos.append(PublicPhoto(url=url, is_result=photo.is_result))
    return PublicReport(
        id=report.id,
        category_slug=report.category_slug,
        category_name=names.get(report.category_slug, report.category_slug),
        main_slug=report.main_category,
        main_name=names.get(report.main_category, report.main_category),
        status=report.status,
        status_label=str(STATUS_LABELS.get(report.status, report.status)),
        is_open=report.is_open,
        street=report.street,
        area=report.area,
        latitude=rounded(report.latitude),
        longitude=rounded(report.longitude),
        created_at=report.created_at,
        updated_at=report.updated_at,
        closed_at=report.closed_at,
        planned_for=report.planned_for,
        forwarded_to=report.forwarded_to,
        expected_completion=expected,
        photos=tuple(photos),
    )


def _expected_dates(reports: list[Report]) -> dict[int, date | None]:
    ids = [report.case_id for report in reports]
    if not ids:
        return {}
    rows = db.session.execute(select(Case.id, Case.expected_completion).where(Case.id.in_(ids)))
    return dict(rows.all())


def convert(reports: list[Report]) -> list[PublicReport]:
    names = _names(current_locale())
    expected = _expected_dates(reports)
    return [to_public(report, names, expected.get(report.case_id)) for report in reports]


def _filtered(area: str, main_category: str) -> Select:
    query = visible_query()
    if area:
        query = query.where(Report.area == area)
    if main_category:
        query = query.where(Report.main_category == main_category)
    return query


def overview(*, area: str = "", main_category: str = "", page: int = 1) -> Page:
    """One page of the overview, newest first."""
    query = _filtered(area, main_category)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, ceil(total / PAGE_SIZE))
    page = min(max(page, 1), pages)
    rows = db.session.scalars(
        query.options(selectinload(Report.photos))
        .order_by(Report.created_at.desc(), Report.id.desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    return Page(items=convert(list(rows)), page=page, pages=pages, total=total)


def map_reports(*, area: str = "", main_category: str = "") -> list[PublicReport]:
    query = (
        _filtered(area, main_category)
        .options(selectinload(Report.photos))
        .order_by(Report.created_at.desc())
        .limit(MAP_LIMIT)
    )
    return convert(list(db.session.scalars(query)))


def areas() -> list[str]:
    """The areas that have a visible report, for the filter."""
    query = visible_query().with_only_columns(Report.area).where(Report.area != "").distinct()
    return sorted(db.session.scalars(query))


def main_categories() -> list[tuple[str, str]]:
    """(slug, name) of the main categories with at least one public subcategory."""
    english = current_locale() == "en"
    public_parents = select(ReportCategory.parent_slug).where(
        ReportCategory.public.is_(True), ReportCategory.parent_slug.is_not(None)
    )
    rows = db.session.scalars(
        select(ReportCategory)
        .where(ReportCategory.parent_slug.is_(None), ReportCategory.slug.in_(public_parents))
        .order_by(ReportCategory.position, ReportCategory.id)
    )
    return [(row.slug, (row.name_en if english else row.name_nl) or row.name_nl) for row in rows]


def get_public(report_id: int) -> PublicReport | None:
    """A report the public may see, by its public id; None otherwise (also when it was closed
    too long ago)."""
    report = db.session.scalars(visible_query().where(Report.id == report_id)).first()
    return convert([report])[0] if report is not None else None


def merged_into(report_id: int) -> int | None:
    """The report a merged duplicate now lives on, so an old link still leads somewhere."""
    return db.session.scalar(select(Report.merged_into_id).where(Report.id == report_id))
