"""Where the municipality looks after the street, and who to tell when it does not.

The boundary, the strips another organisation manages (the railway: ProRail; the motorway:
Rijkswaterstaat; the river: the water board) and the neighbouring municipalities are data:
`MUNICIPALITY_AREA_FILE`, by default the demo file `portal/reports/fixtures/area.json`.
A point inside the boundary but on such a strip is not ours either: the railway crosses the
town, yet a broken crossing barrier is ProRail's.

Point-in-polygon is the even-odd ray test on latitude/longitude: at this scale (a few km)
the degrees are as good as metres for "which side of the line".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask import current_app, has_app_context, has_request_context

from portal.i18n import current_locale

DEMO_AREA = Path(__file__).resolve().parent.parent / "fixtures" / "area.json"

Polygon = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Referral:
    """Who to tell instead, in the current language."""

    id: str
    kind: str  # municipality | railway | motorway | water
    organisation: str  # "ProRail"; empty when we do not know who
    place: str  # "op of naast het spoor": completes "De plek ligt …"
    phone: str
    url: str

    @property
    def phone_dial(self) -> str:
        return "".join(ch for ch in self.phone if ch.isdigit())


@dataclass(frozen=True)
class _Zone:
    entry: dict
    polygon: Polygon


@dataclass(frozen=True)
class Area:
    name: str
    boundary: Polygon
    not_ours: tuple[_Zone, ...]
    neighbours: tuple[_Zone, ...]
    elsewhere: dict


def _polygon(points: list) -> Polygon:
    return tuple((float(lat), float(lon)) for lat, lon in points)


@cache
def _load(path: str) -> Area:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return Area(
        name=data["municipality"]["name"],
        boundary=_polygon(data["municipality"]["boundary"]),
        not_ours=tuple(_Zone(z, _polygon(z["polygon"])) for z in data.get("not_ours", [])),
        neighbours=tuple(_Zone(z, _polygon(z["polygon"])) for z in data.get("neighbours", [])),
        elsewhere=data["elsewhere"],
    )


def area() -> Area:
    configured = current_app.config.get("MUNICIPALITY_AREA_FILE") if has_app_context() else ""
    return _load(str(configured or DEMO_AREA))


def contains(polygon: Polygon, latitude: float, longitude: float) -> bool:
    inside = False
    count = len(polygon)
    for index in range(count):
        lat1, lon1 = polygon[index]
        lat2, lon2 = polygon[(index + 1) % count]
        if (lat1 > latitude) != (lat2 > latitude):
            crossing = lon1 + (latitude - lat1) * (lon2 - lon1) / (lat2 - lat1)
            if longitude < crossing:
                inside = not inside
    return inside


def _referral(entry: dict) -> Referral:
    english = has_request_context() and current_locale() == "en"
    return Referral(
        id=entry["id"],
        kind=entry["kind"],
        organisation=entry.get("organisation", ""),
        place=(entry.get("place_en") if english else None) or entry["place_nl"],
        phone=entry.get("phone", ""),
        url=entry.get("url", ""),
    )


def who_else(latitude: float, longitude: float) -> Referral | None:
    """None when the municipality looks after this point; else who to tell instead."""
    here = area()
    for zone in here.not_ours:
        if contains(zone.polygon, latitude, longitude):
            return _referral(zone.entry)
    if contains(here.boundary, latitude, longitude):
        return None
    for zone in here.neighbours:
        if contains(zone.polygon, latitude, longitude):
            return _referral(zone.entry)
    return _referral(here.elsewhere)


def is_ours(latitude: float, longitude: float) -> bool:
    return who_else(latitude, longitude) is None


def outline() -> dict:
    """The boundary and the strips that are not ours, for drawing on the map."""
    here = area()
    return {
        "boundary": [list(point) for point in here.boundary],
        "not_ours": [
            {"kind": zone.entry["kind"], "polygon": [list(p) for p in zone.polygon]}
            for zone in here.not_ours
        ],
    }
