"""A small local stand-in for PDOK Locatieserver v3.1, answering in its shapes.

Source of the shapes: the Locatieserver v3.1 OpenAPI description
(https://api.pdok.nl/bzk/locatieserver/search/v3_1/ui/) and the API page of the
Locatieserver wiki (https://github.com/PDOK/locatieserver/wiki/API-Locatieserver):
every answer is `{"response": {"numFound", "start", "maxScore", "numFoundExact", "docs"}}`;
`/suggest` adds `highlighting` and `spellcheck`; documents carry `id` ("adr-…", "weg-…"),
`type`, `weergavenaam`, `score`, and on `/lookup` (and `/reverse` with `fl`) the object's
fields such as `centroide_ll` ("POINT(lon lat)"), `straatnaam`, `huis_nlt`, `postcode`,
`woonplaatsnaam`, `buurtnaam`, `wijknaam`, `gemeentecode`; `/reverse` adds `afstand`.
Like v3.1, the stub refuses query parameters that are not in the OpenAPI description (400).

The documents are made from the same demo addresses and streets as the embedded search,
with the demo municipality code 9999. `mode` makes it slow, broken or nonsensical;
`requests` keeps what it was sent.
"""

from __future__ import annotations

import json
import re
import threading
import time

from werkzeug.datastructures import MultiDict
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from portal.devtools.smtp_catcher import free_port
from portal.registries import demo
from portal.reports.geo import distance_m, to_rd
from portal.reports.locations.embedded import streets

MUNICIPALITY_CODE = "9999"
ALLOWED = {
    "suggest": {"q", "fl", "fq", "sort", "qf", "bq", "rows", "start", "wt", "lat", "lon"},
    "lookup": {"id", "fl", "fq", "wt"},
    "reverse": {"X", "Y", "lat", "lon", "type", "distance", "fl", "fq", "start", "rows", "wt"},
}
DEFAULT_FL = {
    "suggest": "id weergavenaam type score",
    "reverse": "id type weergavenaam score afstand",
}


def _point(latitude: float, longitude: float) -> tuple[str, str]:
    x, y = to_rd(latitude, longitude)
    return f"POINT({longitude} {latitude})", f"POINT({x} {y})"


def _address_doc(row) -> dict:
    object_id, street, number, letter, addition, postcode = row
    latitude, longitude = demo.COORDINATES[object_id]
    area = next(s.area for s in streets() if s.name == street)
    huis = f"{number}{letter}" + (f"-{addition}" if addition else "")
    ll, rd = _point(latitude, longitude)
    return {
        "bron": "BAG",
        "type": "adres",
        "id": f"adr-{object_id[-8:]}a1b2c3d4",
        "identificatie": f"{object_id}-9999200000{object_id[-6:]}",
        "weergavenaam": f"{street} {huis}, {postcode} {demo.CITY}",
        "straatnaam": street,
        "straatnaam_verkort": street,
        "huisnummer": number,
        "huis_nlt": huis,
        "postcode": postcode,
        "woonplaatsnaam": demo.CITY,
        "woonplaatscode": "9999",
        "gemeentecode": MUNICIPALITY_CODE,
        "gemeentenaam": "Voorbeeld",
        "provincienaam": "Overijssel",
        "provinciecode": "PV23",
        "buurtnaam": area,
        "buurtcode": "BU99990101",
        "wijknaam": f"Wijk 01 {area}",
        "wijkcode": "WK999901",
        "adresseerbaarobject_id": object_id,
        "centroide_ll": ll,
        "centroide_rd": rd,
    }


def _street_doc(street) -> dict:
    ll, rd = _point(*street.spot)
    return {
        "bron": "BAG/NWB",
        "type": "weg",
        "id": f"weg-{street.key}0f1e2d3c",
        "weergavenaam": f"{street.name}, {demo.CITY}",
        "straatnaam": street.name,
        "woonplaatsnaam": demo.CITY,
        "gemeentecode": MUNICIPALITY_CODE,
        "gemeentenaam": "Voorbeeld",
        "centroide_ll": ll,
        "centroide_rd": rd,
    }


def documents() -> list[dict]:
    return [_address_doc(row) for row in demo.ADDRESSES] + [_street_doc(s) for s in streets()]


