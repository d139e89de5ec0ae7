"""The portal's own scheduler as a back end: opening hours, capacity, holidays and closures
(`portal.appointments.availability`) over the `SlotClaim` rows in our database.

`portal.appointments.booking` does not go through this adapter to claim time: with the
embedded back end the claims are rows of the appointment itself, written in the same
transaction, and the unique key on them is the guarantee. This class gives other code (and
tests comparing back ends) the same vendor-neutral view as an outside system.
"""

from datetime import date, datetime

from portal.appointments import availability
from portal.appointments.backends.base import BackendSlot, BackendSlotTaken, Reservation


class EmbeddedBackend:
    def free_slots(
        self, type_slug: str, location_slug: str, persons: int, start_day: date, days: int
    ) -> list[BackendSlot]:
        type_ = availability.get_type(type_slug)
        location = availability.get_location(location_slug)
        if type_ is None or location is None or location_slug not in type_.location_slugs:
            return []
        if not 1 <= persons <= type_.max_persons or days < 1:
            return []
        now = availability.utc_now()
        first = max(start_day, availability.local_day(now))
        last = min(
            date.fromordinal(start_day.toordinal() + days - 1),
            availability.last_bookable_day(type_, now),
        )
        length = availability.UNIT * availability.units_for(type_, persons)
        starts = availability.open_starts(type_, location, persons, first, last, now)
        return [BackendSlot(location_slug, start, start + length) for start in starts]

    def reserve(
        self, type_slug: str, location_slug: str, starts_at: datetime, persons: int
    ) -> Reservation:
        """Checks the time is free; the claim itself is the booking's (see the module)."""
        day = availability.local_day(starts_at)
        for slot in self.free_slots(type_slug, location_slug, persons, day, 1):
            if slot.starts_at == starts_at:
                return Reservation(
                    f"embedded:{location_slug}:{availability.slot_value(starts_at)}",
                    slot.starts_at,
                    slot.ends_at,
                )
        raise BackendSlotTaken(starts_at.isoformat())

    def confirm(
        self, reservation_ref: str, *, name: str, email: str | None, phone: str | None
    ) -> str:
        return reservation_ref

    def cancel(self, external_ref: str) -> None:
        """Nothing to do here: cancelling deletes the appointment's own claims."""
