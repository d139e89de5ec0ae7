"""A local KVK that follows API Basisprofiel 1.5.0, API Vestigingsprofiel 1.4 and API Zoeken
2.0.0 (tests/registries/fixtures/kvk/): requests are checked against the specifications, a
wrong one gets the spec's 400 (`{"fout": [...]}`), a missing `apikey` a 401, an unknown number
or a search without results a 404.

Like the real API it pads some values with spaces when `pad` is set (seen in KVK answers:
`volledigAdres` and names with runs of spaces); the fault codes are illustrative, the real
IPD codes are listed on developers.kvk.nl.
"""

import json
from dataclasses import dataclass, field

from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest
from werkzeug.wrappers import Request, Response

from tests.registries.contracts import SpecServer, spec

BASISPROFIEL = "kvk/basisprofiel-openapi-1.5.0.yaml"
VESTIGINGSPROFIEL = "kvk/vestigingsprofiel-openapi-1.4.yaml"
ZOEKEN = "kvk/zoeken-openapi-2.0.0.yaml"


@dataclass
class Site:
    """One branch: its number, trade name and address parts."""

    number: str
    name: str
    main: bool
    street: str = ""
    house_number: int = 0
    letter: str = ""
    addition: str = ""
    postcode: str = ""
    city: str = ""
    shielded: bool = False
    extra_addresses: list[dict] = field(default_factory=list)


def _hal(data: dict, status: int = 200) -> Response:
    return Response(json.dumps(data), status=status, mimetype="application/hal+json")


def _fout(status: int, code: str, text: str) -> Response:
    return _hal({"fout": [{"code": code, "omschrijving": text}]}, status)


