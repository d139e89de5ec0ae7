"""Claiming time in the database: the rows that make double booking impossible.

A booking inserts one `SlotClaim` per 15-minute unit with INSERT ... ON CONFLICT DO NOTHING
RETURNING: the unique key (location, desk, unit) lets one transaction have a unit, and the
rows that come back say whether we got them all. That works the same on PostgreSQL and
SQLite and needs no savepoint (pysqlite does not nest savepoints inside its implicit
transactions reliably), so a lost race leaves the transaction usable. The reference counter
is taken before the claims (`next_reference`), so concurrent bookings queue on its row in one
order and cannot deadlock on each other's claims.
"""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select

from portal.appointments.availability import UNIT
from portal.appointments.models import Appointment, AppointmentNumberCounter, SlotClaim
from portal.components.counters import dialect_insert, next_in_year
from portal.extensions import db


def units_of(appointment: Appointment) -> list[datetime]:
    units, unit = [], appointment.starts_at
    while unit < appointment.ends_at:
        units.append(unit)
        unit += UNIT
    return units


def claim(
    appointment: Appointment, desks: list[int], now: datetime, keep: Sequence[SlotClaim] = ()
) -> int | None:
    """Claim the appointment's units on the first desk that has them all; None when another
    booking got there first. `keep` are claims the appointment already has (moving it)."""
    units = units_of(appointment)
    release_expired(appointment.location_slug, units, now)
    insert = dialect_insert()
    for desk in desks:
        own = {c.unit_start for c in keep if c.desk == desk}
        rows = [
            {
                "appointment_id": appointment.id,
                "location_slug": appointment.location_slug,
                "desk": desk,
                "unit_start": unit,
            }
            for unit in units
            if unit not in own
        ]
        if not rows:
            return desk
        got = db.session.scalars(
            insert(SlotClaim).values(rows).on_conflict_do_nothing().returning(SlotClaim.id)
        ).all()
        if len(got) == len(rows):
            db.session.expire(appointment, ["claims"])
            return desk
        if got:
            db.session.execute(delete(SlotClaim).where(SlotClaim.id.in_(got)))
    return None


def release_expired(location_slug: str, units: list[datetime], now: datetime) -> None:
    """Holds that ran out give their time back before anyone claims it."""
    holders = (
        select(SlotClaim.appointment_id)
        .where(SlotClaim.location_slug == location_slug, SlotClaim.unit_start.in_(units))
        .scalar_subquery()
    )
    for appointment in db.session.scalars(
        select(Appointment).where(
            Appointment.id.in_(holders),
            Appointment.status == "held",
            Appointment.held_until <= now,
        )
    ):
        expire(appointment, now)


def expire(appointment: Appointment, now: datetime) -> None:
    release(appointment)
    appointment.status = "expired"
    appointment.updated_at = now


def next_reference(year: int) -> str:
    """A-<year>-<nnnnnn>, counted per year (`portal.components.counters`)."""
    return f"A-{year}-{next_in_year(AppointmentNumberCounter, year):06d}"


def release(appointment: Appointment) -> None:
    """Give all of the appointment's time back (cancelled, or a hold that ran out)."""
    db.session.execute(delete(SlotClaim).where(SlotClaim.appointment_id == appointment.id))
    db.session.expire(appointment, ["claims"])
