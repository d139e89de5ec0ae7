"""The foundation: settings, security headers, migrations, README (health checks:
tests/operations/test_health.py)."""

import re

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import request, url_for

from portal import create_app
from portal.config import DEV_SECRET_KEY, ROOT, ConfigError
from portal.extensions import db
from portal.models import import_all_models
from tests.support.production import set_production_sign_in


def test_production_refuses_the_development_secret_key(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("PUBLIC_URL", "https://mijn.voorbeeld.example")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"SECRET_KEY": DEV_SECRET_KEY})


def test_production_refuses_debug(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("PUBLIC_URL", "https://mijn.voorbeeld.example")
    with pytest.raises(ConfigError, match="Debug"):
        create_app({"SECRET_KEY": "x" * 40, "DEBUG": True})


def test_production_sets_strict_cookies_and_hsts(monkeypatch, database_url):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("PUBLIC_URL", "https://mijn.voorbeeld.example")
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("DATABASE_URL", database_url)
    set_production_sign_in(monkeypatch)
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_NAME"].startswith("__Host-")
    response = app.test_client().get("/healthz")
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]


def test_every_response_carries_the_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in response.headers


def test_only_static_files_and_public_views_may_be_cached(client):
    """Issue 14, item 11: no-store for everything but static files and what a view marks
    public; JSON, files and redirects included."""
    assert client.get("/healthz").headers["Cache-Control"] == "no-store"
    assert client.get("/mijn-zaken").headers["Cache-Control"] == "no-store"
    static = client.get("/static/css/portal.css")
    assert static.status_code == 200
    assert "no-store" not in static.headers.get("Cache-Control", "")


def test_request_size_is_limited(database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})

    @app.post("/upload-probe")
    def upload_probe():
        return str(len(request.get_data()))

    too_big = b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = app.test_client().post("/upload-probe", data=too_big)
    assert response.status_code == 413


def test_migrations_have_a_single_head(app):
    config = Config()
    config.set_main_option("script_location", app.extensions["migrate"].directory)
    script = ScriptDirectory.from_config(config)
    assert len(script.get_heads()) == 1


def test_models_and_migrations_agree(app):
    import_all_models()
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


# Reads such as os.environ.get, os.getenv, _env_bool and env (portal/auth/settings.py) with
# a literal name, or with an f-string whose literal start names the family (OIDC_CLAIM_...).
ENVIRONMENT_READ = re.compile(
    r"""(?:environ\.get|environ\[|getenv|_env_bool|\benv)\(?\s*f?["']([A-Z][A-Z0-9_]*)"""
)


def test_readme_documents_every_environment_variable():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sources = [
        path
        for folder in ("portal", "scripts", "tests", "e2e")
        for path in (ROOT / folder).rglob("*.py")
    ] + [ROOT / "conftest.py"]
    names = {name for path in sources for name in ENVIRONMENT_READ.findall(path.read_text())}

    assert {"DATABASE_URL", "SECRET_KEY", "OIDC_CLAIM_", "CHROMIUM_PATH"} <= names  # found
    assert sorted(name for name in names if f"`{name}" not in readme) == []


# POST routes that are not browser forms and authenticate otherwise, with the reason.
CSRF_EXEMPT = {
    # Open311 GeoReport v2: report apps post with an api_key, not from a page of ours.
    "open311.create_request",
    # A payment provider's webhook carries only an id, which the portal checks with the provider.
    "payments.webhook",
}


def test_every_post_route_refuses_a_form_without_csrf_token(app, client):
    """A form posted without its token (another site's form, an expired page) changes
    nothing: it gets the "page open too long" page instead."""
    post_rules = [
        rule
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods and rule.endpoint not in CSRF_EXEMPT
    ]
    assert len(post_rules) > 5

    accepted = []
    for rule in post_rules:
        url = url_for(rule.endpoint, **dict.fromkeys(rule.arguments, "1"))
        response = client.post(url, data={"omschrijving": "test"})
        if response.status_code != 400 or "De pagina was te lang open" not in response.text:
            accepted.append((url, response.status_code))
    assert accepted == []
