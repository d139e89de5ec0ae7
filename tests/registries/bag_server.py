"""A local BAG that follows API Individuele Bevragingen 2.0.0, `GET /adressen`
(tests/registries/fixtures/bag/), under the real base path `/lvbag/individuelebevragingen/v2`.

Requests are checked against the specification: a wrong parameter gets the spec's 400
problem+json with `invalid-params`, a missing `X-Api-Key` a 401. Search and paging follow the
repository's Features/exacte_match.feature and Features/paginering.feature: letter and
addition filter, `exacteMatch=true` also wants the parts not given to be empty; pages of
`pageSize` (default 20) with `_links.self/first/previous/next/last`, no `_embedded` when
nothing was found, a 400 for a page that does not exist.
"""

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest
from werkzeug.wrappers import Request, Response

from tests.registries.contracts import SpecServer, spec

SPEC = "bag/adressen-openapi-2.0.0.yaml"
BASE = "/lvbag/individuelebevragingen/v2"
VERSION = {"api-version": "2.0.0"}  # a required response header in the specification


@dataclass(frozen=True)
class Spot:
    street: str
    number: int
    postcode: str
    city: str = "Voorbeeld"
    letter: str = ""
    addition: str = ""
    short: str = ""  # korteNaam, when the official name is longer than 24 characters
    object_id: str = "9999010000000001"


def _problem(status: int, title: str, code: str, request: Request, params=()) -> Response:
    body = {
        "type": "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html",
        "title": title,
        "status": status,
        "detail": title,
        "instance": request.url,
        "code": code,
    }
    if params:
        body["invalid-params"] = list(params)
    return Response(
        json.dumps(body), status=status, mimetype="application/problem+json", headers=VERSION
    )


class BagServer(SpecServer):
    def __init__(self) -> None:
        super().__init__()
        self.api_url = self.url + BASE
        self.spec, self.api = spec(SPEC, self.api_url)
        self.spots: list[Spot] = []
        self.links_host = ""  # set to make `_links` point at another host

    def reset(self) -> None:
        super().reset()
        self.spots.clear()
        self.links_host = ""

    def answer(self, request: Request) -> Response:
        try:
            self.api.validate_request(WerkzeugOpenAPIRequest(request))
        except Exception as error:  # openapi-core's errors share no useful base here
            if "Security" in type(error).__name__:
                return _problem(401, "Niet correct geauthenticeerd.", "authentication", request)
            if "PathNotFound" in type(error).__name__ or "OperationNotFound" in str(error):
                return _problem(404, "Opgevraagde resource bestaat niet.", "notFound", request)
            name = getattr(error, "name", "") or "?"
            reason = str(getattr(error, "__cause__", "") or error)[:200]
            return _problem(
                400,
                "Een of meerdere parameters zijn niet correct.",
                "paramsValidation",
                request,
                [{"name": name, "code": "pattern", "reason": reason}],
            )
        args = request.args
        if "postcode" not in args or "huisnummer" not in args:
            return _problem(
                400,
                "Minimale combinatie van parameters moet worden opgegeven.",
                "paramsCombination",
                request,
            )
        found = self._search(args)
        size = int(args.get("pageSize", 20))
        page = int(args.get("page", 1))
        pages = max(1, -(-len(found) // size))
        if page > pages:
            return _problem(
                400,
                "Een of meerdere parameters zijn niet correct.",
                "paramsValidation",
                request,
                [{"name": "page", "code": "page", "reason": "De opgegeven pagina bestaat niet."}],
            )
        body: dict = {"_links": self._links(request, page, pages)}
        if found:
            chunk = found[(page - 1) * size : page * size]
            body["_embedded"] = {"adressen": [self._adres(spot) for spot in chunk]}
        return Response(json.dumps(body), mimetype="application/hal+json", headers=VERSION)

    def _search(self, args) -> list[Spot]:
        exact = args.get("exacteMatch") == "true"
        letter, addition = args.get("huisletter", ""), args.get("huisnummertoevoeging", "")
        found = []
        for spot in self.spots:
            if spot.postcode != args["postcode"].upper() or spot.number != int(args["huisnummer"]):
                continue
            if letter and spot.letter.upper() != letter.upper():
                continue
            if addition and spot.addition.upper() != addition.upper():
                continue
            if exact and ((spot.letter and not letter) or (spot.addition and not addition)):
                continue
            found.append(spot)
        return found

    def _links(self, request: Request, page: int, pages: int) -> dict:
        base = (self.links_host or self.url) + BASE + "/adressen"
        kept = [(k, v) for k, v in request.args.items(multi=True) if k != "page"]

        def href(number: int) -> dict:
            return {"href": f"{base}?{urlencode([*kept, ('page', number)])}"}

        links = {"self": {"href": request.url}}
        if page > 1:
            links["first"], links["previous"] = href(1), href(page - 1)
        if page < pages:
            links["next"], links["last"] = href(page + 1), href(pages)
        return links

    def _adres(self, spot: Spot) -> dict:
        adres = {
            "openbareRuimteNaam": spot.street,
            "korteNaam": spot.short or spot.street,
            "huisnummer": spot.number,
            "postcode": spot.postcode,
            "woonplaatsNaam": spot.city,
            "nummeraanduidingIdentificatie": "9999200000" + spot.object_id[-6:],
            "openbareRuimteIdentificatie": "9999300000000001",
            "woonplaatsIdentificatie": "9999",
            "adresseerbaarObjectIdentificatie": spot.object_id,
            "pandIdentificaties": ["9999100000000001"],
            "_links": {"self": {"href": f"{self.url}{BASE}/adressen/9999200000000001"}},
        }
        if spot.letter:
            adres["huisletter"] = spot.letter
        if spot.addition:
            adres["huisnummertoevoeging"] = spot.addition
        return adres
