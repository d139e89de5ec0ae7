"""Opening hours per appointment location, the municipality's extra closed days, and the
national holidays the calendar already knows.

Opening hours are stored as appointments expects them (`Location.opening_hours`):
{"0": [["09:00", "12:30"], ["13:30", "17:00"]], ...}, Monday "0", local wall-clock times; a
weekday that is missing is a closed day. Here they are typed one line per weekday:
"9.00-12.30, 13.30-17.00", an empty line for closed.

Closures use the appointments area's own rules (`office_actions.check_block`) and are only
for the future. A closure never cancels an appointment: when booked appointments fall in the
period the administrator sees them first and confirms, and the agenda's staff move or cancel
them, each with a message to the resident.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise

import holidays
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.administration.changes import record_change
from portal.administration.staff import AdminError, is_slug, now
from portal.appointments import office_actions, type_cache
from portal.appointments.models import Appointment, Closure, Location
from portal.auth.principal import Principal
from portal.cases.calendar import is_public_holiday
from portal.extensions import db

WEEKDAYS = (
    _l("Maandag"),
    _l("Dinsdag"),
    _l("Woensdag"),
    _l("Donderdag"),
    _l("Vrijdag"),
    _l("Zaterdag"),
    _l("Zondag"),
)
MAX_PERIODS = 6
_CLOCK = r"([0-9]{1,2})(?:[.:]([0-9]{2}))?"
PERIOD = re.compile(rf"{_CLOCK}\s*(?:-|–|tot)\s*{_CLOCK}")


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str


def locations() -> list[Location]:
    return list(db.session.scalars(select(Location).order_by(Location.id)))


def location(slug: str) -> Location | None:
    if not is_slug(slug, 60):
        return None
    return db.session.scalar(select(Location).where(Location.slug == slug[:60]))


def _clock(hours: str, minutes: str | None) -> time | None:
    hour, minute = int(hours), int(minutes or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_day(text: str) -> list[list[str]]:
    """ "9.00-12.30, 13.30-17.00" as [["09:00", "12:30"], ["13:30", "17:00"]]; "" is closed.
    Raises AdminError with a B1 message for anything else."""
    parts = [part.strip() for part in re.split(r"[,;]| en ", text or "") if part.strip()]
    if len(parts) > MAX_PERIODS:
        raise AdminError(_l("Gebruik maximaal %(max)s tijdvakken op een dag.", max=MAX_PERIODS))
    periods: list[tuple[time, time]] = []
    for part in parts:
        found = PERIOD.fullmatch(part)
        opens = _clock(found[1], found[2]) if found else None
        closes = _clock(found[3], found[4]) if found else None
        if opens is None or closes is None:
            raise AdminError(_l("Schrijf de tijden zo: 9.00-12.30, 13.30-17.00"))
        if closes <= opens:
            raise AdminError(
                _l("De sluitingstijd moet na de openingstijd liggen: %(period)s", period=part)
            )
        periods.append((opens, closes))
    periods.sort()
    for (_first_opens, first_closes), (next_opens, _next_closes) in pairwise(periods):
        if next_opens < first_closes:
            raise AdminError(_l("Twee tijdvakken lopen door elkaar. Kies tijden na elkaar."))
    return [[opens.strftime("%H:%M"), closes.strftime("%H:%M")] for opens, closes in periods]


def day_text(periods: list) -> str:
    """The stored periods of a weekday as typed: "9.00-12.30, 13.30-17.00"."""
    shown = []
    for entry in periods or []:
        try:
            opens, closes = (time.fromisoformat(value) for value in entry)
        except (TypeError, ValueError):
            continue
        shown.append(f"{opens.hour}.{opens.minute:02d}-{closes.hour}.{closes.minute:02d}")
    return ", ".join(shown)


def week_texts(place: Location) -> list[str]:
    """Per weekday (Monday first) the opening hours as typed; "" for a closed day."""
    hours = place.opening_hours or {}
    return [day_text(hours.get(str(weekday), [])) for weekday in range(7)]


def set_opening_hours(place: Location, week: dict[str, list], principal: Principal) -> bool:
    """Store the week; audited per changed weekday. Only days with periods are stored."""
    new = {day: periods for day, periods in week.items() if periods}
    old = place.opening_hours or {}
    changed = False
    for weekday in range(7):
        key = str(weekday)
        if old.get(key, []) != new.get(key, []):
            record_change(
                principal,
                "opening_hours_changed",
                f"{place.slug}/{WEEKDAYS[weekday]}",
                day_text(old.get(key, [])),
                day_text(new.get(key, [])),
            )
            changed = True
    if changed:
        place.opening_hours = new
        db.session.flush()
        type_cache.drop()  # the booking pages keep the places per process
    return changed


# --- Closures -------------------------------------------------------------------------


def check_closure(block: office_actions.Block, at: datetime | None = None) -> None:
    """The appointments area's rules, and: only for the future."""
    at = at or now()
    try:
        office_actions.check_block(block, at)
    except office_actions.ActionError as error:
        raise AdminError(error.message, error.field) from error
    if block.starts_at < at:
        raise AdminError(_l("Dit begin is al voorbij. Kies een tijd in de toekomst."), "start_day")


def booked_in(block: office_actions.Block) -> list[Appointment]:
    return office_actions.appointments_in(block)


def add_closure(block: office_actions.Block, principal: Principal) -> Closure:
    check_closure(block)
    closure = office_actions.block_time(block, principal)
    where = f"{block.location_slug or 'alle locaties'}/{block.desk or 'alle balies'}"
    period = f"{block.starts_at:%Y-%m-%d %H:%M}–{block.ends_at:%Y-%m-%d %H:%M} UTC"
    record_change(principal, "closure_added", where, None, f"{period}: {block.reason}")
    return closure


def future_closures() -> list[Closure]:
    return office_actions.future_closures()


def closure(closure_id: int) -> Closure | None:
    return office_actions.closure_by_id(closure_id)


def remove_closure(row: Closure, principal: Principal) -> None:
    where = f"{row.location_slug or 'alle locaties'}/{row.desk or 'alle balies'}"
    period = f"{row.starts_at:%Y-%m-%d %H:%M}–{row.ends_at:%Y-%m-%d %H:%M} UTC"
    try:
        office_actions.remove_closure(row, principal)
    except office_actions.ActionError as error:
        raise AdminError(error.message) from error
    record_change(principal, "closure_removed", where, f"{period}: {row.reason}", None)


# --- Holidays -------------------------------------------------------------------------


def national_holidays(today: date, years: int = 2) -> list[Holiday]:
    """The public holidays working days and the agenda skip (`portal.cases.calendar`), from
    today on, for this year and the next; named in Dutch."""
    found = []
    for year in range(today.year, today.year + years):
        names = holidays.Netherlands(years=year, language="nl")
        day = max(date(year, 1, 1), today)
        while day.year == year:
            if is_public_holiday(day):
                found.append(Holiday(day, names.get(day) or str(_l("Bevrijdingsdag"))))
            day += timedelta(days=1)
    return found
