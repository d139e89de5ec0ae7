"""The rules behind the Open311 GeoReport v2 API (`open311_api` parses and responds).

Mapping to our model:
- service = an active report subcategory (service_code = its slug; group = its main
  category). Its extra questions (`forms/meldingen/`) are the service definition's attributes.
- service request = a report; service_request_id = `Report.id`, the same public id as the
  overview "Meldingen in de buurt" (never the case number, see `portal.reports.public`).
- GET responses show what the public overview shows and nothing more (`public`): no
  contact details, no description, coordinates rounded to street level.
- POST: `georeport_post`.

Services are "realtime": a POST answers with the service_request_id. The token endpoint
resolves the token in the case's idempotency key ("open311:<token>") for clients that ask.
"""

from __future__ import annotations

import hmac
import re
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from portal.cases.services import get_case_by_key, now
from portal.components.numbers import whole_number
from portal.extensions import db
from portal.reports import public
from portal.reports.categories import Category, get_category, subcategories
from portal.reports.filing import report_for_case
from portal.reports.models import Report, ReportCategory
from portal.reports.open311_format import Open311Error, parse_w3, w3_date, w3_datetime
from portal.reports.questions import questions_for
from portal.reports.texts import PLANNED

# GeoReport v2's default window and our bounded page (the spec allows 1000; we page).
WINDOW = timedelta(days=90)
PAGE_SIZE = 100
PAGE_SIZE_MAX = 200
MAX_IDS = 100
MAX_ID = 2_147_483_647
TOKEN_PREFIX = "open311:"  # noqa: S105 - a key prefix, not a secret
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
DATATYPES = {
    "text": "string",
    "email": "string",
    "tel": "string",
    "textarea": "text",
    "number": "number",
    "radio": "singlevaluelist",
    "select": "singlevaluelist",
    "boolean": "singlevaluelist",
    "checkboxes": "multivaluelist",
}


def bad(description: str) -> Open311Error:
    return Open311Error(400, description)


def valid_api_key(given: str | None) -> bool:
    """Compare with every configured key in constant time (no early exit on a match)."""
    keys = current_app.config.get("OPEN311_API_KEYS") or ()
    candidate = (given or "").encode()
    matched = False
    for key in keys:
        matched |= hmac.compare_digest(candidate, key.encode())
    return matched and bool(candidate)


def changeset() -> str:
    """When the services last changed (a category edited), for discovery's `changeset`:
    clients re-read the service list when it moves."""
    latest = db.session.scalar(select(func.max(ReportCategory.updated_at)))
    return w3_datetime(latest) or "2025-01-01T00:00:00Z"


def _service(category: Category) -> dict:
    return {
        "service_code": category.slug,
        "service_name": category.name,
        "description": category.hint,
        "metadata": questions_for(category.slug) is not None,
        "type": "realtime",
        "keywords": ", ".join(category.keywords),
        "group": category.group_name,
    }


def services() -> list[dict]:
    return [_service(category) for category in subcategories()]


def _values(item) -> list[dict]:
    if item.kind == "boolean":
        return [{"key": "true", "name": _("Ja")}, {"key": "false", "name": _("Nee")}]
    return [{"key": choice.value, "name": str(choice.label)} for choice in item.choices]


def service_definition(service_code: str) -> dict:
    category = get_category(service_code)
    if category is None:
        raise Open311Error(404, _("Deze soort melding kennen wij niet."))
    questions = questions_for(category.slug)
    attributes = []
    for order, item in enumerate(questions.fields if questions else (), start=1):
        attribute = {
            "variable": True,
            "code": item.name,
            "datatype": DATATYPES.get(item.kind, "string"),
            "required": item.required is not None,
            "datatype_description": str(item.hint) if item.hint else None,
            "order": order,
            "description": str(item.label),
        }
        if attribute["datatype"].endswith("valuelist"):
            attribute["values"] = _values(item)
        attributes.append(attribute)
    return {"service_code": category.slug, "attributes": attributes}


def _status_notes(report: public.PublicReport) -> str:
    if report.status == PLANNED and report.planned_for:
        day = format_date(report.planned_for, "d MMMM y")
        return _("%(status)s op %(date)s", status=report.status_label, date=day)
    if report.forwarded_to:
        return _("Doorgestuurd naar %(organisation)s", organisation=report.forwarded_to)
    return report.status_label


