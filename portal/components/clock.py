"""The municipality's clock: times are stored as naive UTC, dates are decided in Amsterdam.

A date a resident types ("vandaag of later") or a working day counted for a norm is a date
in the Netherlands, not on the server: between 23:00 and 01:00 UTC the two differ.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def utc_now() -> datetime:
    """Naive UTC, as stored."""
    return datetime.now(UTC).replace(tzinfo=None)


def local(moment: datetime) -> datetime:
    """A stored naive-UTC time as an aware Amsterdam time."""
    return moment.replace(tzinfo=UTC).astimezone(AMSTERDAM)


def local_date(moment: datetime) -> date:
    return local(moment).date()


def today() -> date:
    """Today's date in the municipality."""
    return local_date(utc_now())
