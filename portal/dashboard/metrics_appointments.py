"""Appointments whose time fell in the period: used (the resident came: "arrived" or
"done"), cancelled, not come ("no_show", which the desk records in the agenda), and those
whose time passed without anyone recording what happened. Holds that ran out ("held",
"expired") were never appointments and are left out; future booked ones are "planned".

Appointments have a type, the type a product, the product a team: that is how the product
and team filters apply. They have no channel, so a channel filter leaves the section out
(`applies` False). The appointments' own marks are shown here, apart from the case marks."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from portal.appointments.models import Appointment, AppointmentType
from portal.dashboard.filters import Filters, product_teams
from portal.extensions import db

USED = ("arrived", "done")
OUTCOMES = ("used", "cancelled", "no_show", "not_recorded", "planned")


@dataclass(frozen=True)
class TypeCounts:
    label: str
    counts: dict[str, int]


@dataclass
class Appointments:
    applies: bool = True
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    by_type: list[TypeCounts] = field(default_factory=list)
    marks: int = 0
    average_mark: float | None = None


def outcome(status: str, passed: bool) -> str | None:
    """What became of an appointment; `passed`: its end time is not after `now`."""
    if status in USED:
        return "used"
    if status in ("cancelled", "no_show"):
        return status
    if status == "booked":
        return "not_recorded" if passed else "planned"
    return None


def appointments(filters: Filters, now: datetime) -> Appointments:
    if filters.channel:
        return Appointments(applies=False)
    # Per status, type and whether the time has passed, counted by the database. One and the
    # same expression in the columns and the grouping, so both get the same parameter.
    passed = Appointment.ends_at <= now
    rows = db.session.execute(
        select(
            Appointment.status,
            passed.label("passed"),
            AppointmentType.name_nl,
            AppointmentType.product_slug,
            func.count(Appointment.id).label("count"),
            func.count(Appointment.mark).label("marks"),
            func.coalesce(func.sum(Appointment.mark), 0).label("mark_total"),
        )
        .join(AppointmentType, AppointmentType.slug == Appointment.type_slug)
        .where(
            Appointment.starts_at >= filters.period.utc_start,
            Appointment.starts_at < filters.period.utc_end,
        )
        .group_by(
            Appointment.status,
            passed,
            AppointmentType.name_nl,
            AppointmentType.product_slug,
        )
    ).all()
    if filters.product:
        rows = [row for row in rows if row.product_slug == filters.product]
    if filters.team:
        teams = product_teams()
        rows = [row for row in rows if teams.get(row.product_slug or "") == filters.team]
    result = Appointments()
    per_type: dict[str, dict[str, int]] = {}
    marks = total = 0
    for row in rows:
        kind = outcome(row.status, bool(row.passed))
        if kind is None:
            continue
        result.counts[kind] += row.count
        per_type.setdefault(row.name_nl, dict.fromkeys(OUTCOMES, 0))[kind] += row.count
        marks, total = marks + row.marks, total + int(row.mark_total)
    result.by_type = [TypeCounts(name, per_type[name]) for name in sorted(per_type)]
    result.marks = marks
    result.average_mark = round(total / marks, 1) if marks else None
    return result
