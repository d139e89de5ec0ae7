"""The published specifications kept in tests/registries/fixtures/, loaded for a local server.

`spec(path, base_url)` is the OpenAPI file with its `servers` pointed at `base_url`, so
openapi-core can check requests to and answers from 127.0.0.1. A small werkzeug server base
records every exchange for the contract tests.
"""

import json
import threading
from dataclasses import dataclass
from pathlib import Path

import yaml
from openapi_core import Config, OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from portal.devtools.smtp_catcher import free_port

FIXTURES = Path(__file__).parent / "fixtures"
# Headers any HTTP client sends on its own; everything else must be in the specification.
PLAIN_HTTP = {"host", "user-agent", "accept", "accept-encoding", "connection", "content-length"}


def load(name: str) -> dict:
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))


def spec(name: str, base_url: str) -> tuple[dict, OpenAPI]:
    data = load(name)
    data["servers"] = [{"url": base_url}]
    # Both registers answer in JSON media types openapi-core does not know by name.
    config = Config(
        extra_media_type_deserializers={
            "application/hal+json": json.loads,
            "application/problem+json": json.loads,
        }
    )
    return data, OpenAPI.from_dict(data, config=config)


def documented_headers(data: dict) -> set[str]:
    """Header parameters and API-key headers the specification names, lower case."""
    names = {
        scheme["name"].lower()
        for scheme in data.get("components", {}).get("securitySchemes", {}).values()
        if scheme.get("in") == "header"
    }
    for item in data["paths"].values():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if "$ref" in parameter:
                    parameter = data["components"]["parameters"][parameter["$ref"].split("/")[-1]]
                if parameter.get("in") == "header":
                    names.add(parameter["name"].lower())
    return names


@dataclass
class Exchange:
    request: Request
    response: Response

    @property
    def openapi_request(self) -> WerkzeugOpenAPIRequest:
        return WerkzeugOpenAPIRequest(self.request)

    @property
    def openapi_response(self) -> WerkzeugOpenAPIResponse:
        return WerkzeugOpenAPIResponse(self.response)


class SpecServer:
    """A threaded werkzeug server on a free port; subclasses answer in `answer(request)`.

    `override` maps a path to a (status, JSON text) to serve instead: answers in a wrong
    shape, to see the adapter refuse them."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.exchanges: list[Exchange] = []
        self.override: dict[str, tuple[int, str]] = {}
        self._server = make_server("127.0.0.1", self.port, self._app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()

    def reset(self) -> None:
        self.exchanges.clear()
        self.override.clear()

    def _app(self, environ, start_response):
        request = Request(environ)
        if request.path in self.override:
            status, text = self.override[request.path]
            response = Response(text, status=status, mimetype="application/hal+json")
        else:
            response = self.answer(request)
        self.exchanges.append(Exchange(request, response))
        return response(environ, start_response)

    def answer(self, request: Request) -> Response:
        raise NotImplementedError
