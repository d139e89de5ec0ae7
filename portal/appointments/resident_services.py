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
from portal.appointments.models import Appointment, AppointmentType
from portal.extensions import db

# Days a time list shows at once; "Eerdere/Latere tijden" moves by this much.
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
    location_slug: str,
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
    days = _days(kind.slug, location_slug, persons, first, now)
    if start is None:
        while not days and first + timedelta(days=DAYS_PER_PAGE) <= last_bookable:
            first += timedelta(days=DAYS_PER_PAGE)
            days = _days(kind.slug, location_slug, persons, first, now)
    last = min(first + timedelta(days=DAYS_PER_PAGE - 1), last_bookable)
    earlier = max(first - timedelta(days=DAYS_PER_PAGE), today) if first > today else None
    later = last + timedelta(days=1) if last < last_bookable else None
    return TimeWindow(days, first, last, earlier, later)


def _days(type_slug: str, location_slug: str, persons: int, first: date, now: datetime) -> list:
    return availability.days_with_slots(
        type_slug, location_slug, persons=persons, start_day=first, days=DAYS_PER_PAGE, now=now
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