def _fields(doc: dict, fl: str | None, endpoint: str) -> dict:
    wanted = (fl or DEFAULT_FL.get(endpoint, "*")).replace(",", " ").split()
    if "*" in wanted:
        return dict(doc)
    return {key: doc[key] for key in wanted if key in doc}


def _filtered(docs: list[dict], filters: list[str]) -> list[dict]:
    for item in filters:
        name, _, value = item.partition(":")
        if name == "type":
            types = set(re.findall(r"[a-z]+", value)) - {"or"}
            docs = [d for d in docs if d["type"] in types]
        elif name == "gemeentecode":
            docs = [d for d in docs if d.get("gemeentecode") == value]
    return docs


def _envelope(docs: list[dict], **extra) -> dict:
    return {
        "response": {
            "numFound": len(docs),
            "start": 0,
            "maxScore": 9.5 if docs else 0.0,
            "numFoundExact": True,
            "docs": docs,
        },
        **extra,
    }


class LocatieserverStub:
    def __init__(self, slow_seconds: float = 1.0) -> None:
        # "ok", "slow" (answers after slow_seconds), "down" (HTTP 503), "garbage" (not JSON)
        self.mode = "ok"
        self.fail_next = 0  # answer this many requests with HTTP 503, then recover
        self.slow_seconds = slow_seconds
        self.requests: list[dict] = []
        self.docs = documents()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/bzk/locatieserver/search/v3_1"
        self._server = make_server("127.0.0.1", self.port, self._app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> LocatieserverStub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()

    def _app(self, environ, start_response):
        request = Request(environ)
        endpoint = request.path.rstrip("/").rsplit("/", 1)[-1]
        self.requests.append({"endpoint": endpoint, "args": request.args.copy()})
        if self.mode == "slow":
            time.sleep(self.slow_seconds)
        if self.mode == "down" or self.fail_next > 0:
            self.fail_next = max(0, self.fail_next - 1)
            return Response("unavailable", status=503)(environ, start_response)
        if self.mode == "garbage":
            return Response("<html>maintenance</html>", mimetype="text/html")(
                environ, start_response
            )
        if endpoint not in ALLOWED:
            return Response("not found", status=404)(environ, start_response)
        unknown = set(request.args) - ALLOWED[endpoint]
        if unknown or (endpoint == "suggest" and not request.args.get("q")):
            error = {"error": {"code": 400, "msg": f"invalid parameters: {sorted(unknown)}"}}
            return Response(json.dumps(error), status=400, mimetype="application/json")(
                environ, start_response
            )
        answer = getattr(self, f"_{endpoint}")(request.args)
        return Response(json.dumps(answer), mimetype="application/json")(environ, start_response)

    def _suggest(self, args: MultiDict) -> dict:
        words = args["q"].lower().split()
        docs = [
            d
            for d in _filtered(self.docs, args.getlist("fq"))
            if all(word in d["weergavenaam"].lower() for word in words)
        ]
        docs = docs[: int(args.get("rows", 10))]
        highlighting = {d["id"]: {"suggest": [f"<b>{d['weergavenaam']}</b>"]} for d in docs}
        return _envelope(
            [_fields(d, args.get("fl"), "suggest") for d in docs],
            highlighting=highlighting,
            spellcheck={"suggestions": [], "collations": []},
        )

    def _lookup(self, args: MultiDict) -> dict:
        docs = [d for d in _filtered(self.docs, args.getlist("fq")) if d["id"] == args["id"]]
        return _envelope([_fields(d, args.get("fl"), "lookup") for d in docs])

    def _reverse(self, args: MultiDict) -> dict:
        latitude, longitude = float(args["lat"]), float(args["lon"])
        types = set(args.getlist("type") or ["adres"])
        limit = float(args.get("distance", "1e9"))
        found = []
        for doc in self.docs:
            if doc["type"] not in types:
                continue
            lon_text, lat_text = doc["centroide_ll"][6:-1].split()
            afstand = distance_m(latitude, longitude, float(lat_text), float(lon_text))
            if afstand <= limit:
                found.append({**doc, "afstand": round(afstand, 2), "score": 1.0})
        found.sort(key=lambda d: d["afstand"])
        found = _filtered(found, args.getlist("fq"))[: int(args.get("rows", 10))]
        return _envelope([_fields(d, args.get("fl"), "reverse") for d in found])
