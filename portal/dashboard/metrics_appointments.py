"""Appointments whose time fell in the period: used (the resident came: "arrived" or
"done"), cancelled, not come ("no_show", which the desk records in the agenda), and those
whose time passed without anyone recording what happened. Holds that ran out ("held",
"expired") were never appointments and are left out; future booked ones are "planned".

Appointments have a type, the type a product, the product a team: that is how the product
and team filters apply. They have no channel, so a channel filter leaves the section out
(`applies` False). The appointments' own marks are shown here, apart from the case marks."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from portal.appointments.models import Appointment, AppointmentType
from portal.dashboard.filters import Filters, product_teams
from portal.dashboard.groups import average
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


def outcome(status: str, ends_at: datetime, now: datetime) -> str | None:
    if status in USED:
        return "used"
    if status in ("cancelled", "no_show"):
        return status
    if status == "booked":
        return "not_recorded" if ends_at <= now else "planned"
    return None


def appointments(filters: Filters, now: datetime) -> Appointments:
    if filters.channel:
        return Appointments(applies=False)
    rows = db.session.execute(
        select(
            Appointment.status,
            Appointment.ends_at,
            Appointment.mark,
            AppointmentType.name_nl,
            AppointmentType.product_slug,
        )
        .join(AppointmentType, AppointmentType.slug == Appointment.type_slug)
        .where(
            Appointment.starts_at >= filters.period.utc_start,
            Appointment.starts_at < filters.period.utc_end,
        )
    ).all()
    if filters.product:
        rows = [row for row in rows if row.product_slug == filters.product]
    if filters.team:
        teams = product_teams()
        rows = [row for row in rows if teams.get(row.product_slug or "") == filters.team]
    result = Appointments()
    per_type: dict[str, dict[str, int]] = {}
    marks = []
    for row in rows:
        kind = outcome(row.status, row.ends_at, now)
        if kind is None:
            continue
        result.counts[kind] += 1
        per_type.setdefault(row.name_nl, dict.fromkeys(OUTCOMES, 0))[kind] += 1
        if row.mark is not None:
            marks.append(row.mark)
    result.by_type = [TypeCounts(name, per_type[name]) for name in sorted(per_type)]
    result.marks, result.average_mark = len(marks), average(marks)
    return result
