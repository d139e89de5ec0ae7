"""A small local stand-in for the real registers, answering in their shapes.

Haal Centraal BRP Personen Bevragen v2 (`POST /brp/personen`), KVK Basisprofiel
(`GET /kvk/v1/basisprofielen/...`) and BAG Individuele Bevragingen (`GET /bag/adressen`),
filled from the same demo data as the embedded registers, so one set of contract tests can
run against both. `mode` makes it slow or broken; `requests` keeps what it was sent.
"""

import json
import threading
import time

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from portal.devtools.smtp_catcher import free_port
from portal.registries import demo

ADDRESSES = {row[0]: row for row in demo.ADDRESSES}
PEOPLE = {row[0]: row for row in demo.PEOPLE}
for _bsn, _given, _surname in demo.CROWDED:
    PEOPLE[_bsn] = (_bsn, _given, "", _surname, None, "9999010000000007", None, None, None)


def _datum(value) -> dict | None:
    if value is None:
        return None
    return {
        "type": "Datum",
        "datum": value.isoformat(),
        "langFormaat": value.strftime("%-d-%-m-%Y"),
    }


def _naam(row) -> dict:
    _bsn, given, prefix, surname = row[:4]
    naam = {"voornamen": given, "geslachtsnaam": surname}
    if prefix:
        naam["voorvoegsel"] = prefix
    naam["volledigeNaam"] = " ".join(p for p in (given, prefix, surname) if p)
    return naam


def _wants(fields, group) -> bool:
    return any(f == group or f.startswith(group + ".") for f in fields)


def _relative(row, fields, group) -> dict:
    out = {}
    if _wants(fields, f"{group}.burgerservicenummer"):
        out["burgerservicenummer"] = row[0]
    if _wants(fields, f"{group}.naam"):
        out["naam"] = _naam(row)
    if _wants(fields, f"{group}.geboorte") and row[4]:
        out["geboorte"] = {"datum": _datum(row[4])}
    return out


def _persoon(row, fields) -> dict:
    bsn, *_rest = row
    out = {"burgerservicenummer": bsn}
    if _wants(fields, "naam"):
        out["naam"] = _naam(row)
    if _wants(fields, "geboorte") and row[4]:
        out["geboorte"] = {"datum": _datum(row[4])}
    if _wants(fields, "geslacht") and demo.BRP_DETAILS.get(bsn, {}).get("sex"):
        out["geslacht"] = {"code": demo.BRP_DETAILS[bsn]["sex"]}
    if _wants(fields, "verblijfplaats") and row[5]:
        object_id, street, number, letter, addition, postcode = ADDRESSES[row[5]]
        adres = {
            "officieleStraatnaam": street,
            "korteStraatnaam": street,
            "huisnummer": number,
            "postcode": postcode,
            "woonplaats": demo.CITY,
        }
        if letter:
            adres["huisletter"] = letter
        if addition:
            adres["huisnummertoevoeging"] = addition
        out["verblijfplaats"] = {
            "type": "Adres",
            "verblijfadres": adres,
            "adresseerbaarObjectIdentificatie": object_id,
        }
    if _wants(fields, "partners") and row[6]:
        out["partners"] = [_relative(PEOPLE[row[6]], fields, "partners")]
    if _wants(fields, "kinderen"):
        children = sorted((p for p in PEOPLE.values() if bsn in (p[7], p[8])), key=lambda p: p[4])
        if children:
            out["kinderen"] = [_relative(c, fields, "kinderen") for c in children]
    return out


def _brp(body: dict) -> dict:
    if body.get("type") == "RaadpleegMetBurgerservicenummer":
        found = [PEOPLE[b] for b in body.get("burgerservicenummer", []) if b in PEOPLE]
        personen = [_persoon(row, body.get("fields", [])) for row in found]
    elif body.get("type") == "ZoekMetAdresseerbaarObjectIdentificatie":
        object_id = body.get("adresseerbaarObjectIdentificatie")
        personen = [{"burgerservicenummer": p[0]} for p in PEOPLE.values() if p[5] == object_id]
    else:
        return None
    return {"type": body["type"], "personen": personen}


