"""Reports about public space (meldingen) made in the period, by main category and by
area (wijk). A report is a case, so the product, team and channel filters apply to its case:
any product other than the report product, or a channel other than "melding" or
"klantcontact", leaves none."""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.cases.models import Case
from portal.catalog import cache
from portal.dashboard.filters import Filters, case_conditions
from portal.extensions import db
from portal.reports.models import Report, ReportCategory


@dataclass
class Reports:
    total: int = 0
    # (label, count), most first
    by_category: list[tuple[str, int]] = field(default_factory=list)
    by_area: list[tuple[str, int]] = field(default_factory=list)


def _counted(pairs) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for value, count in pairs:
        counts[value] = counts.get(value, 0) + count
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].lower()))


def _category_names() -> dict[str, str]:
    """Slug -> Dutch name of every category, also one no longer in use: kept with the
    catalogue (`portal.catalog.cache`), which the editors drop when they change a category."""
    return cache.cached(
        "dashboard_category_names",
        lambda: dict(db.session.execute(select(ReportCategory.slug, ReportCategory.name_nl)).all()),
    )


def reports(filters: Filters) -> Reports:
    # Per main category and area, counted by the database.
    rows = db.session.execute(
        select(Report.main_category, Report.area, func.count(Report.id).label("count"))
        .join(Case, Case.id == Report.case_id)
        .where(
            Report.created_at >= filters.period.utc_start,
            Report.created_at < filters.period.utc_end,
            *case_conditions(filters),
        )
        .group_by(Report.main_category, Report.area)
    ).all()
    names = _category_names()
    unknown_area = str(_l("Wijk onbekend"))
    return Reports(
        total=sum(row.count for row in rows),
        by_category=_counted(
            (names.get(row.main_category, row.main_category), row.count) for row in rows
        ),
        by_area=_counted((row.area or unknown_area, row.count) for row in rows),
    )