def request_fields(report: public.PublicReport) -> dict:
    place = ", ".join(part for part in (report.street, report.area) if part)
    photo = report.photos[0].url if report.photos else None
    return {
        "service_request_id": str(report.id),
        "status": "open" if report.is_open else "closed",
        "status_notes": _status_notes(report),
        "service_name": report.category_name,
        "service_code": report.category_slug,
        "description": None,
        "agency_responsible": report.forwarded_to or current_app.config["MUNICIPALITY_NAME"],
        "service_notice": None,
        "requested_datetime": w3_datetime(report.created_at),
        "updated_datetime": w3_datetime(report.closed_at or report.updated_at),
        "expected_datetime": w3_date(report.planned_for or report.expected_completion),
        "address": place or None,
        "address_id": None,
        "zipcode": None,
        "lat": report.latitude,
        "long": report.longitude,
        "media_url": photo,
    }


def _ids(text: str) -> list[int]:
    parts = [part.strip() for part in text.split(",") if part.strip()]
    numbers = [whole_number(part, max_digits=10) for part in parts]
    if len(parts) > MAX_IDS or None in numbers:
        raise bad(_("Geef service_request_id als nummers, gescheiden door komma's."))
    return [number for number in numbers if number <= MAX_ID]


def _moment(args: MultiDict, name: str) -> datetime | None:
    value = args.get(name, "")
    if not value:
        return None
    try:
        return parse_w3(value[:40])
    except (ValueError, OverflowError):
        message = _("Geef %(name)s als datum en tijd, zoals 2025-01-31T00:00:00Z.", name=name)
        raise bad(message) from None


def _page_size(args: MultiDict) -> tuple[int, int]:
    try:
        page = int(args.get("page", "1")[:6] or 1)
        size = int(args.get("page_size", str(PAGE_SIZE))[:6] or PAGE_SIZE)
    except ValueError:
        raise bad(_("Geef page en page_size als hele getallen.")) from None
    if page < 1 or not 1 <= size <= PAGE_SIZE_MAX:
        raise bad(_("page_size moet tussen 1 en %(max)s liggen.", max=PAGE_SIZE_MAX))
    return page, size


def find_requests(args: MultiDict) -> list[dict]:
    """GET requests with the spec's filters; service_request_id overrides the others."""
    query = public.visible_query(include_closed_days=None)
    ids_text = args.get("service_request_id", "")
    page, size = _page_size(args)
    if ids_text:
        query = query.where(Report.id.in_(_ids(ids_text)))
    else:
        end = _moment(args, "end_date") or now()
        start = _moment(args, "start_date") or end - WINDOW
        if start > end or end - start > WINDOW:
            raise bad(_("Kies een periode van hoogstens 90 dagen, met het begin voor het eind."))
        query = query.where(Report.created_at >= start, Report.created_at <= end)
        codes = [code.strip() for code in args.get("service_code", "").split(",") if code.strip()]
        if codes:
            known = {category.slug for category in subcategories()}
            query = query.where(Report.category_slug.in_([c for c in codes if c in known]))
        statuses = {part.strip() for part in args.get("status", "").split(",") if part.strip()}
        if not statuses <= {"open", "closed"}:
            raise bad(_("Kies als status open of closed."))
        if len(statuses) == 1:
            query = query.where(Report.is_open.is_("open" in statuses))
    query = query.order_by(Report.created_at.desc(), Report.id.desc())
    rows = db.session.scalars(query.offset((page - 1) * size).limit(size))
    return [request_fields(report) for report in public.convert(list(rows))]


def get_request(text_id: str) -> list[dict]:
    report_id = whole_number(text_id, max_digits=10) or 0
    found = public.get_public(report_id) if 0 < report_id <= MAX_ID else None
    if found is None:
        raise Open311Error(404, _("Deze melding bestaat niet of is niet openbaar."))
    return [request_fields(found)]


def request_for_token(token: str) -> list[dict]:
    case = get_case_by_key(TOKEN_PREFIX + token) if _TOKEN.match(token) else None
    report = report_for_case(case) if case is not None else None
    if report is None:
        raise Open311Error(404, _("Deze token kennen wij niet."))
    return [{"service_request_id": str(report.id), "token": token}]
