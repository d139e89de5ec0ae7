"""Calm error pages in plain Dutch: what happened, what you can do, how to reach us.

Errors a user cannot cause are logged by Flask (without form data) before the 500 page is
shown. A form posted with an expired or missing CSRF token (the page was open too long, or
the user was signed out meanwhile) gets a 400 page that shows back what was typed, so
nothing is lost; secrets and identifiers (passwords, tokens, BSN) are never shown back.

A failure can leave the database transaction broken, and the layout may read the database
(the account menu); the 500 page therefore starts with a rollback, and when even the layout
cannot be shown, a plain page without the layout takes its place.

When the database cannot be reached (it restarts, a connection was cut) the request gets the
same page with 503 and Retry-After: its transaction was never committed, so nothing of it is
half-saved, and the next request gets a fresh connection (the pool pings before lending one).
"""

import re
from urllib.parse import urlsplit

from flask import Flask, current_app, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable
from werkzeug.wrappers import Response

from portal.auth import load_principal_for_error_page
from portal.extensions import db
from portal.main.contact import GEMEENTE_VOORBEELD
from portal.main.views import is_local_path

ERROR_PAGES = (400, 403, 404, 405, 413, 429, 500)
# Field names never shown back on the "page open too long" page.
NEVER_SHOWN = re.compile(r"pass|csrf|token|secret|bsn|pin|iban", re.IGNORECASE)


def init_app(app: Flask) -> None:
    for code in ERROR_PAGES:
        app.register_error_handler(code, _error_page)
    app.register_error_handler(CSRFError, _form_expired_page)
    app.register_error_handler(OperationalError, _database_unavailable)


# Shown only when the layout itself fails, so it leans on nothing that could have failed:
# no template, no translation catalogue, no database.
BARE_500_PAGE = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Er ging iets mis bij ons – {municipality}</title>
<link rel="stylesheet" href="{stylesheet}">
</head>
<body>
<main id="main" class="page-width">
<h1>Er ging iets mis bij ons</h1>
<p>Dit is onze fout, niet die van u. Probeer het over een paar minuten opnieuw.</p>
<p><a href="/">Ga naar de startpagina</a>. Lukt het niet? Bel ons op
<a href="tel:{phone_dial}">{phone}</a>.</p>
</main>
</body>
</html>
"""


def _error_page(error: HTTPException) -> Response:
    code = error.code or 500
    template = f"errors/{code}.html" if code in ERROR_PAGES else "errors/500.html"
    if code < 500:
        load_principal_for_error_page()
        return _response(render_template(template, form_path=form_page()), code, error)
    try:
        db.session.rollback()
        html = render_template(template)
    except Exception:
        current_app.logger.exception("The error page could not be shown; showing the bare one")
        html = _bare_500_page()
    return _response(html, code, error)


def _database_unavailable(error: OperationalError) -> Response:
    # Only the driver's error class: the message can quote the statement and its values.
    reason = type(error.orig).__name__
    if not error.connection_invalidated:
        # SQLite reports a wrong query as an OperationalError too: that is our bug, not an outage.
        current_app.logger.error("Database error (%s); answered 500", reason)
        return _error_page(InternalServerError())
    current_app.logger.error("Database unavailable (%s); answered 503", reason)
    return _error_page(ServiceUnavailable(retry_after=30))


def _bare_500_page() -> str:
    return BARE_500_PAGE.format(
        municipality=escape(current_app.config.get("MUNICIPALITY_NAME", "")),
        stylesheet=url_for("static", filename="css/portal.css"),
        phone=GEMEENTE_VOORBEELD.phone,
        phone_dial=GEMEENTE_VOORBEELD.phone_dial,
    )


def _form_expired_page(error: CSRFError) -> Response:
    load_principal_for_error_page()
    typed = submitted_text(request.form) if _posted_from_this_site() else []
    html = render_template("errors/csrf.html", typed=typed, form_path=form_page())
    return _response(html, 400, error)


def _posted_from_this_site() -> bool:
    """Only a form of this site gets its text shown back. A page elsewhere can post any text
    here without a valid token; showing it would put that text on our pages (issue 14,
    item 12). Browsers say where a post came from in Sec-Fetch-Site and Origin."""
    if request.method != "POST":
        return False
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = urlsplit(request.headers.get("Origin", ""))
    return bool(origin.netloc) and origin.netloc == request.host


def form_page() -> str | None:
    """The page that showed the form: the referring page on this site, else the posted
    address when it also answers GET, else None (some forms post to an address of their own)."""
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc == request.host:
        path = referrer.path + (f"?{referrer.query}" if referrer.query else "")
        if is_local_path(path):
            return path
    adapter = current_app.url_map.bind(request.host)
    return request.path if adapter.test(request.path, method="GET") else None


def submitted_text(form) -> list[tuple[str, str]]:
    """The text fields a user filled in, as (name, value), without secrets or identifiers."""
    shown = []
    for name in form:
        if NEVER_SHOWN.search(name):
            continue
        values = [value.strip() for value in form.getlist(name) if value.strip()]
        if values:
            shown.append((_readable(name), ", ".join(values)))
    return shown


def _readable(name: str) -> str:
    words = re.sub(r"[_\-\[\].]+", " ", name).strip()
    return words[:1].upper() + words[1:]


def _response(html: str, code: int, error: HTTPException) -> Response:
    response = Response(html, status=code, mimetype="text/html")
    # Keep what the error says to clients: Allow for 405, Retry-After for 429.
    for header, value in error.get_headers():
        if header.lower() != "content-type":
            response.headers[header] = value
    return response
