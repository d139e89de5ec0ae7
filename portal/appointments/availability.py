"""Which times can be booked.

Free slots come from each location's opening hours (local time, Europe/Amsterdam), its
capacity (desks 1..capacity), Dutch public holidays (`portal.cases.calendar`), closures and
blocked time (`Closure`), the type's lead time and horizon, and what is already claimed
(`SlotClaim`; the claims of a hold that ran out count as free). An appointment for several
people lasts longer, and a slot is only offered when the whole appointment fits on one desk
inside one opening period: before the location closes, and before its lunch break.

Times are stored as naive UTC. Opening hours are wall-clock times, so each day's periods are
turned into UTC on that day: on the night the clocks move the hours stay right. The 15-minute
grid is the same in UTC and in local time (Amsterdam's offsets are whole hours).

One query for the claims and the closures covers the whole range; the rest is Python.
With an outside back end (`APPOINTMENT_BACKEND`), `free_slots` asks that system instead.
"""

from bisect import bisect_left
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import DateTime, bindparam, cast, null, or_, select, text, union_all

from portal.appointments.models import (
    UNIT_MINUTES,
    Appointment,
    AppointmentType,
    Closure,
    Location,
    SlotClaim,
)
from portal.cases.calendar import is_public_holiday
from portal.extensions import db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UNIT = timedelta(minutes=UNIT_MINUTES)
_DAY = timedelta(days=1)
_NONE: frozenset = frozenset()


class Slot(NamedTuple):
    """A start time that can be booked (a tuple: a page makes a hundred or more of them)."""

    location_slug: str
    starts_at: datetime  # naive UTC
    ends_at: datetime  # naive UTC
    desk: int  # a desk that is free for the whole appointment (0: the outside back end decides)


class DaySlots(NamedTuple):
    """The free slots of one local day, for a list of days and times."""

    day: date
    slots: list[Slot]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def to_local(moment: datetime) -> datetime:
    """A stored naive-UTC time as an aware Europe/Amsterdam time."""
    return moment.replace(tzinfo=UTC).astimezone(AMSTERDAM)


def local_day(moment: datetime) -> date:
    return to_local(moment).date()


def to_utc(day: date, clock: time) -> datetime:
    """A wall-clock time on a local day as naive UTC (a time in the spring gap counts as
    the same time after the clocks moved)."""
    return datetime.combine(day, clock, tzinfo=AMSTERDAM).astimezone(UTC).replace(tzinfo=None)


def slot_value(starts_at: datetime) -> str:
    """A start time as a form value (naive UTC, minutes), read back with `parse_start`."""
    return starts_at.isoformat(timespec="minutes")


def parse_start(value: str | None) -> datetime | None:
    """A start time from a form or link; None for anything that is not one."""
    if not value or len(value) > 16:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M")
    except ValueError:
        return None


def get_type(slug: str) -> AppointmentType | None:
    return db.session.scalar(
        select(AppointmentType).where(AppointmentType.slug == slug, AppointmentType.active)
    )


def get_location(slug: str) -> Location | None:
    return db.session.scalar(select(Location).where(Location.slug == slug, Location.active))


