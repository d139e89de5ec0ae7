"""Which times can be booked. (Interface; implemented by the availability work.)

Free slots come from each location's opening hours (local time, Europe/Amsterdam), its
capacity (desks), Dutch public holidays (`portal.cases.calendar`), closures and blocked time
(`Closure`), the type's lead time and horizon, and what is already claimed (`SlotClaim`).
An appointment for several people lasts longer, and a slot is only offered when the whole
appointment fits before the location closes (or before its lunch break).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True)
class Slot:
    location_slug: str
    starts_at: datetime  # naive UTC
    ends_at: datetime  # naive UTC
    desk: int  # a desk that is free for the whole appointment


def duration_for(type_slug: str, persons: int) -> timedelta:
    """How long an appointment of this type takes for `persons` people or products."""
    raise NotImplementedError


def free_slots(
    type_slug: str,
    location_slug: str,
    *,
    persons: int = 1,
    start_day: date | None = None,
    days: int = 14,
    now: datetime | None = None,
) -> list[Slot]:
    """Every bookable start time from `start_day` (default today) for `days` days, in order.
    Unknown type or location, or a location the type does not use: []."""
    raise NotImplementedError


def nearest_free(
    type_slug: str, location_slug: str, around: datetime, *, persons: int = 1, limit: int = 3
) -> list[Slot]:
    """The free slots closest to `around` (for "net bezet": these times are still free)."""
    raise NotImplementedError