def _adres_tekst(object_id) -> str:
    _id, street, number, letter, addition, postcode = ADDRESSES[object_id]
    suffix = f"{letter}{'-' + addition if addition else ''}"
    return f"{street} {number}{suffix} {postcode} {demo.CITY}"


def _basisprofiel(kvk: str) -> dict | None:
    company = next((c for c in demo.COMPANIES if c[0] == kvk), None)
    if company is None:
        return None
    main = next(b for b in demo.BRANCHES if b[1] == kvk and b[3])
    return {
        "kvkNummer": kvk,
        "naam": company[1],
        "handelsnamen": [{"naam": company[1], "volgorde": 0}],
        "_embedded": {
            "hoofdvestiging": {
                "vestigingsnummer": main[0],
                "kvkNummer": kvk,
                "eersteHandelsnaam": main[2],
            },
            "eigenaar": {"rechtsvorm": company[2]},
        },
    }


def _vestigingen(kvk: str) -> dict:
    branches = [b for b in demo.BRANCHES if b[1] == kvk]
    return {
        "kvkNummer": kvk,
        "totaalAantalVestigingen": len(branches),
        "vestigingen": [
            {
                "vestigingsnummer": number,
                "eersteHandelsnaam": name,
                "indHoofdvestiging": "Ja" if is_main else "Nee",
                "volledigAdres": _adres_tekst(address),
            }
            for number, _kvk, name, is_main, address in branches
        ],
    }


def _bag(postcode: str, number: str) -> dict:
    found = [
        {
            "openbareRuimteNaam": street,
            "korteNaam": street,
            "huisnummer": n,
            "huisletter": letter or None,
            "huisnummertoevoeging": addition or None,
            "postcode": pc,
            "woonplaatsNaam": demo.CITY,
            "adresseerbaarObjectIdentificatie": oid,
            "nummeraanduidingIdentificatie": "9999200" + oid[7:],
        }
        for oid, street, n, letter, addition, pc in demo.ADDRESSES
        if pc == postcode and str(n) == number
    ]
    for item in found:
        for key in ("huisletter", "huisnummertoevoeging"):
            if item[key] is None:
                del item[key]
    return {"_embedded": {"adressen": found}} if found else {}


class RegistryStub:
    def __init__(self, slow_seconds: float = 1.0) -> None:
        # "ok", "slow" (answers after slow_seconds), "down" (HTTP 503), "refuse" (HTTP 400)
        self.mode = "ok"
        self.fail_next = 0  # answer this many requests with HTTP 503, then recover
        self.slow_seconds = slow_seconds
        self.requests: list[dict] = []
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = make_server("127.0.0.1", self.port, self._app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> "RegistryStub":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()

    def _app(self, environ, start_response):
        request = Request(environ)
        body = request.get_json(silent=True) if request.method == "POST" else None
        self.requests.append(
            {
                "method": request.method,
                "path": request.path,
                "headers": dict(request.headers),
                "args": dict(request.args),
                "json": body,
            }
        )
        if self.mode == "slow":
            time.sleep(self.slow_seconds)
        if self.mode == "down" or self.fail_next > 0:
            self.fail_next = max(0, self.fail_next - 1)
            return Response("unavailable", status=503)(environ, start_response)
        if self.mode == "refuse":
            return Response("bad request", status=400)(environ, start_response)
        answer = self._answer(request, body)
        if answer is None:
            response = Response(
                json.dumps({"status": 404}), status=404, mimetype="application/problem+json"
            )
        else:
            response = Response(json.dumps(answer), mimetype="application/json")
        return response(environ, start_response)

    def _answer(self, request, body):
        path = request.path
        if path == "/brp/personen" and request.method == "POST":
            return _brp(body or {})
        if path.startswith("/kvk/v1/basisprofielen/"):
            parts = path.split("/")
            kvk = parts[4]
            if len(parts) == 6 and parts[5] == "vestigingen":
                return _vestigingen(kvk) if _basisprofiel(kvk) else None
            return _basisprofiel(kvk)
        if path == "/bag/adressen":
            return _bag(request.args.get("postcode", ""), request.args.get("huisnummer", ""))
        return None
