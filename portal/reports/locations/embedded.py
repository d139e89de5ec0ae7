"""The embedded address search: the BAG demo addresses (`registry_demo_address`, with their
coordinates) and the demo streets (`fixtures/demo_streets.json`).

It forgives what people type: case, spaces, a shortened street name ("dorpsstr 12"), a
postcode with or without its space ("9999AA 12", "9999 aa 12"), a number with its letter or
addition ("45b", "8-2"). A street without a number is a place too: its `spot`.
Ids follow PDOK's style: "adr-<BAG object id>" and "weg-<street>".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import select

from portal.extensions import db
from portal.registries.models import DemoAddress
from portal.registries.records import format_postcode
from portal.reports.geo import bounding_box, distance_m
from portal.reports.locations.base import Place, Suggestion

STREETS_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "demo_streets.json"
ADDRESS_PREFIX = "adr-"
STREET_PREFIX = "weg-"
# A pin further than this from every address gets no address (see `reverse`).
REVERSE_RADIUS_M = 150

_POSTCODE = re.compile(r"\b([1-9][0-9]{3})\s?([a-z]{2})\b")
_NUMBER = re.compile(r"^[0-9]{1,5}[a-z]?(?:-[a-z0-9]{1,4})?$")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Street:
    name: str
    area: str
    spot: tuple[float, float]
    line: tuple[tuple[float, float], ...]

    @property
    def key(self) -> str:
        return _compact(self.name)


@dataclass(frozen=True)
class _Query:
    words: str  # the street part, compacted: "nieuwegr"
    postcode: str  # "9999aa", or "" when none was typed
    number: str  # "45b", "8-2", or ""


def _compact(text: str) -> str:
    return "".join(_WORD.findall(text.lower()))


@cache
def _streets_data() -> dict:
    return json.loads(STREETS_FILE.read_text(encoding="utf-8"))


def city() -> str:
    return _streets_data()["city"]


def streets() -> tuple[Street, ...]:
    return tuple(
        Street(
            name=item["name"],
            area=item["area"],
            spot=(item["spot"][0], item["spot"][1]),
            line=tuple((lat, lon) for lat, lon in item["line"]),
        )
        for item in _streets_data()["streets"]
    )


def _street_by_name(name: str) -> Street | None:
    key = _compact(name)
    return next((street for street in streets() if street.key == key), None)


def _parse(query: str) -> _Query:
    text = query.lower().replace(",", " ")
    postcode = ""
    match = _POSTCODE.search(text)
    if match:
        postcode = match.group(1) + match.group(2)
        text = text[: match.start()] + " " + text[match.end() :]
    number = ""
    words = []
    city_key = _compact(city())
    for token in re.sub(r"\s*-\s*", "-", text).split():
        if not number and _NUMBER.match(token):
            number = token
        elif len(token) >= 3 and city_key.startswith(_compact(token)) and _compact(token):
            continue  # "Dorpsstraat 12 Voorbeeld": the town name narrows nothing here
        else:
            words.append(_compact(token))
    if not postcode and not number and len(words) == 0:
        digits = re.sub(r"\s", "", query)
        if re.fullmatch(r"[1-9][0-9]{3}[a-zA-Z]{0,2}", digits):
            postcode = digits.lower()  # a postcode being typed: "9999", "9999 A"
    return _Query(words="".join(words), postcode=postcode, number=number)


def _number_text(row: DemoAddress) -> str:
    text = f"{row.house_number}{row.house_letter}"
    return f"{text}-{row.addition}" if row.addition else text


def _address_label(row: DemoAddress) -> str:
    return f"{row.street} {_number_text(row)}, {format_postcode(row.postcode)} {row.city}"


def _street_label(street: Street) -> str:
    return f"{street.name}, {city()}"


def _to_place(row: DemoAddress) -> Place:
    street = _street_by_name(row.street)
    return Place(
        id=ADDRESS_PREFIX + row.object_id,
        label=_address_label(row),
        street=row.street,
        latitude=row.latitude,
        longitude=row.longitude,
        house_number=_number_text(row),
        postcode=format_postcode(row.postcode),
        city=row.city,
        area=street.area if street else "",
    )


def _street_place(street: Street) -> Place:
    return Place(
        id=STREET_PREFIX + street.key,
        label=_street_label(street),
        street=street.name,
        latitude=street.spot[0],
        longitude=street.spot[1],
        city=city(),
        area=street.area,
    )


def _addresses() -> list[DemoAddress]:
    query = select(DemoAddress).where(DemoAddress.latitude.is_not(None))
    return list(db.session.scalars(query))


class EmbeddedLocationService:
    def suggest(self, query: str, limit: int = 7) -> list[Suggestion]:
        wanted = _parse(query)
        if not wanted.words and not wanted.postcode:
            return []  # a number alone could be anywhere
        addresses = [
            row
            for row in _addresses()
            if (not wanted.words or wanted.words in _compact(row.street))
            and row.postcode.lower().startswith(wanted.postcode)
            and _number_text(row).lower().startswith(wanted.number)
        ]
        # The exact number first ("1" before "12"), then by street and number.
        addresses.sort(
            key=lambda row: (
                _number_text(row).lower() != wanted.number,
                row.street,
                row.house_number,
                row.house_letter,
                row.addition,
            )
        )
        found = [
            Suggestion(ADDRESS_PREFIX + row.object_id, _address_label(row)) for row in addresses
        ]
        if not wanted.number:
            postcode_streets = {row.street for row in addresses} if wanted.postcode else None
            matching = [
                street
                for street in streets()
                if (not wanted.words or wanted.words in street.key)
                and (postcode_streets is None or street.name in postcode_streets)
            ]
            found = [
                Suggestion(STREET_PREFIX + street.key, _street_label(street)) for street in matching
            ] + found
        return found[:limit]

    def lookup(self, place_id: str) -> Place | None:
        if place_id.startswith(ADDRESS_PREFIX):
            row = db.session.get(DemoAddress, place_id.removeprefix(ADDRESS_PREFIX)[:16])
            return _to_place(row) if row is not None and row.latitude is not None else None
        if place_id.startswith(STREET_PREFIX):
            key = place_id.removeprefix(STREET_PREFIX)
            street = next((item for item in streets() if item.key == key), None)
            return _street_place(street) if street else None
        return None

    def reverse(self, latitude: float, longitude: float) -> Place | None:
        min_lat, max_lat, min_lon, max_lon = bounding_box(latitude, longitude, REVERSE_RADIUS_M)
        rows = db.session.scalars(
            select(DemoAddress).where(
                DemoAddress.latitude.between(min_lat, max_lat),
                DemoAddress.longitude.between(min_lon, max_lon),
            )
        )
        nearest = None
        for row in rows:
            distance = distance_m(latitude, longitude, row.latitude, row.longitude)
            if distance <= REVERSE_RADIUS_M and (nearest is None or distance < nearest[0]):
                nearest = (distance, row)
        return _to_place(nearest[1]) if nearest else None
