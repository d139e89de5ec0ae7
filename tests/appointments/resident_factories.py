"""Appointments as the resident's pages, e-mails and reminders see them."""

import secrets
from datetime import datetime, timedelta

from portal.appointments import availability, booking, demo
from portal.appointments.models import Appointment
from portal.extensions import db

TYPE = "paspoort-id-aanvragen"


def load_demo() -> None:
    demo.load()
    db.session.commit()


def booked(persons: int = 1, email: str = "fatima@example.org", **booker) -> Appointment:
    """A booked demo passport appointment at the first free time at the town hall."""
    slot = availability.free_slots(TYPE, "gemeentehuis", persons=persons, days=21)[0]
    appointment = booking.book(
        TYPE,
        "gemeentehuis",
        slot.starts_at,
        booking.Booker(name="Fatima el Amrani", email=email, language="nl", **booker),
        persons=persons,
    )
    db.session.commit()
    return appointment


def row(
    starts_at: datetime,
    *,
    status: str = "booked",
    created_at: datetime | None = None,
    minutes: int = 30,
    **fields,
) -> Appointment:
    """An appointment row without claims, at any moment (for clocks and reminders)."""
    key = secrets.token_hex(8)
    appointment = Appointment(
        reference=f"A-T-{key[:8]}",
        key=key,
        uid=f"{key}@test",
        sequence=0,
        type_slug=TYPE,
        location_slug="gemeentehuis",
        desk=1,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        persons=1,
        status=status,
        name="Fatima el Amrani",
        email="fatima@example.org",
        language="nl",
        created_at=created_at or starts_at - timedelta(days=7),
        updated_at=created_at or starts_at - timedelta(days=7),
        **fields,
    )
    db.session.add(appointment)
    db.session.flush()
    return appointment
