"""Demo reports (meldingen) spread over Gemeente Voorbeeld, for `make run`, the back office
and the public overview: every category, every status (gemeld, in behandeling, ingepland
with a date, doorgestuurd, afgehandeld with what was done), most of them anonymous, one of
Fatima el Amrani (so it is in her Mijn zaken), two closed too long ago to be public.

Each is a real case made through `portal.reports.filing.file_report`, then moved on through
the case services with the handler of the category's team. Dates are relative to today.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from math import hypot
from pathlib import Path

from portal.auth.principal import Party, Principal
from portal.cases import handling as case_handling
from portal.cases import services as cases
from portal.cases.calendar import add_working_days
from portal.cases.models import Case
from portal.extensions import db
from portal.reports import filing
from portal.reports.categories import get_category
from portal.reports.locations import embedded
from portal.reports.models import Report, ReportStatus
from portal.reports.texts import DONE, FORWARDED, IN_PROGRESS, PLANNED, REPORTED
from portal.testprovider.personas import persona

KEY_PREFIX = "demo-melding-"


FIXTURE = Path(__file__).parent / "fixtures" / "demo_reports.json"


@dataclass(frozen=True)
class DemoReport:
    """One report of `fixtures/demo_reports.json`; see its `_about`."""

    key: str
    category: str
    street: str
    offset: int
    description: str
    days_ago: int
    status: str = REPORTED
    answers: dict = field(default_factory=dict)
    note: str = ""
    planned_in_days: int = 0
    forwarded_to: str = ""
    result: str = ""
    closed_days_ago: int = 0
    party_bsn: str = ""


def demo_reports() -> list[DemoReport]:
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))["reports"]
    return [DemoReport(**row) for row in rows]


HANDLERS = {"openbare-ruimte": "behandelaar-openbare-ruimte", "afval": "behandelaar-afval"}


def _handler(team: str) -> Principal:
    person = persona(HANDLERS[team])
    return Principal(
        means="staff",
        level="staff",
        signed_in_at=cases.now(),
        staff_id=person.sub,
        display_name=person.claims["name"],
        roles=tuple(person.claims["roles"]),
        team=person.claims["team"],
        email=person.claims["email"],
    )


def _at(days_ago: int, hour: int) -> datetime:
    return datetime.combine(cases.today() - timedelta(days=days_ago), time(hour, 15))


def _along(line: tuple[tuple[float, float], ...], fraction: float) -> tuple[float, float]:
    """The point `fraction` of the way along a street's line (degrees are fine at this
    scale)."""
    pieces = list(pairwise(line))
    lengths = [hypot(b[0] - a[0], b[1] - a[1]) for a, b in pieces]
    left = fraction * sum(lengths)
    for (start, end), length in zip(pieces, lengths, strict=True):
        if left <= length and length > 0:
            share = left / length
            return start[0] + share * (end[0] - start[0]), start[1] + share * (end[1] - start[1])
        left -= length
    return line[-1]


def _spot(item: DemoReport) -> filing.Spot:
    street = next(street for street in embedded.streets() if street.name == item.street)
    # Reports on one street sit at different places along it.
    latitude, longitude = _along(street.line, 0.15 + 0.14 * item.offset)
    return filing.Spot(
        latitude=round(latitude, 6),
        longitude=round(longitude, 6),
        label=item.street,
        street=item.street,
        area=street.area,
    )


def _backdate(report: Report, case: Case, when: datetime) -> None:
    case.created_at = case.updated_at = report.created_at = report.updated_at = when
    for change in [*case.history, *case.events, *report.history]:
        change.created_at = when
    for document in case.documents:
        document.created_at = when
    if case.norm_working_days is not None:
        case.expected_completion = add_working_days(when.date(), case.norm_working_days)


def _record(report: Report, status: str, when: datetime, **fields) -> None:
    report.status = status
    report.updated_at = when
    report.history.append(ReportStatus(status=status, created_at=when, **fields))


def _move_on(item: DemoReport, report: Report, case: Case) -> None:
    """Bring the report to its demo status through the case services, then date it."""
    handler = _handler(case.team)
    if item.status == REPORTED:
        return
    case_handling.assign(case, handler)
    step = _at(max(item.days_ago - 1, 0), 9)
    if item.status in (IN_PROGRESS, PLANNED):
        case_handling.change_status(case, "in_behandeling", item.note, handler)
        _record(report, IN_PROGRESS, step, note=item.note)
    if item.status == PLANNED:
        planned: date = cases.today() + timedelta(days=item.planned_in_days)
        report.planned_for = planned
        _record(report, PLANNED, step, note=item.note, planned_for=planned)
    closed = _at(item.closed_days_ago, 14)
    if item.status == FORWARDED:
        reason = f"Wij hebben uw melding doorgestuurd naar {item.forwarded_to}."
        case_handling.close_case(case, "doorgestuurd", reason, handler)
        report.forwarded_to = item.forwarded_to
        _record(report, FORWARDED, closed, forwarded_to=item.forwarded_to, note=reason)
    if item.status == DONE:
        case_handling.close_case(case, "afgehandeld", item.result, handler)
        report.result_text = item.result
        _record(report, DONE, closed, note=item.result)
    if item.status in (FORWARDED, DONE):
        report.is_open = False
        report.closed_at = case.closed_at = case.updated_at = closed
        case.history[-1].created_at = closed
    else:
        case.updated_at = step
        case.history[-1].created_at = step


def load() -> bool:
    items = demo_reports()
    if cases.get_case_by_key(KEY_PREFIX + items[0].key) is not None:
        return False
    for item in items:
        category = get_category(item.category, locale="nl")
        _case, report = filing.file_report(
            category,
            _spot(item),
            description=item.description,
            answers=dict(item.answers),
            idempotency_key=KEY_PREFIX + item.key,
            party=Party(kind="person", identifier=item.party_bsn) if item.party_bsn else None,
        )
        case = db.session.get(Case, report.case_id)
        _backdate(report, case, _at(item.days_ago, 8 + item.offset))
        _move_on(item, report, case)
    db.session.flush()
    return True