def units_for(type_: AppointmentType, persons: int) -> int:
    minutes = type_.duration_minutes + type_.extra_minutes_per_person * (max(persons, 1) - 1)
    return max(1, -(-minutes // UNIT_MINUTES))


def length_for(type_: AppointmentType, persons: int) -> timedelta:
    return UNIT * units_for(type_, persons)


def duration_for(type_slug: str, persons: int) -> timedelta:
    """How long an appointment of this type takes for `persons` people or products, rounded
    up to whole 15-minute units. Raises LookupError for an unknown type."""
    type_ = get_type(type_slug)
    if type_ is None:
        raise LookupError(type_slug)
    return length_for(type_, persons)


def last_bookable_day(type_: AppointmentType, now: datetime) -> date:
    return local_day(now) + timedelta(days=type_.horizon_days)


def free_slots(
    type_slug: str,
    location_slug: str,
    *,
    persons: int = 1,
    start_day: date | None = None,
    days: int = 14,
    now: datetime | None = None,
) -> list[Slot]:
    """Every bookable start time from `start_day` (default today) for `days` days, in order.
    Unknown type or location, a location the type does not use, or more persons than the
    type allows: []."""
    return slots_for(
        get_type(type_slug),
        get_location(location_slug),
        persons=persons,
        start_day=start_day,
        days=days,
        now=now,
    )


def slots_for(
    type_: AppointmentType | None,
    location: Location | None,
    *,
    persons: int = 1,
    start_day: date | None = None,
    days: int = 14,
    now: datetime | None = None,
) -> list[Slot]:
    """`free_slots` for a type and a location already read (a page that has them asks the
    database only for the claims and the closures)."""
    now = now or utc_now()
    if (
        type_ is None
        or location is None
        or location.slug not in (type_.location_slugs or [])
        or not 1 <= persons <= type_.max_persons
        or days < 1
    ):
        return []
    start_day = start_day or local_day(now)
    first = max(start_day, local_day(now))
    last = min(start_day + timedelta(days=days - 1), last_bookable_day(type_, now))
    if last < first:
        return []
    if current_app.config.get("APPOINTMENT_BACKEND", "embedded") != "embedded":
        from portal.appointments.backends import backend

        found = backend().free_slots(
            type_.slug, location.slug, persons, first, (last - first).days + 1
        )
        return [Slot(s.location_slug, s.starts_at, s.ends_at, 0) for s in found]
    length = length_for(type_, persons)
    starts = open_starts(type_, location, persons, first, last, now)
    return [Slot(location.slug, start, start + length, desks[0]) for start, desks in starts.items()]


def days_with_slots(
    type_slug: str,
    location_slug: str,
    *,
    persons: int = 1,
    start_day: date | None = None,
    days: int = 14,
    now: datetime | None = None,
) -> list[DaySlots]:
    """`free_slots` grouped by local day, for a list of days and times; days without a free
    slot are left out."""
    return by_day(
        free_slots(
            type_slug, location_slug, persons=persons, start_day=start_day, days=days, now=now
        )
    )


def by_day(slots: list[Slot]) -> list[DaySlots]:
    """Slots (in order) grouped by local day. The day is worked out once per day, not per
    slot: a slot before the next local midnight belongs to the day of the one before it."""
    grouped: list[DaySlots] = []
    day_ends = None
    for slot in slots:
        if day_ends is None or slot.starts_at >= day_ends:
            day = local_day(slot.starts_at)
            day_ends = to_utc(day + _DAY, time.min)
            grouped.append(DaySlots(day, []))
        grouped[-1].slots.append(slot)
    return grouped


def nearest_free(
    type_slug: str, location_slug: str, around: datetime, *, persons: int = 1, limit: int = 3
) -> list[Slot]:
    """The free slots closest to `around` (for "net bezet": these times are still free), in
    order of time."""
    type_ = get_type(type_slug)
    if type_ is None:
        return []
    now = utc_now()
    slots = free_slots(
        type_slug, location_slug, persons=persons, days=type_.horizon_days + 1, now=now
    )
    closest = sorted(slots, key=lambda slot: abs(slot.starts_at - around))[:limit]
    return sorted(closest, key=lambda slot: slot.starts_at)


def open_starts(
    type_: AppointmentType,
    location: Location,
    persons: int,
    first: date,
    last: date,
    now: datetime,
    *,
    count_claims: bool = True,
    except_appointment: int | None = None,
) -> dict[datetime, list[int]]:
    """Each start time (naive UTC, in order) on the local days `first`..`last` with the desks
    that are free for the whole appointment. `count_claims=False` asks only whether the time
    lies within opening hours (so booking can tell "closed then" from "just taken");
    `except_appointment` counts that appointment's own claims as free (moving it)."""
    need = units_for(type_, persons)
    earliest = now + timedelta(hours=type_.lead_time_hours)
    range_start, range_end = to_utc(first, time.min), to_utc(last + _DAY, time.min)
    if count_claims:
        taken, closures = _claims_and_closures(
            location.slug, range_start, range_end, now, except_appointment
        )
    else:
        taken, closures = {}, _closures(location.slug, range_start, range_end)
    desks = range(1, max(location.capacity, 0) + 1)
    every_desk = list(desks)  # shared by the starts where all are free; nobody changes it
    claimed = sorted(set().union(*taken.values()))
    result: dict[datetime, list[int]] = {}
    day = first
    while day <= last:
        if not is_public_holiday(day):
            for opens, closes in _periods(location, day):
                units = _units(opens, closes)
                starts = range(bisect_left(units, earliest), len(units) - need + 1)
                if not starts or not every_desk:
                    continue
                blocked = [c for c in closures if c[1] < closes and c[2] > opens]
                if not blocked and not _any_between(claimed, opens, closes):
                    # Most periods: nothing claimed, nothing closed, every desk free.
                    result.update(dict.fromkeys(units[starts.start : starts.stop], every_desk))
                    continue
                runs = [_runs(units, desk, taken.get(desk, _NONE), blocked) for desk in desks]
                for index in starts:
                    free = [
                        desk for desk, run in zip(desks, runs, strict=True) if run[index] >= need
                    ]
                    if free:
                        result[units[index]] = free
        day += _DAY
    return result


def _any_between(moments: list[datetime], start: datetime, end: datetime) -> bool:
    """Whether a moment of the sorted list lies in [start, end)."""
    index = bisect_left(moments, start)
    return index < len(moments) and moments[index] < end


def _periods(location: Location, day: date) -> list[tuple[datetime, datetime]]:
    """The day's opening periods as naive UTC; entries that are not valid times are skipped
    (opening hours are staff data, and one bad entry must not close the whole agenda)."""
    periods = []
    for entry in (location.opening_hours or {}).get(str(day.weekday()), []):
        try:
            opens, closes = (time.fromisoformat(value) for value in entry)
        except (TypeError, ValueError):
            continue
        start, end = to_utc(day, opens), to_utc(day, closes)
        if end > start:
            periods.append((start, end))
    return sorted(periods)


def _units(opens: datetime, closes: datetime) -> list[datetime]:
    """The 15-minute units of a period; an opening time off the grid starts at the next unit."""
    past = timedelta(minutes=opens.minute % UNIT_MINUTES, seconds=opens.second)
    unit = opens.replace(second=0, microsecond=0) - timedelta(minutes=opens.minute % UNIT_MINUTES)
    if past:
        unit += UNIT
    units = []
    while unit + UNIT <= closes:
        units.append(unit)
        unit += UNIT
    return units


def _runs(units: list[datetime], desk: int, taken: set[datetime], blocked: list) -> list[int]:
    """For each unit, how many free units on this desk follow from it (itself included)."""
    free = [unit not in taken for unit in units]
    for closed_desk, start, end in blocked:
        if closed_desk is None or closed_desk == desk:
            for index, unit in enumerate(units):
                if start < unit + UNIT and end > unit:
                    free[index] = False
    runs = [0] * len(units)
    run = 0
    for index in range(len(units) - 1, -1, -1):
        run = run + 1 if free[index] else 0
        runs[index] = run
    return runs


# Built once: making a statement costs more than running it on an indexed table. Holds that
# ran out come from the partial index on holds (its condition is written out literally, or
# the planner cannot use it); the claims from the covering index on (location, unit, desk,
# appointment) without touching the table.
_EXPIRED_HOLDS = select(Appointment.id).where(
    text("status = 'held'"), Appointment.held_until <= bindparam("now", type_=DateTime)
)
_CLOSURES = select(Closure.desk, Closure.starts_at, Closure.ends_at).where(
    or_(Closure.location_slug == bindparam("slug"), Closure.location_slug.is_(None)),
    Closure.starts_at < bindparam("end", type_=DateTime),
    Closure.ends_at > bindparam("start", type_=DateTime),
)


def _claims_statement(skip_appointment: bool):
    """The claims and the closures of a place in one statement: a claim row has no end."""
    claims = select(
        SlotClaim.desk, SlotClaim.unit_start, cast(null(), DateTime).label("ends_at")
    ).where(
        SlotClaim.location_slug == bindparam("slug"),
        SlotClaim.unit_start >= bindparam("start", type_=DateTime),
        SlotClaim.unit_start < bindparam("end", type_=DateTime),
        SlotClaim.appointment_id.not_in(_EXPIRED_HOLDS),
    )
    if skip_appointment:
        claims = claims.where(SlotClaim.appointment_id != bindparam("skip"))
    return union_all(claims, _CLOSURES)


_CLAIMS = {skip: _claims_statement(skip) for skip in (False, True)}


def _claims_and_closures(
    slug: str, start: datetime, end: datetime, now: datetime, except_appointment: int | None
) -> tuple[dict[int, set[datetime]], list[tuple[int | None, datetime, datetime]]]:
    """The claimed units per desk, and the closures, of `start`..`end`."""
    params = {"slug": slug, "start": start, "end": end, "now": now}
    if except_appointment is not None:
        params["skip"] = except_appointment
    statement = _CLAIMS[except_appointment is not None]
    taken: dict[int, set[datetime]] = {}
    closures = []
    for desk, starts, ends in db.session.connection().execute(statement, params):
        if ends is None:
            taken.setdefault(desk, set()).add(starts)
        else:
            closures.append((desk, starts, ends))
    return taken, closures


def _closures(
    slug: str, start: datetime, end: datetime
) -> list[tuple[int | None, datetime, datetime]]:
    rows = db.session.connection().execute(_CLOSURES, {"slug": slug, "start": start, "end": end})
    return [(desk, starts, ends) for desk, starts, ends in rows]
