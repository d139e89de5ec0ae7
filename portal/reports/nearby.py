"""Open reports near a point (the duplicate check before sending) and in a map's box.

Both ask the database for a bounding box only, in the shape of the index
`ix_reports_report_nearby` (is_open, main_category, latitude, longitude): two equalities and
two ranges, which SQLite and PostgreSQL both answer from the index with plain B-trees, no
spatial extension. The exact distance is then worked out in Python for the few rows in the
box (`geo.distance_m`), which also drops the box's corners.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Select, select, true

from portal.extensions import db
from portal.reports.geo import bounding_box, distance_m, valid_wgs84
from portal.reports.models import Report, ReportCategory
from portal.reports.texts import DUPLICATE_DAYS, DUPLICATE_RADIUS_M

# A duplicate is next door, not across town: a larger radius is a mistake, not a wish.
MAX_RADIUS_M = 5000
MAX_DAYS = 366
# The most reports a map box returns unless the caller asks otherwise: more is unreadable.
BOX_LIMIT = 500


@dataclass(frozen=True)
class Nearby:
    report: Report
    distance_m: float


def now() -> datetime:
    """Naive UTC, as stored; a function so tests can move the clock."""
    return datetime.now(UTC).replace(tzinfo=None)


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _open_in_box(
    main_categories: Iterable[str], min_lat: float, max_lat: float, min_lon: float, max_lon: float
) -> Select:
    """Open, unmerged reports of these main categories in the box, in the index's terms."""
    slugs = list(main_categories)
    category = (
        Report.main_category == slugs[0] if len(slugs) == 1 else Report.main_category.in_(slugs)
    )
    return select(Report).where(
        # `== true()`, not `.is_(True)`: SQLite uses an index for "=", not always for "IS".
        Report.is_open == true(),
        category,
        Report.latitude.between(min_lat, max_lat),
        Report.longitude.between(min_lon, max_lon),
        Report.merged_into_id.is_(None),
    )


def duplicates_query(
    main_category: str, latitude: float, longitude: float, radius_m: float, since: datetime
) -> Select:
    """The database half of `find_duplicates`: the bounding box. Public for the query-plan
    tests and the benchmark."""
    box = bounding_box(latitude, longitude, radius_m)
    return _open_in_box([main_category], *box).where(Report.created_at >= since)


def find_duplicates(
    main_category: str,
    latitude: float,
    longitude: float,
    *,
    radius_m: float = DUPLICATE_RADIUS_M,
    days: int = DUPLICATE_DAYS,
    limit: int = 5,
    exclude_id: int | None = None,
) -> list[Nearby]:
    """Open reports of this main category within `radius_m` made in the last `days`,
    nearest first. `exclude_id` leaves one report out (the one a handler is looking at).

    Input that cannot be a place or a period (not a number, outside WGS84, a negative or
    huge radius) finds nothing instead of failing.
    """
    latitude, longitude = _number(latitude), _number(longitude)
    radius_m, days = _number(radius_m), _number(days)
    if None in (latitude, longitude, radius_m, days) or not valid_wgs84(latitude, longitude):
        return []
    if not isinstance(main_category, str) or not main_category or limit < 1:
        return []
    radius_m = min(radius_m, MAX_RADIUS_M)
    if radius_m <= 0 or days < 0:
        return []
    since = now() - timedelta(days=min(days, MAX_DAYS))
    query = duplicates_query(main_category, latitude, longitude, radius_m, since)
    found = []
    for report in db.session.scalars(query):
        if report.id == exclude_id:
            continue
        distance = distance_m(latitude, longitude, report.latitude, report.longitude)
        if distance <= radius_m:
            found.append(Nearby(report, round(distance, 1)))
    found.sort(key=lambda nearby: (nearby.distance_m, -nearby.report.id))
    return found[:limit]


def _main_category_slugs() -> list[str]:
    """Every main category, also inactive ones: their open reports still need handling."""
    query = select(ReportCategory.slug).where(ReportCategory.parent_slug.is_(None))
    return list(db.session.scalars(query.order_by(ReportCategory.position)))


def open_reports_in_box(
    min_lat: float,
    max_lat: float,
    min_lon: float,
    max_lon: float,
    *,
    category: str | None = None,
    limit: int = BOX_LIMIT,
) -> list[Report]:
    """Open, unmerged reports in a box (a map's view), newest first, at most `limit`.

    `category` is a main category slug; None means all of them. The caller decides what the
    public may see (categories with `public` off, personal data): this returns the rows.
    """
    edges = [_number(value) for value in (min_lat, max_lat, min_lon, max_lon)]
    if None in edges or limit < 1:
        return []
    min_lat, max_lat, min_lon, max_lon = edges
    if not (valid_wgs84(min_lat, min_lon) and valid_wgs84(max_lat, max_lon)):
        return []
    if min_lat > max_lat or min_lon > max_lon:
        return []
    slugs = [category] if category else _main_category_slugs()
    if not slugs:
        return []
    query = _open_in_box(slugs, min_lat, max_lat, min_lon, max_lon)
    query = query.order_by(Report.created_at.desc(), Report.id.desc()).limit(limit)
    return list(db.session.scalars(query))
