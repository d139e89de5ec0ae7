"""Rate limits on what a person can make the portal do again and again: start a sign-in, send
an e-mail to any address, file a report, a question or a call-back request, upload files, search
in the back office (Flask-Limiter).

Views say which kind of limit they fall under with `@limited("kind")`, placed right under the
route decorator. Each app gets its own limiter (tests build many apps), which wraps the marked
views when the blueprints are registered. Counters are kept per account when someone is signed
in, else per IP address; behind a proxy the address comes from X-Forwarded-For only when
`PROXY_FIX_X_FOR` says how many proxies to trust.

Counters live in memory by default and in Redis in production (`RATELIMIT_STORAGE_URI=redis://…`).
When Redis is down the portal keeps serving: it logs the failure and counts in memory instead.
A request over the limit gets the "Te veel pogingen" page with status 429 and `Retry-After`.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

from flask import Flask, current_app, g, render_template, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wrappers import Response

log = logging.getLogger(__name__)

# Per kind: the limits (Flask-Limiter notation, ";" between limits). Overridable per kind with
# the setting RATELIMIT_<KIND>, e.g. RATELIMIT_MAIL="3 per hour".
DEFAULT_LIMITS = {
    "sign_in": "10 per minute;60 per hour",
    "mail": "5 per hour;20 per day",
    "report": "10 per hour;50 per day",
    "question": "10 per hour;30 per day",
    "callback": "10 per hour;30 per day",
    "upload": "60 per hour",
    "search": "120 per minute",
    # A payment provider's calls come from few addresses; this only bounds a flood.
    "webhook": "300 per minute",
}
# When Redis cannot be reached, every page is limited in memory by this per account or address.
FALLBACK_LIMIT = "300 per minute"
MARK = "rate_limit_kind"


def files_sent() -> int:
    """Uploads count per file, so a form step sent without files costs nothing."""
    return sum(1 for _name, storage in request.files.items(multi=True) if storage.filename)


def was_sent(response: Response) -> bool:
    """A form that was sent redirects; one sent back with a mistake to fix costs nothing."""
    return response.status_code in (302, 303)


COSTS: dict[str, Callable[[], int]] = {"upload": files_sent}
# Kinds counted only when the form was really sent (checked before, counted after).
SENT_ONLY = ("mail", "report", "question", "callback")


def limited(kind: str, methods: tuple[str, ...] = ("POST",)) -> Callable:
    """Mark a view as limited by `kind`, for the given methods (default: only sending counts,
    so reading a form again and again is never refused)."""
    if kind not in DEFAULT_LIMITS:
        raise ValueError(f"unknown rate limit kind {kind!r}")

    def mark(view: Callable) -> Callable:
        setattr(view, MARK, (kind, methods))
        return view

    return mark


def client_key() -> str:
    """The signed-in account, else the IP address: a person behind a shared address (an office,
    a library) who signs in gets counters of their own."""
    # Imported here: portal.auth's views import this module for `limited`.
    from portal.auth.pseudonym import pseudonym

    principal = g.get("principal")
    if principal is not None:
        if principal.is_staff:
            return "staff:" + pseudonym(principal.staff_id)
        party = principal.own_party
        if party is not None:
            who = f"{party.kind}:{party.identifier}:{principal.acting_subject or ''}"
            return "account:" + pseudonym(who)
    return "ip:" + (request.remote_addr or "unknown")


def init_app(app: Flask) -> None:
    """Call after the blueprints are registered: the marked views are wrapped here."""
    config = app.config
    if config.get("RATELIMIT_ENABLED") is None:
        # Tests post many forms; a test that is about limits turns them on.
        config["RATELIMIT_ENABLED"] = not app.testing
    config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK", FALLBACK_LIMIT)
    config.setdefault("RATELIMIT_KEY_PREFIX", "mijngemeente")
    proxies = int(config.get("PROXY_FIX_X_FOR") or 0)
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies)

    limiter = Limiter(key_func=client_key)
    limiter.logger = log  # storage failures are logged where the portal's logs go
    limiter.init_app(app)
    app.extensions["portal_limiter"] = limiter
    for endpoint, view in list(app.view_functions.items()):
        marked = getattr(view, MARK, None)
        if marked is None:
            continue
        kind, methods = marked
        app.view_functions[endpoint] = limiter.shared_limit(
            _limit_for(kind),
            scope=kind,
            methods=list(methods),
            cost=COSTS.get(kind, 1),
            deduct_when=was_sent if kind in SENT_ONLY else None,
        )(view)
    app.register_error_handler(RateLimitExceeded, too_many_attempts)


def _limit_for(kind: str) -> Callable[[], str]:
    def value() -> str:
        return current_app.config.get(f"RATELIMIT_{kind.upper()}") or DEFAULT_LIMITS[kind]

    return value


def retry_after_seconds() -> int:
    limit = current_app.extensions["portal_limiter"].current_limit
    if limit is None:
        return 60
    return max(1, int(limit.reset_at - time.time()))


def too_many_attempts(error: RateLimitExceeded) -> Response:
    seconds = retry_after_seconds()
    log.warning("rate limit %s reached on %s", error.limit.limit, request.endpoint)
    html = render_template("errors/429.html", retry_minutes=max(1, math.ceil(seconds / 60)))
    response = Response(html, status=429, mimetype="text/html")
    response.headers["Retry-After"] = str(seconds)
    return response
