"""PDOK Locatieserver v3.1 (https://api.pdok.nl/bzk/locatieserver/search/v3_1): the address
search in production, without an API key.

- `GET /suggest?q=&rows=&fq=gemeentecode:0000&fq=type:(adres OR weg)`: ids and
  `weergavenaam` of addresses and streets in the municipality, best first.
- `GET /lookup?id=&fl=&fq=gemeentecode:0000`: one object with its `centroide_ll`
  ("POINT(lon lat)"), `straatnaam`, `huis_nlt`, `postcode`, `woonplaatsnaam`, and for an
  address `buurtnaam`/`wijknaam`.
- `GET /reverse?lat=&lon=&type=adres&distance=&rows=1&fl=`: the nearest address.

The Solr behind it reads search syntax in `q`; we send what was typed without the
characters that would make it a query of its own. v3.1 refuses parameters outside its
OpenAPI description, so we send no others. Every call has a timeout and is tried once more
on a timeout, a broken connection or a 5xx; then it raises `LocationUnavailable`.
"""

from __future__ import annotations

import logging
import re

import requests

from portal.registries.records import format_postcode
from portal.reports.locations.base import LocationUnavailable, Place, Suggestion

log = logging.getLogger(__name__)
ATTEMPTS = 2  # the call and one retry
REVERSE_RADIUS_M = 150
PLACE_FIELDS = (
    "id type weergavenaam straatnaam huis_nlt postcode woonplaatsnaam buurtnaam wijknaam "
    "gemeentecode centroide_ll"
)
_POINT = re.compile(r"^POINT\(\s*(-?[0-9.]+)\s+(-?[0-9.]+)\s*\)$")
_SOLR_SYNTAX = re.compile(r'[+&|!(){}\[\]^"~*?:\\/]')


def parse_point(wkt: str | None) -> tuple[float, float] | None:
    """ "POINT(6.1 52.3)" (longitude first, as WKT has it) → (52.3, 6.1)."""
    match = _POINT.match((wkt or "").strip())
    if not match:
        return None
    longitude, latitude = float(match.group(1)), float(match.group(2))
    return latitude, longitude


def _place(doc: dict) -> Place | None:
    point = parse_point(doc.get("centroide_ll"))
    if point is None or not doc.get("id"):
        return None
    return Place(
        id=str(doc["id"]),
        label=str(doc.get("weergavenaam", "")),
        street=str(doc.get("straatnaam", "")),
        latitude=point[0],
        longitude=point[1],
        house_number=str(doc.get("huis_nlt", "")),
        postcode=format_postcode(str(doc.get("postcode", ""))),
        city=str(doc.get("woonplaatsnaam", "")),
        area=str(doc.get("buurtnaam") or doc.get("wijknaam") or ""),
    )


class PdokLocationService:
    def __init__(self, base_url: str, municipality_code: str, timeout: float) -> None:
        self.base_url = base_url.rstrip("/")
        self.municipality_code = municipality_code
        self.timeout = timeout

    def _filters(self) -> list[str]:
        return [f"gemeentecode:{self.municipality_code}"] if self.municipality_code else []

    def _docs(self, endpoint: str, params: dict) -> list[dict]:
        if not self.base_url:
            raise LocationUnavailable("PDOK_LOCATIESERVER_URL is not set")
        reason = ""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                response = requests.get(
                    f"{self.base_url}/{endpoint}", params=params, timeout=self.timeout
                )
            except (requests.Timeout, requests.ConnectionError) as error:
                reason = type(error).__name__
            else:
                if response.ok:
                    try:
                        docs = response.json()["response"]["docs"]
                    except (ValueError, KeyError, TypeError) as error:
                        raise LocationUnavailable("no docs in the answer") from error
                    return [doc for doc in docs if isinstance(doc, dict)]
                reason = f"HTTP {response.status_code}"
                if response.status_code < 500:
                    break  # our request is wrong: asking again will not help
            log.warning("locatieserver %s failed (attempt %s): %s", endpoint, attempt, reason)
        raise LocationUnavailable(reason)

    def suggest(self, query: str, limit: int = 7) -> list[Suggestion]:
        cleaned = " ".join(_SOLR_SYNTAX.sub(" ", query).split())
        if not cleaned:
            return []
        params = {
            "q": cleaned,
            "rows": max(1, min(limit, 100)),
            "fq": [*self._filters(), "type:(adres OR weg)"],
        }
        return [
            Suggestion(str(doc["id"]), str(doc.get("weergavenaam", "")))
            for doc in self._docs("suggest", params)
            if doc.get("id")
        ]

    def lookup(self, place_id: str) -> Place | None:
        params = {"id": place_id, "fl": PLACE_FIELDS, "fq": self._filters()}
        docs = self._docs("lookup", params)
        return _place(docs[0]) if docs else None

    def reverse(self, latitude: float, longitude: float) -> Place | None:
        params = {
            "lat": latitude,
            "lon": longitude,
            "type": "adres",
            "distance": REVERSE_RADIUS_M,
            "rows": 1,
            "fl": PLACE_FIELDS + " afstand",
        }
        if self.municipality_code:
            params["fq"] = f"gemeentecode:{self.municipality_code}"
        docs = self._docs("reverse", params)
        return _place(docs[0]) if docs else None
