"""The address search every location adapter offers, in vendor-neutral dataclasses.

Two implementations: `embedded` (the BAG demo addresses with coordinates, for `make run` and
tests) and `pdok` (PDOK Locatieserver v3.1: `suggest`, `lookup`, `reverse`, limited to the
municipality). `LOCATION_BACKEND` chooses one.
"""

from dataclasses import dataclass
from typing import Protocol


class LocationUnavailable(RuntimeError):
    """The address search did not answer in time or answered with an error."""


@dataclass(frozen=True)
class Suggestion:
    id: str
    label: str


@dataclass(frozen=True)
class Place:
    """An address or a spot on a street, in WGS84."""

    id: str
    label: str  # "Dorpsstraat 12, 9999 AA Voorbeeld"
    street: str
    latitude: float
    longitude: float
    house_number: str = ""  # "45B" or "8-2"; empty for a spot on a street
    postcode: str = ""
    city: str = ""
    # The neighbourhood or district, for the back office's filters; empty when unknown.
    area: str = ""

    @property
    def street_line(self) -> str:
        return f"{self.street} {self.house_number}".strip()


class LocationService(Protocol):
    def suggest(self, query: str, limit: int = 7) -> list[Suggestion]:
        """Addresses and streets that match what was typed so far, best first."""

    def lookup(self, place_id: str) -> Place | None:
        """The place behind a suggestion's id."""

    def reverse(self, latitude: float, longitude: float) -> Place | None:
        """The nearest address to a point (for a pin on the map, GPS or a photo)."""


# The demo municipality (Gemeente Voorbeeld) lies around this point; its boundary is in
# `portal.reports.locations.area`. Demo addresses, demo reports and tests use these numbers.
DEMO_CENTER = (52.3000, 6.1000)
DEMO_BOUNDS = (52.2800, 52.3200, 6.0700, 6.1300)  # min_lat, max_lat, min_lon, max_lon
