"""Rules of the resident's appointment pages that are not booking itself (that is
`portal.appointments.booking`): the window of days a time list shows, the contact details on a
held appointment, "Mijn afspraken", and the mark after an appointment.

Plain functions that flush and never commit; the view commits once.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.appointments import availability, links
from portal.appointments.models import Appointment, AppointmentType, Location
from portal.extensions import db

# Days a time list offers at once (the times of one of them are shown); "Eerdere/Latere
# tijden" moves by this much.
DAYS_PER_PAGE = 7
PHONE_MAX = 40
COMMENT_MAX = 1000
# Shown in Mijn afspraken: the past ones of the last year are enough to give a mark.
PAST_DAYS = 365


class MarkError(ValueError):
    """A mark that cannot be given (any more); the message is B1 Dutch."""


@dataclass(frozen=True)
class TimeWindow:
    """The days one page of the time list shows, and where "Eerdere/Latere tijden" lead."""

    days: list  # [availability.DaySlots]
    first_day: date
    last_day: date
    earlier: date | None
    later: date | None


def parse_day(value: str | None) -> date | None:
    if not value or len(value) > 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def time_window(
    kind: AppointmentType,
    place: Location | None,
    persons: int,
    start: date | None,
    now: datetime | None = None,
) -> TimeWindow:
    """The free times from `start` for DAYS_PER_PAGE days. Without a `start` (the first
    visit) the window moves on to the first week that has a free time, so the resident
    never starts at an empty page while there are times further on."""
    now = now or availability.utc_now()
    today = availability.local_day(now)
    last_bookable = availability.last_bookable_day(kind, now)
    first = min(max(start or today, today), last_bookable)
    days = _days(kind, place, persons, first, DAYS_PER_PAGE, now)
    if start is None and not days and first + timedelta(days=DAYS_PER_PAGE) <= last_bookable:
        # The rest of the horizon at once: the same two queries however full the agenda is.
        rest = first + timedelta(days=DAYS_PER_PAGE)
        later = _days(kind, place, persons, rest, (last_bookable - rest).days + 1, now)
        if later:
            weeks = (later[0].day - first).days // DAYS_PER_PAGE
            first += timedelta(days=DAYS_PER_PAGE * weeks)
            end = first + timedelta(days=DAYS_PER_PAGE)
            days = [day for day in later if day.day < end]
        else:
            # Nothing free anywhere: the last page, as paging there one week at a time did.
            weeks = (last_bookable - first).days // DAYS_PER_PAGE
            first += timedelta(days=DAYS_PER_PAGE * weeks)
    last = min(first + timedelta(days=DAYS_PER_PAGE - 1), last_bookable)
    earlier = max(first - timedelta(days=DAYS_PER_PAGE), today) if first > today else None
    later_day = last + timedelta(days=1) if last < last_bookable else None
    return TimeWindow(days, first, last, earlier, later_day)


def chosen_day(window: TimeWindow, wanted: date | None) -> availability.DaySlots | None:
    """The day whose times a page shows: the one asked for when it has free times in the
    window, else the first day that has (None when no day has)."""
    for day in window.days:
        if day.day == wanted:
            return day
    return window.days[0] if window.days else None


def _days(kind, place, persons: int, first: date, count: int, now: datetime) -> list:
    return availability.by_day(
        availability.slots_for(kind, place, persons=persons, start_day=first, days=count, now=now)
    )


def bookable_types() -> list[AppointmentType]:
    """The types a resident can book on their own, in the catalogue's order."""
    return list(
        db.session.scalars(
            select(AppointmentType)
            .where(AppointmentType.active, AppointmentType.bookable_online)
            .order_by(AppointmentType.position, AppointmentType.id)
        )
    )


def by_key(key: str | None) -> Appointment | None:
    if not isinstance(key, str) or not key or len(key) > 32:
        return None
    return db.session.scalars(select(Appointment).where(Appointment.key == key)).first()


def save_contact(
    appointment: Appointment,
    *,
    name: str,
    email: str,
    phone: str | None,
    visit_address: str | None,
) -> None:
    """Keep the details on the held appointment, so they are there when it is confirmed and
    nothing typed is lost when the resident picks another time. Flushes."""
    appointment.name = name[:200]
    appointment.email = email[:254]
    appointment.phone = (phone or None) and phone[:PHONE_MAX]
    appointment.visit_address = (visit_address or None) and visit_address[:200]
    db.session.flush()


def has_contact(appointment: Appointment | None) -> bool:
    return appointment is not None and bool(appointment.name and appointment.email)


def appointments_of(party, now: datetime | None = None) -> tuple[list, list]:
    """(upcoming, past) booked appointments of a signed-in party, nearest first. Held and
    cancelled ones are left out; cancelled ones have their own e-mail."""
    now = now or links.now()
    rows = db.session.scalars(
        select(Appointment)
        .where(
            Appointment.party_kind == party.kind,
            Appointment.party_identifier == party.identifier,
            Appointment.status.in_(("booked", "arrived", "done", "no_show")),
            Appointment.starts_at >= now - timedelta(days=PAST_DAYS),
        )
        .order_by(Appointment.starts_at)
        .limit(200)
    ).all()
    upcoming = [row for row in rows if row.ends_at > now and row.status == "booked"]
    past = [row for row in reversed(rows) if row not in upcoming]
    return upcoming, past


def belongs_to(appointment: Appointment, party) -> bool:
    return (
        party is not None
        and appointment.party_kind == party.kind
        and appointment.party_identifier == party.identifier
    )


def give_mark(appointment: Appointment, mark: int, comment: str | None) -> None:
    """The resident's mark, once, after the appointment took place. Flushes."""
    if not links.may_give_mark(appointment):
        raise MarkError(_l("U kunt voor deze afspraak geen cijfer (meer) geven."))
    if not 1 <= mark <= 10:
        raise MarkError(_l("Kies een cijfer van 1 tot en met 10"))
    appointment.mark = mark
    appointment.mark_comment = (comment or "").strip()[:COMMENT_MAX] or None
    db.session.flush()
