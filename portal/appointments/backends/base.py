"""What an appointment back end offers, in vendor-neutral terms.

Two implementations: `embedded` (the portal's own scheduler: opening hours, capacity and
`SlotClaim` rows in our database) and `qmatic` (Qmatic Orchestra's calendar API with
reserve-then-confirm). `APPOINTMENT_BACKEND` chooses one. `portal.appointments.booking` keeps an
`Appointment` row in our database either way (for Mijn afspraken, the manage link, ICS and
reminders); with an outside back end the row carries `external_ref`.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


class BackendUnavailable(RuntimeError):
    """The appointment system did not answer in time or answered with an error."""


class BackendSlotTaken(Exception):
    """The back end refused the time: someone else has it ("net bezet")."""


@dataclass(frozen=True)
class BackendSlot:
    location_slug: str
    starts_at: datetime  # naive UTC
    ends_at: datetime  # naive UTC


@dataclass(frozen=True)
class Reservation:
    """A time held at the back end until it is confirmed or released."""

    external_ref: str
    starts_at: datetime
    ends_at: datetime


class AppointmentBackend(Protocol):
    def free_slots(
        self, type_slug: str, location_slug: str, persons: int, start_day: date, days: int
    ) -> list[BackendSlot]:
        """Bookable start times, in order."""

    def reserve(
        self, type_slug: str, location_slug: str, starts_at: datetime, persons: int
    ) -> Reservation:
        """Hold a time; raises BackendSlotTaken or BackendUnavailable."""

    def confirm(
        self, reservation_ref: str, *, name: str, email: str | None, phone: str | None
    ) -> str:
        """Turn a reservation into a booking; returns the booking's reference."""

    def cancel(self, external_ref: str) -> None:
        """Cancel a booking or release a reservation; an unknown reference is not an error."""
