"""A local OpenID Connect provider for development and tests: never for production.

It speaks real OIDC (authorization code with PKCE) over HTTP, with three realms that are each
their own issuer: `/digid`, `/eherkenning` and `/medewerkers`. On the sign-in page a person
picks a test persona (see `personas.py`). Storage is in memory; run one process.
"""

from urllib.parse import urlsplit, urlunsplit

from flask import Flask, Response, g

from portal.testprovider.personas import DIGID, EHERKENNING, MEDEWERKERS, PERSONAS, persona
from portal.testprovider.realms import REALMS
from portal.testprovider.server import RealmServer
from portal.testprovider.storage import Client
from portal.testprovider.views import bp

__all__ = ["PERSONAS", "create_provider_app", "default_clients", "persona"]

DEFAULT_PORTAL_URL = "http://127.0.0.1:5000"
DEFAULT_CLIENT_SECRET = "dev-secret-not-for-production"  # noqa: S105 - a known test value

_CALLBACKS = {
    DIGID: ("/inloggen/digid/callback", "/uitgelogd"),
    EHERKENNING: ("/inloggen/eherkenning/callback", "/uitgelogd"),
    MEDEWERKERS: ("/medewerkers/inloggen/callback", "/medewerkers/uitgelogd"),
}


def default_clients(portal_url: str = DEFAULT_PORTAL_URL) -> list[dict]:
    """One client per realm for the portal at `portal_url`, reachable as 127.0.0.1 or localhost."""
    bases = _with_loopback_twin(portal_url.rstrip("/"))
    return [
        {
            "realm": realm,
            "client_id": f"mijngemeente-{realm}",
            "client_secret": DEFAULT_CLIENT_SECRET,
            "redirect_uris": [base + callback for base in bases],
            "post_logout_redirect_uris": [base + logged_out for base in bases],
        }
        for realm, (callback, logged_out) in _CALLBACKS.items()
    ]


def create_provider_app(clients: list[dict] | None = None, token_lifetime: int = 300) -> Flask:
    """The provider as a WSGI app. `clients` replaces the defaults; `token_lifetime` (seconds)
    sets the lifetime of ID tokens and access tokens."""
    registered = [
        Client.from_config(c) for c in (default_clients() if clients is None else clients)
    ]
    unknown = {c.realm for c in registered} - REALMS.keys()
    if unknown:
        raise ValueError(f"Unknown realm(s) in clients: {', '.join(sorted(unknown))}")

    app = Flask(__name__)
    app.extensions["testprovider"] = {
        realm_id: RealmServer(realm, [c for c in registered if c.realm == realm_id], token_lifetime)
        for realm_id, realm in REALMS.items()
    }
    app.register_blueprint(bp)
    app.after_request(_security_headers)
    return app


def _with_loopback_twin(url: str) -> list[str]:
    parts = urlsplit(url)
    twins = {"127.0.0.1": "localhost", "localhost": "127.0.0.1"}
    if parts.hostname not in twins:
        return [url]
    netloc = twins[parts.hostname] + (f":{parts.port}" if parts.port else "")
    return [url, urlunsplit(parts._replace(netloc=netloc))]


def _security_headers(response: Response) -> Response:
    form_action = " ".join(filter(None, ["'self'", g.get("form_action_origin")]))
    headers = response.headers
    headers.setdefault(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
        f"form-action {form_action}; frame-ancestors 'none'",
    )
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Frame-Options", "DENY")
    if response.mimetype == "text/html":
        headers.setdefault("Cache-Control", "no-store")
    return response
