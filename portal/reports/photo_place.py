"""The place a photo was taken, offered as the report's place.

When the resident has not given a place yet and a photo carries a GPS position, the photos
step asks: "Deze foto is gemaakt bij Dorpsstraat 12. Is dat de plek?". A position outside
the municipality is not offered; the resident reads who to tell instead. A "nee" is kept
on the photo's entry (`place_declined`), so the same question is not asked twice.

Naming the place and knowing the municipality's boundary belong to the location work
(`portal.reports.locations`): `place_for_point` and `area.who_else`.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.reports.locations import Place, draft_location, place_for_point
from portal.reports.locations.area import Referral, who_else
from portal.reports.models import ReportDraft


@dataclass(frozen=True)
class PhotoPlace:
    """A photo's GPS position and what the address search calls it. `outside` says who to
    tell instead when the municipality does not look after that spot."""

    token: str
    number: int  # the photo's number on the page, from 1
    photo_name: str
    latitude: float
    longitude: float
    place: Place | None = None
    outside: Referral | None = None

    @property
    def label(self) -> str:
        """ "Dorpsstraat 12", or the point itself when no address is near."""
        if self.place is not None:
            return self.place.street_line or self.place.label
        return f"{self.latitude:.5f}, {self.longitude:.5f}"


def _gps(entry: dict) -> tuple[float, float] | None:
    gps = entry.get("gps")
    if isinstance(gps, list | tuple) and len(gps) == 2:
        return float(gps[0]), float(gps[1])
    return None


def _named(entry: dict, number: int, latitude: float, longitude: float) -> PhotoPlace:
    found = {"token": entry["token"], "number": number, "photo_name": entry.get("name", "")}
    outside = who_else(latitude, longitude)
    place = None if outside else place_for_point(latitude, longitude)
    return PhotoPlace(**found, latitude=latitude, longitude=longitude, place=place, outside=outside)


def photo_places(draft: ReportDraft) -> list[PhotoPlace]:
    """The photos' places still to ask about: none once the draft has a place."""
    data = draft.data or {}
    if data.get("location"):
        return []
    places = []
    for number, entry in enumerate(data.get("photos") or [], start=1):
        gps = _gps(entry)
        if gps is not None and not entry.get("place_declined"):
            places.append(_named(entry, number, *gps))
    return places


def offer(draft: ReportDraft) -> PhotoPlace | None:
    """The one place to ask about now: the first photo's place inside the municipality."""
    return next((place for place in photo_places(draft) if not place.outside), None)


def as_location(place: PhotoPlace) -> dict:
    """The draft's `location` when the resident says "ja, dat is de plek": the photo's own
    point, named after the nearest address."""
    return draft_location(place.place, "foto", place.latitude, place.longitude)
