"""Coordinates: WGS84 (what we store, what maps and GPS use) and RD New (EPSG:28992, what the
BAG and PDOK use), converted by pyproj; distances on the sphere.

One Transformer per direction, built once: building one costs milliseconds.
"""

from functools import cache
from math import asin, cos, radians, sin, sqrt

from pyproj import Transformer

EARTH_RADIUS_M = 6_371_008.8
# Metres per degree of latitude; a degree of longitude is this times cos(latitude).
METRES_PER_DEGREE = 111_320.0


@cache
def _to_rd() -> Transformer:
    return Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)


@cache
def _to_wgs84() -> Transformer:
    return Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)


def to_rd(latitude: float, longitude: float) -> tuple[float, float]:
    """(x, y) in RD metres."""
    x, y = _to_rd().transform(longitude, latitude)
    return round(x, 2), round(y, 2)


def from_rd(x: float, y: float) -> tuple[float, float]:
    """(latitude, longitude) in WGS84 degrees."""
    longitude, latitude = _to_wgs84().transform(x, y)
    return round(latitude, 7), round(longitude, 7)


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine); exact enough for tens of metres."""
    phi1, phi2 = radians(lat1), radians(lat2)
    dphi = phi2 - phi1
    dlambda = radians(lon2 - lon1)
    h = sin(dphi / 2) ** 2 + cos(phi1) * cos(phi2) * sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * asin(min(1.0, sqrt(h)))


def bounding_box(latitude: float, longitude: float, radius_m: float):
    """(min_lat, max_lat, min_lon, max_lon) of a square that holds the circle: the index finds
    candidates in it, `distance_m` keeps the ones really within the radius."""
    dlat = radius_m / METRES_PER_DEGREE
    dlon = radius_m / (METRES_PER_DEGREE * max(cos(radians(latitude)), 0.01))
    return latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon


def valid_wgs84(latitude: float, longitude: float) -> bool:
    return -90 <= latitude <= 90 and -180 <= longitude <= 180
