"""Finding the place of a report: the address search adapter, and the rules around it.

`LOCATION_BACKEND` chooses the adapter: "embedded" (the BAG demo addresses, the default) or
"pdok" (PDOK Locatieserver v3.1). Callers use the functions here, never an adapter directly.

A place in a draft (`draft.data["location"]`) is a dict: latitude, longitude, label, street,
area, source and place_id. `source` says how the resident gave it: "zoeken" (address
search), "eigen-adres" (their address in the BRP), "gps" (their device's position), "kaart"
(a pin on the map) or "foto" (a photo's GPS position).
"""

from __future__ import annotations

import logging
import math

from flask import current_app

from portal.registries.records import Address
from portal.reports.geo import valid_wgs84
from portal.reports.locations.base import (
    LocationService,
    LocationUnavailable,
    Place,
    Suggestion,
)
from portal.reports.locations.embedded import EmbeddedLocationService
from portal.reports.locations.pdok import PdokLocationService

__all__ = [
    "LocationService",
    "LocationUnavailable",
    "Place",
    "Suggestion",
    "draft_location",
    "location_service",
    "parse_point",
    "place_for_address",
    "place_for_point",
]

log = logging.getLogger(__name__)
SOURCES = ("zoeken", "eigen-adres", "gps", "kaart", "foto")
# Longer than any coordinate anyone types or a browser sends ("52.300123456789").
MAX_COORDINATE_TEXT = 32


def location_service() -> LocationService:
    config = current_app.config
    if config["LOCATION_BACKEND"] == "pdok":
        return PdokLocationService(
            config["PDOK_LOCATIESERVER_URL"],
            config["MUNICIPALITY_CODE"],
            config["LOCATION_TIMEOUT_SECONDS"],
        )
    return EmbeddedLocationService()


def parse_point(latitude: object, longitude: object) -> tuple[float, float]:
    """Two texts from a form → (latitude, longitude); ValueError for anything that is not
    a real point on earth (empty, not a number, NaN, infinite, out of range)."""
    values = []
    for value in (latitude, longitude):
        text = str(value if value is not None else "").strip().replace(",", ".")
        if not text or len(text) > MAX_COORDINATE_TEXT:
            raise ValueError("no coordinate")
        number = float(text)
        if not math.isfinite(number):
            raise ValueError("not a finite number")
        values.append(number)
    if not valid_wgs84(values[0], values[1]):
        raise ValueError("out of range")
    return values[0], values[1]


def place_for_point(latitude: float, longitude: float) -> Place | None:
    """The address nearest to a point (a pin, GPS, a photo's position), to name it:
    "Dorpsstraat 12". None when no address is near or the search does not answer."""
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    if not valid_wgs84(latitude, longitude):
        return None
    try:
        return location_service().reverse(latitude, longitude)
    except LocationUnavailable:
        log.warning("address search unavailable for a reverse lookup")
        return None


def place_for_address(address: Address) -> Place | None:
    """The place of a register address (the resident's own), found through the search.
    Raises LocationUnavailable when the search does not answer."""
    number = f"{address.house_number}{address.house_letter}"
    if address.addition:
        number = f"{number}-{address.addition}"
    service = location_service()
    postcode = address.postcode.replace(" ", "").upper()
    for suggestion in service.suggest(f"{postcode} {number}", limit=5):
        place = service.lookup(suggestion.id)
        if (
            place is not None
            and place.postcode.replace(" ", "").upper() == postcode
            and place.house_number.lower() == number.lower()
        ):
            return place
    return None


def draft_location(
    place: Place | None,
    source: str,
    latitude: float | None = None,
    longitude: float | None = None,
) -> dict:
    """What a draft keeps of a place. A pin or GPS keeps its own point and borrows the
    nearest address's name; without an address near, the label is the point itself."""
    lat = latitude if latitude is not None else place.latitude
    lon = longitude if longitude is not None else place.longitude
    return {
        "latitude": round(lat, 7),
        "longitude": round(lon, 7),
        "label": place.label if place else f"{lat:.5f}, {lon:.5f}",
        "street": place.street if place else "",
        "area": place.area if place else "",
        "source": source if source in SOURCES else "kaart",
        "place_id": place.id if place else "",
    }
