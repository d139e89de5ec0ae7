"""The bookable types and their places, kept per process for the booking pages.

Every booking step starts with the type and its places; they change only when the
administration changes opening hours or new types are loaded, so the pages read them from
the catalogue's per-process copy (`portal.catalog.cache`), which those changes drop. Booking
itself (`booking`, `availability.free_slots`) still reads the rows: a time shown from a copy
that is a second old is checked against the database when it is held.

The copies are plain, unattached instances: a commit in one request cannot expire them under
another request, and no session ever writes them back.
"""

from __future__ import annotations

from sqlalchemy import inspect, select

from portal.appointments.models import AppointmentType, Location
from portal.catalog import cache
from portal.extensions import db

NAME = "appointment_types"


def _copy(row):
    """An unattached copy of a row with every column loaded."""
    mapper = inspect(type(row))
    return type(row)(**{column.key: getattr(row, column.key) for column in mapper.column_attrs})


def _load() -> dict[str, tuple[AppointmentType, tuple[Location, ...]]]:
    """Every active type with its active places in the type's order (two small queries)."""
    places = {
        row.slug: _copy(row) for row in db.session.scalars(select(Location).where(Location.active))
    }
    types = db.session.scalars(select(AppointmentType).where(AppointmentType.active))
    return {
        row.slug: (
            _copy(row),
            tuple(places[slug] for slug in row.location_slugs or [] if slug in places),
        )
        for row in types
    }


def type_with_places(slug: str) -> tuple[AppointmentType | None, list[Location]]:
    """An active type and its active places (in the type's order); (None, []) when there is
    no such type."""
    found = cache.cached(NAME, _load).get(slug)
    if found is None:
        return None, []
    return found[0], list(found[1])


def drop() -> None:
    """Call in the transaction that changes a type or a place (every process reloads)."""
    cache.drop()
