"""The staff agenda (afspraken-agenda): what a location's desks do on a day or in a week.

A day is read per desk (balie, or handler for home visits and video calls): the appointments,
the blocked time (`Closure`) and the free time left within the opening hours. Times are stored
as naive UTC; a day is the municipality's day (Europe/Amsterdam), so the night the clocks move
is 23 or 25 hours long and the opening hours stay at the same local time.

Everything here reads; the actions on an appointment and on blocked time are in
`portal.appointments.office_actions`.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import or_, select

from portal.appointments.availability import to_utc
from portal.appointments.models import Appointment, AppointmentType, Closure, Location
from portal.appointments.wording import local
from portal.cases.calendar import is_public_holiday
from portal.cases.models import Case
from portal.extensions import db

# Every status but "cancelled" takes up time on the desk.
TAKES_TIME = ("held", "booked", "arrived", "no_show", "done")
# Dates a handler can look at: wide enough for any real agenda, narrow enough that date
# arithmetic never overflows on a typed year like 9999.
YEARS_BACK, YEARS_AHEAD = 2, 3

Period = tuple[datetime, datetime]


def now() -> datetime:
    """Naive UTC, as stored; a function so tests can move the clock."""
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    return local(now()).date()


def day_bounds(day: date) -> Period:
    return to_utc(day, time.min), to_utc(day + timedelta(days=1), time.min)


def date_in_range(day: date) -> bool:
    current = today().year
    return current - YEARS_BACK <= day.year <= current + YEARS_AHEAD


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def is_holiday(day: date) -> bool:
    """Closed, as availability has it: every public holiday, on any day of the week."""
    return is_public_holiday(day)


def locations() -> list[Location]:
    return list(db.session.scalars(select(Location).where(Location.active).order_by(Location.id)))


def location_by_slug(slug: str) -> Location | None:
    return db.session.scalar(select(Location).where(Location.slug == slug[:60]))


def desks_of(location: Location) -> list[int]:
    return list(range(1, max(location.capacity, 1) + 1))


def type_names() -> dict[str, AppointmentType]:
    return {t.slug: t for t in db.session.scalars(select(AppointmentType))}


def valid_id(row_id: int) -> bool:
    """Ids from a URL: a number no database column holds is not looked up (SQLite refuses
    integers past 64 bits, PostgreSQL past 32)."""
    return 0 < row_id < 2**31


def appointment_by_id(appointment_id: int) -> Appointment | None:
    return db.session.get(Appointment, appointment_id) if valid_id(appointment_id) else None


def case_number(appointment: Appointment) -> str | None:
    """The number of the case the appointment belongs to, for a link to it."""
    if appointment.case_id is None:
        return None
    return db.session.scalar(select(Case.number).where(Case.id == appointment.case_id))


def opening_periods(location: Location, day: date) -> list[Period]:
    """The opening hours of `day` as UTC periods; none on a public holiday."""
    if is_holiday(day):
        return []
    periods = []
    for entry in (location.opening_hours or {}).get(str(day.weekday()), []):
        try:
            opens, closes = (time.fromisoformat(value) for value in entry)
        except (TypeError, ValueError):
            continue  # staff data: one bad entry must not break the agenda
        start, end = to_utc(day, opens), to_utc(day, closes)
        if end > start:
            periods.append((start, end))
    return sorted(periods)


def subtract(periods: Iterable[Period], taken: Iterable[Period]) -> list[Period]:
    """What is left of `periods` once every `taken` period is cut out."""
    left = sorted(periods)
    for cut_start, cut_end in taken:
        remaining = []
        for start, end in left:
            if cut_end <= start or cut_start >= end:
                remaining.append((start, end))
                continue
            if start < cut_start:
                remaining.append((start, cut_start))
            if cut_end < end:
                remaining.append((cut_end, end))
        left = remaining
    return left


def minutes(periods: Iterable[Period]) -> int:
    return sum(int((end - start).total_seconds()) // 60 for start, end in periods)


@dataclass(frozen=True)
class Entry:
    """One line of a desk's day: an appointment, blocked time or free time."""

    kind: str  # appointment | blocked | free
    starts_at: datetime
    ends_at: datetime
    appointment: Appointment | None = None
    closure: Closure | None = None


