"""Locations, appointment types and closures for tests, with the fewest fields a test sets."""

from datetime import UTC, date, datetime, timedelta

from portal.appointments.availability import local_day, utc_now
from portal.appointments.models import AppointmentType, Closure, Location
from portal.cases.calendar import is_public_holiday
from portal.extensions import db

TOWN_HALL_DAY = [["09:00", "12:30"], ["13:30", "17:00"]]
EVERY_DAY = {str(day): TOWN_HALL_DAY for day in range(7)}


def make_location(slug: str = "gemeentehuis", **fields) -> Location:
    values = {
        "kind": "gemeentehuis",
        "name_nl": "Gemeentehuis",
        "name_en": "Town hall",
        "address": "Markt 1, Voorbeeld",
        "capacity": 1,
        "opening_hours": EVERY_DAY,
        **fields,
    }
    location = Location(slug=slug, **values)
    db.session.add(location)
    db.session.flush()
    return location


def make_type(slug: str = "paspoort", **fields) -> AppointmentType:
    values = {
        "name_nl": "Paspoort aanvragen",
        "name_en": "Apply for a passport",
        "duration_minutes": 15,
        "extra_minutes_per_person": 10,
        "max_persons": 5,
        "location_slugs": ["gemeentehuis"],
        "cost_cents": None,
        **fields,
    }
    type_ = AppointmentType(slug=slug, **values)
    db.session.add(type_)
    db.session.flush()
    return type_


def make_closure(starts_at: datetime, ends_at: datetime, **fields) -> Closure:
    closure = Closure(
        starts_at=starts_at,
        ends_at=ends_at,
        created_at=datetime.now(UTC).replace(tzinfo=None),
        **fields,
    )
    db.session.add(closure)
    db.session.flush()
    return closure


def coming_day(at_least: int = 2) -> date:
    """A local day at least `at_least` days ahead that is not a public holiday."""
    day = local_day(utc_now()) + timedelta(days=at_least)
    while is_public_holiday(day):
        day += timedelta(days=1)
    return day
