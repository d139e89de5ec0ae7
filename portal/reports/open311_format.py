"""Open311 GeoReport v2 responses as XML and JSON, and its error list.

The spec's JSON is a mapping of its XML (the "Spark convention"): a list in JSON is an
element of plural name in XML with one child per item, named in the singular
(`<services><service>…`, `<service_requests><request>…`). Both are built from the same
Python data here, so the two formats cannot drift apart.

XML is built with xml.etree (escaped, well formed) and carries the XML declaration with
UTF-8; characters XML 1.0 cannot hold are left out of text.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time
from xml.etree import ElementTree

from flask import Response

from portal.cases.services import AMSTERDAM

FORMATS = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}
# The child element of each list, by the list's element name.
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Open311Error(Exception):
    """A request the API cannot fulfil: `status` is the HTTP status (400, 403, 404), the
    description is shown to the person using the app."""

    def __init__(self, status: int, description: str, code: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.code = code or status
        self.description = description


def w3_datetime(moment: datetime | None) -> str | None:
    """Stored naive UTC → "2010-01-01T00:00:00Z" (the w3 subset of ISO 8601 with a zone)."""
    if moment is None:
        return None
    return moment.replace(microsecond=0).isoformat() + "Z"


def w3_date(day: date | None) -> str | None:
    """A day (a norm's end date, a planned date) as the start of that day in the
    municipality, with its offset: "2025-12-03T00:00:00+01:00"."""
    if day is None:
        return None
    return datetime.combine(day, time(0, 0), tzinfo=AMSTERDAM).isoformat()


def parse_w3(value: str) -> datetime:
    """A w3 datetime with its zone → naive UTC; ValueError for anything else."""
    moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None or not 2000 <= moment.year <= 2100:
        raise ValueError(value)
    return moment.astimezone(UTC).replace(tzinfo=None)


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_IN_XML.sub("", str(value))


def _append(parent: ElementTree.Element, name: str, value) -> None:
    element = ElementTree.SubElement(parent, name)
    _fill(element, name, value)


def _fill(element: ElementTree.Element, name: str, value) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _append(element, key, item)
    elif isinstance(value, list):
        for item in value:
            _append(element, ITEM_NAMES[name], item)
    else:
        element.text = _text(value)


def to_xml(root: str, data) -> bytes:
    element = ElementTree.Element(root)
    _fill(element, root, data)
    return ElementTree.tostring(element, encoding="utf-8", xml_declaration=True)


def respond(fmt: str, root: str, data, status: int = 200) -> Response:
    """`data` is a list (root is its plural element) or a dict (root is its element)."""
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    else:
        body = to_xml(root, data)
    return Response(body, status=status, content_type=FORMATS.get(fmt, FORMATS["xml"]))


def error_response(fmt: str, error: Open311Error) -> Response:
    errors = [{"code": error.code, "description": error.description}]
    return respond(fmt if fmt in FORMATS else "xml", "errors", errors, status=error.status)
