"""A local BRP API Personen 2.7.0 that holds to the official contract.

`POST …/personen` for `RaadpleegMetBurgerservicenummer` and
`ZoekMetAdresseerbaarObjectIdentificatie`, answered from the spec-shaped persons in
fixtures/brp/personen.json. Like the real API it
- checks the body against the OpenAPI file and every `fields` path against the CSV of its
  query type, and refuses with 400 `application/problem+json` and `invalidParams`;
- returns only the fields asked for, plus what it always delivers (inOnderzoek within what
  is returned, geheimhoudingPersoonsgegevens, opschortingBijhouding, rni, verificatie);
- answers an unknown BSN with an empty `personen` (no 404), and leaves deceased persons out
  of a search (not out of a BSN query);
- checks its own answers against the response schema, so a fixture that drifts fails loudly.
`odd` replaces the answer with something off-contract, to test how the portal copes.
"""

import copy
import json
import threading
from collections.abc import Callable
from pathlib import Path

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from portal.devtools.smtp_catcher import free_port
from tests.registries import brp_spec

FIXTURES = Path(__file__).parent / "fixtures" / "brp"
PATH = "/brp/personen"  # so BRP_API_URL is f"{server.url}/brp"
ALWAYS = ("geheimhoudingPersoonsgegevens", "opschortingBijhouding", "rni", "verificatie")


def fixture_persons() -> list[dict]:
    return json.loads((FIXTURES / "personen.json").read_text(encoding="utf-8"))["personen"]


def select(data, paths: list[str]):
    """`data` with only the given dotted paths (lists: per item); a kept object keeps its
    `type` (it tells the subtype) and its `inOnderzoek` (delivered with what it is about)."""
    if isinstance(data, list):
        return [select(item, paths) for item in data]
    if not isinstance(data, dict) or "" in paths:
        return copy.deepcopy(data)
    out = {}
    for key, value in data.items():
        inner = [
            p[len(key) + 1 :] if p != key else ""
            for p in paths
            if p == key or p.startswith(key + ".")
        ]
        if inner:
            out[key] = select(value, inner)
    for key in ("type", "inOnderzoek"):
        if out and key in data and key not in out:
            out[key] = copy.deepcopy(data[key])
    return out


def persoon(data: dict, fields: list[str]) -> dict:
    out = select(data, fields)
    out.update({key: copy.deepcopy(data[key]) for key in ALWAYS if key in data})
    if "inOnderzoek" in data:
        out["inOnderzoek"] = copy.deepcopy(data["inOnderzoek"])
    return out


def problem(invalid: list[tuple[str, str]]) -> dict:
    # After the spec's example of components/responses/400 and schema BadRequestFoutbericht.
    return {
        "type": "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1",
        "title": "Een of meerdere parameters zijn niet correct.",
        "status": 400,
        "detail": "De foutieve parameter(s) zijn niet correct.",
        "instance": "/haalcentraal/api/brp/personen",
        "code": "paramsValidation",
        "invalidParams": [
            {
                "type": "https://www.vng.nl/realisatie/api/validaties/fields",
                # The schema allows only [a-zA-Z0-9._] in a name: "fields.1", not "fields[1]".
                "name": name.replace("[", ".").replace("]", "")[:30],
                "code": "fields" if name.startswith("fields") else "value",
                "reason": "Parameter bevat een niet bestaande veldnaam."
                if name.startswith("fields")
                else "Waarde is niet geldig.",
            }
            for name, _why in invalid
        ],
    }


class BrpServer:
    def __init__(self) -> None:
        self.persons = fixture_persons()
        # None, or a function from the spec-valid answer to what is sent instead.
        self.odd: Callable[[dict], object] | None = None
        self.requests: list[dict] = []
        self.refusals: list[list[tuple[str, str]]] = []  # why each 400 was given
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = make_server("127.0.0.1", self.port, self._app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> "BrpServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()

    def reset(self) -> None:
        self.odd = None
        self.requests.clear()
        self.refusals.clear()

    def _app(self, environ, start_response):
        request = Request(environ)
        body = request.get_json(silent=True)
        self.requests.append({"path": request.path, "headers": dict(request.headers), "json": body})
        if request.method != "POST" or request.path != PATH:
            # As a gateway says it: problem+json, so the portal reads it as a 404, not as junk.
            missing = json.dumps({"title": "Niet gevonden", "status": 404})
            return Response(missing, status=404, mimetype="application/problem+json")(
                environ, start_response
            )
        invalid = brp_spec.request_problems(body)
        if invalid:
            self.refusals.append(invalid)
            payload, status, mimetype = problem(invalid), 400, "application/problem+json"
        else:
            payload, status, mimetype = self.answer(body), 200, "application/json"
            if self.odd is not None:
                payload = self.odd(payload)
        response = Response(json.dumps(payload), status=status, mimetype=mimetype)
        return response(environ, start_response)

    def answer(self, body: dict) -> dict:
        query_type, fields = body["type"], body["fields"]
        if query_type == "RaadpleegMetBurgerservicenummer":
            wanted = body["burgerservicenummer"]
            found = [p for p in self.persons if p.get("burgerservicenummer") in wanted]
        elif query_type == "ZoekMetAdresseerbaarObjectIdentificatie":
            object_id = body["adresseerbaarObjectIdentificatie"]
            found = [
                p
                for p in self.persons
                if (p.get("verblijfplaats") or {}).get("adresseerbaarObjectIdentificatie")
                == object_id
                and (body.get("inclusiefOverledenPersonen") or "overlijden" not in p)
            ]
        else:
            raise NotImplementedError(query_type)  # the portal sends no other query type
        answer = {"type": query_type, "personen": [persoon(p, fields) for p in found]}
        errors = brp_spec.schema_errors(answer, f"{query_type}Response")
        assert not errors, errors  # our own persons must follow the contract
        return answer