class KvkServer(SpecServer):
    def __init__(self) -> None:
        super().__init__()
        self.basisprofiel, self.basisprofiel_api = spec(BASISPROFIEL, f"{self.url}/v1")
        self.vestigingsprofiel, self.vestigingsprofiel_api = spec(VESTIGINGSPROFIEL, self.url)
        self.zoeken, self.zoeken_api = spec(ZOEKEN, f"{self.url}/v2")
        self.companies: dict[str, tuple[str, str, list[Site]]] = {}
        self.pad = False

    def reset(self) -> None:
        super().reset()
        self.companies.clear()
        self.pad = False

    def add(self, kvk: str, name: str, legal_form: str, *sites: Site) -> None:
        self.companies[kvk] = (name, legal_form, list(sites))

    def _p(self, value: str) -> str:
        return f"{value}   " if self.pad and value else value

    def api_for(self, path: str):
        if path.startswith("/v2/"):
            return self.zoeken, self.zoeken_api
        if path.startswith("/v1/vestigingsprofielen/"):
            return self.vestigingsprofiel, self.vestigingsprofiel_api
        return self.basisprofiel, self.basisprofiel_api

    def answer(self, request: Request) -> Response:
        profile = request.path.startswith("/v1/vestigingsprofielen/")
        api = self.api_for(request.path)[1]
        try:
            api.validate_request(WerkzeugOpenAPIRequest(request))
        except Exception as error:  # openapi-core's errors share no useful base here
            if "Security" in type(error).__name__:
                return _fout(401, "AUTH", "Geen of onjuiste apikey aangeleverd")
            return _fout(400, "PARAM", f"Een opgegeven parameter is niet valide: {error}")
        if request.path == "/v2/zoeken":
            return self._zoeken(request.args)
        parts = request.path.strip("/").split("/")
        if profile:
            found = self._site(parts[2])
            if found is None:
                return _fout(404, "NOTFOUND", "Er zijn geen resultaten gevonden")
            return _hal(self._vestiging(*found))
        kvk = parts[2]
        if kvk not in self.companies:
            return _fout(404, "NOTFOUND", "Er zijn geen resultaten gevonden")
        if len(parts) == 4:
            return _hal(self._vestigingen(kvk))
        return _hal(self._profiel(kvk))

    def _site(self, number: str) -> tuple[str, Site] | None:
        for kvk, (_name, _form, sites) in self.companies.items():
            for site in sites:
                if site.number == number:
                    return kvk, site
        return None

    def _line(self, site: Site) -> str:
        gap = "          " if self.pad else " "
        number = f"{site.house_number}{site.letter}"
        if site.addition:
            number += f" {site.addition}"
        return f"{site.street} {number}{gap}{site.postcode} {site.city}"

    def _profiel(self, kvk: str) -> dict:
        name, legal_form, _sites = self.companies[kvk]
        return {
            "kvkNummer": kvk,
            "naam": self._p(name),
            "handelsnamen": [{"naam": self._p(name), "volgorde": 0}],
            "_embedded": {"eigenaar": {"rechtsvorm": self._p(legal_form)}},
            "links": [{"rel": "self", "href": f"{self.url}/v1/basisprofielen/{kvk}"}],
        }

    def _vestigingen(self, kvk: str) -> dict:
        _name, _form, sites = self.companies[kvk]
        items = []
        for site in sites:
            item = {
                "vestigingsnummer": site.number,
                "kvkNummer": kvk,
                "indHoofdvestiging": "Ja" if site.main else "Nee",
                "indAdresAfgeschermd": "Ja" if site.shielded else "Nee",
                "indCommercieleVestiging": "Ja",
                "volledigAdres": "" if site.shielded else self._line(site),
            }
            if site.name:
                item["eersteHandelsnaam"] = self._p(site.name)
            items.append(item)
        return {"kvkNummer": kvk, "totaalAantalVestigingen": len(items), "vestigingen": items}

    def _vestiging(self, kvk: str, site: Site) -> dict:
        adres = {
            "type": "bezoekadres",
            "indAfgeschermd": "Ja" if site.shielded else "Nee",
            "volledigAdres": self._line(site),
            "straatnaam": self._p(site.street),
            "huisnummer": site.house_number,
            "postcode": site.postcode,
            "plaats": self._p(site.city),
            "land": "Nederland",
        }
        if site.letter:
            adres["huisletter"] = site.letter
        if site.addition:
            adres["huisnummerToevoeging"] = self._p(site.addition)
        answer = {
            "vestigingsnummer": site.number,
            "kvkNummer": kvk,
            "indHoofdvestiging": "Ja" if site.main else "Nee",
            "adressen": [*site.extra_addresses, adres],
        }
        if site.name:
            answer["eersteHandelsnaam"] = self._p(site.name)
        return answer

    def _zoeken(self, args) -> Response:
        """One result per branch, like the real API; `naam` matches part of the company's
        or the branch's name, whatever the case."""
        kvk, name = args.get("kvkNummer", ""), args.get("naam", "").lower()
        found = [
            (number, company, site)
            for number, (company, _form, sites) in self.companies.items()
            for site in sites
            if (not kvk or number == kvk)
            and (not name or name in company.lower() or name in site.name.lower())
        ]
        if not found:
            return _fout(404, "IPD0004", "Er zijn geen resultaten gevonden")
        page, size = int(args.get("pagina", 1)), int(args.get("resultatenPerPagina", 10))
        chunk = found[(page - 1) * size : page * size]
        body = {
            "pagina": page,
            "resultatenPerPagina": size,
            "totaal": len(found),
            "resultaten": [self._resultaat(*item) for item in chunk],
        }
        if page * size < len(found):
            body["volgende"] = f"{self.url}/v2/zoeken?pagina={page + 1}"
        return _hal(body)

    def _resultaat(self, kvk: str, company: str, site: Site) -> dict:
        adres = {"type": "bezoekadres", "straatnaam": self._p(site.street)}
        adres |= {"huisnummer": site.house_number, "postcode": site.postcode}
        adres["plaats"] = self._p(site.city)
        if site.letter:
            adres["huisletter"] = site.letter
        return {
            "kvkNummer": kvk,
            "vestigingsnummer": site.number,
            "naam": self._p(site.name or company),
            "adres": {"binnenlandsAdres": adres},
            "type": "hoofdvestiging" if site.main else "nevenvestiging",
            "actief": "Ja",
            "_links": {"basisprofiel": {"href": f"{self.url}/v1/basisprofielen/{kvk}"}},
        }
