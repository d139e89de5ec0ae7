"""Reports for tests, made the way the portal makes them: a real case through
`portal.cases.creation.create_case` with the category's team and norm, and a `Report` beside it.

    report = make_report()                                   # open, lantaarnpaal-kapot, DEMO_CENTER
    report = make_report("gat-in-de-weg", at=offset(DEMO_CENTER, north_m=49))
    report = make_report(created_at=now() - timedelta(days=31), is_open=False, status=DONE)

Categories are loaded when missing. Every call flushes; the test's app fixture empties the
tables afterwards.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from math import cos, radians

from portal.auth.principal import Party
from portal.cases.creation import ProductFacts, create_case
from portal.extensions import db
from portal.reports import categories
from portal.reports.geo import METRES_PER_DEGREE
from portal.reports.locations.base import DEMO_CENTER
from portal.reports.models import Report
from portal.reports.texts import CLOSED_STATUSES, PRODUCT_SLUG, REPORTED

FATIMA = Party(kind="person", identifier="999990007")  # persona "inwoner"


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def offset(point: tuple[float, float], *, north_m: float = 0, east_m: float = 0):
    """The point `north_m` metres north and `east_m` metres east of `point` (lat, lon)."""
    latitude, longitude = point
    return (
        latitude + north_m / METRES_PER_DEGREE,
        longitude + east_m / (METRES_PER_DEGREE * cos(radians(latitude))),
    )


def make_report(
    category_slug: str = "lantaarnpaal-kapot",
    *,
    at: tuple[float, float] = DEMO_CENTER,
    description: str = "De lantaarnpaal voor ons huis brandt niet.",
    status: str = REPORTED,
    is_open: bool | None = None,
    created_at: datetime | None = None,
    merged_into: Report | None = None,
    party: Party = FATIMA,
    street: str = "Dorpsstraat",
    area: str = "Centrum",
) -> Report:
    """An open report unless `status` is a closed one or `is_open` says otherwise."""
    categories.load()
    category = categories.get_category(category_slug, locale="nl")
    if category is None:
        raise ValueError(f"unknown subcategory {category_slug}")
    case = create_case(
        product_slug=PRODUCT_SLUG,
        party=party,
        actor=None,
        answers={"description": description, "category": category_slug},
        idempotency_key=f"test-report-{uuid.uuid4().hex}",
        facts=ProductFacts(category.name, category.norm_working_days, category.team),
    )
    created = created_at or now()
    open_ = (status not in CLOSED_STATUSES) if is_open is None else is_open
    report = Report(
        case_id=case.id,
        main_category=category.main_slug,
        category_slug=category_slug,
        description=description,
        answers={},
        latitude=at[0],
        longitude=at[1],
        address_text=f"{street} 1",
        street=street,
        area=area,
        status=status,
        is_open=open_,
        merged_into_id=merged_into.id if merged_into else None,
        created_at=created,
        updated_at=created,
        closed_at=None if open_ else created,
    )
    db.session.add(report)
    db.session.flush()
    return report
