"""The Open311 GeoReport v2 API under /open311/v2, so report apps (FixMyStreet-style
clients) can list services, read reports and file new ones. Every resource is offered as
.xml (required by the spec) and .json; errors are the spec's error list with 400, 403 or 404.

GET needs no key. POST needs an `api_key` from OPEN311_API_KEYS; it is exempt from CSRF
because it is an API call authenticated by that key, not a browser form.
The rules live in `portal.reports.georeport` (GET) and `georeport_post` (POST); this
module parses and responds.
"""

from __future__ import annotations

import logging

from flask import current_app, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.extensions import csrf, db
from portal.main.contact import GEMEENTE_VOORBEELD
from portal.reports import georeport, georeport_post
from portal.reports.blueprints import open311 as bp
from portal.reports.open311_format import FORMATS, Open311Error, error_response, respond

log = logging.getLogger(__name__)
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Open311Error(404, _("Kies het formaat xml of json."))
    return fmt


@bp.errorhandler(Open311Error)
def _open311_error(error: Open311Error) -> Response:
    return error_response(
        request.view_args.get("fmt", "xml") if request.view_args else "xml", error
    )


@bp.get("/discovery.<fmt>")
def discovery(fmt: str) -> Response:
    fmt = _format(fmt)
    # The base URL clients append "/services.xml" etc. to.
    endpoint = url_for("open311.services", fmt="xml", _external=True).rsplit("/", 1)[0]
    contact = current_app.config["MUNICIPALITY_NAME"]
    changeset = georeport.changeset()
    data = {
        "changeset": changeset,
        "contact": _(
            "%(name)s, telefoon %(phone)s, e-mail %(email)s.",
            name=contact,
            phone=GEMEENTE_VOORBEELD.phone,
            email=GEMEENTE_VOORBEELD.email,
        ),
        "key_service": _(
            "Vraag een API-sleutel aan via %(email)s.", email=GEMEENTE_VOORBEELD.email
        ),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": endpoint,
                "changeset": changeset,
                "type": "production"
                if current_app.config.get("PORTAL_ENV") == "production"
                else "test",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return respond(fmt, "discovery", data)


@bp.get("/services.<fmt>")
def services(fmt: str) -> Response:
    return respond(_format(fmt), "services", georeport.services())


@bp.get("/services/<service_code>.<fmt>")
def service_definition(service_code: str, fmt: str) -> Response:
    fmt = _format(fmt)
    return respond(fmt, "service_definition", georeport.service_definition(service_code[:60]))


@bp.get("/requests.<fmt>")
def list_requests(fmt: str) -> Response:
    fmt = _format(fmt)
    return respond(fmt, "service_requests", georeport.find_requests(request.args))


@bp.get("/requests/<service_request_id>.<fmt>")
def service_request(service_request_id: str, fmt: str) -> Response:
    fmt = _format(fmt)
    return respond(fmt, "service_requests", georeport.get_request(service_request_id))


@bp.get("/tokens/<token>.<fmt>")
def token_request(token: str, fmt: str) -> Response:
    fmt = _format(fmt)
    return respond(fmt, "service_requests", georeport.request_for_token(token[:100]))


@bp.post("/requests.<fmt>")
@csrf.exempt
def create_request(fmt: str) -> Response:
    fmt = _format(fmt)
    if not georeport.valid_api_key(request.form.get("api_key")):
        raise Open311Error(403, _("De api_key ontbreekt of klopt niet."))
    report, case = georeport_post.create_request(request.form)
    db.session.commit()
    log.info("open311 report filed", extra={"report": report.id, "source": "open311"})
    return respond(fmt, "service_requests", georeport_post.created_fields(report, case))
