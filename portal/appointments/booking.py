"""Booking, holding, rescheduling and cancelling. (Interface; implemented by the booking work.)

Every function flushes and never commits; the caller's request commits once. Notifications
(confirmation with ICS, change, cancellation) go through the outbox in the same transaction.
"""

from dataclasses import dataclass
from datetime import datetime

from portal.appointments.models import Appointment


class SlotTaken(Exception):
    """Someone else just took this time ("Dit tijdstip is net bezet"); show fresh times."""


class BookingError(ValueError):
    """A booking that is not allowed; the message is B1 Dutch and can be shown as is."""


@dataclass(frozen=True)
class Booker:
    """Who the appointment is for. `party` is a `portal.auth.principal.Party` when signed in."""

    name: str
    email: str | None = None
    phone: str | None = None
    party: object = None
    language: str | None = None
    visit_address: str | None = None
    notes: str | None = None
    case_id: int | None = None


def hold(
    type_slug: str,
    location_slug: str,
    starts_at: datetime,
    booker: Booker,
    *,
    persons: int = 1,
    minutes: int = 10,
) -> Appointment:
    """Reserve the slot while the resident confirms (status "held", `held_until`).
    Raises SlotTaken or BookingError."""
    raise NotImplementedError


def confirm(appointment: Appointment, actor=None) -> Appointment:
    """Turn a held appointment into a booked one and send the confirmation (with ICS)."""
    raise NotImplementedError


def book(
    type_slug: str,
    location_slug: str,
    starts_at: datetime,
    booker: Booker,
    *,
    persons: int = 1,
    actor=None,
) -> Appointment:
    """Hold and confirm at once. Raises SlotTaken or BookingError."""
    raise NotImplementedError


def reschedule(appointment: Appointment, starts_at: datetime, actor=None) -> Appointment:
    """Book the new time first, then release the old one (the old slot is kept until the new
    one is certain). Keeps the ICS UID, raises SEQUENCE. Raises SlotTaken or BookingError."""
    raise NotImplementedError


def cancel(appointment: Appointment, actor=None, reason: str = "") -> None:
    """Cancel and release the slot; the resident gets the cancellation (ICS METHOD:CANCEL)."""
    raise NotImplementedError


def release_expired_holds(now: datetime | None = None) -> int:
    """Free slots whose hold ran out; returns how many."""
    raise NotImplementedError