@dataclass
class DeskDay:
    desk: int
    entries: list[Entry] = field(default_factory=list)
    free_minutes: int = 0

    @property
    def appointments(self) -> list[Appointment]:
        return [e.appointment for e in self.entries if e.appointment is not None]


@dataclass
class AgendaDay:
    day: date
    desks: list[DeskDay]
    holiday: bool
    open_periods: list[Period]
    # Closures of the whole location that touch this day (holiday, training).
    location_closures: list[Closure]

    @property
    def free_minutes(self) -> int:
        return sum(d.free_minutes for d in self.desks)

    @property
    def appointments(self) -> list[Appointment]:
        found = [a for d in self.desks for a in d.appointments]
        return sorted(found, key=lambda a: (a.starts_at, a.desk))


def _load(location: Location, start: datetime, end: datetime):
    appointments = db.session.scalars(
        select(Appointment)
        .where(
            Appointment.location_slug == location.slug,
            Appointment.status.in_(TAKES_TIME),
            # A hold that ran out no longer takes the time, even before it is cleaned up.
            or_(Appointment.status != "held", Appointment.held_until > now()),
            Appointment.starts_at < end,
            Appointment.ends_at > start,
        )
        .order_by(Appointment.starts_at, Appointment.desk)
    ).all()
    closures = db.session.scalars(
        select(Closure)
        .where(
            or_(Closure.location_slug == location.slug, Closure.location_slug.is_(None)),
            Closure.starts_at < end,
            Closure.ends_at > start,
        )
        .order_by(Closure.starts_at)
    ).all()
    return appointments, closures


def _overlaps(item, start: datetime, end: datetime) -> bool:
    return item.starts_at < end and item.ends_at > start


def _desk_day(desk: int, day: date, opening: list[Period], appointments, closures) -> DeskDay:
    start, end = day_bounds(day)
    mine = [a for a in appointments if a.desk == desk and _overlaps(a, start, end)]
    blocks = [
        c for c in closures if (c.desk is None or c.desk == desk) and _overlaps(c, start, end)
    ]
    entries = [Entry("appointment", a.starts_at, a.ends_at, appointment=a) for a in mine]
    for closure in blocks:
        # Shown within the day (a closure of two weeks is one line per day).
        entries.append(
            Entry(
                "blocked",
                max(closure.starts_at, start),
                min(closure.ends_at, end),
                closure=closure,
            )
        )
    taken = [(a.starts_at, a.ends_at) for a in mine] + [(c.starts_at, c.ends_at) for c in blocks]
    free = subtract(opening, taken)
    entries += [Entry("free", s, e) for s, e in free]
    entries.sort(key=lambda e: (e.starts_at, e.kind != "blocked", e.ends_at))
    return DeskDay(desk, entries, minutes(free))


def days(location: Location, first: date, count: int, desk: int | None = None) -> list[AgendaDay]:
    """The agenda of `count` days from `first`, for every desk or only `desk`."""
    start, _ = day_bounds(first)
    _, end = day_bounds(first + timedelta(days=count - 1))
    appointments, closures = _load(location, start, end)
    desks = [desk] if desk is not None else desks_of(location)
    result = []
    for offset in range(count):
        day = first + timedelta(days=offset)
        opening = opening_periods(location, day)
        day_start, day_end = day_bounds(day)
        result.append(
            AgendaDay(
                day=day,
                desks=[_desk_day(d, day, opening, appointments, closures) for d in desks],
                holiday=is_holiday(day),
                open_periods=opening,
                location_closures=[
                    c for c in closures if c.desk is None and _overlaps(c, day_start, day_end)
                ],
            )
        )
    return result
