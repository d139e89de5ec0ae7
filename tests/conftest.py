"""Fixtures for unit and integration tests: an app on a real, migrated database that is
emptied after every test, and a client that posts forms with their CSRF token."""

import pytest
from flask_migrate import upgrade

from portal import create_app
from portal.devtools.services import start_oidc_provider
from portal.extensions import db
from tests.support.auth import sign_in as sign_in_persona
from tests.support.client import PortalClient
from tests.support.database import empty_all_tables, session_database


def test_config(database_url: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-0123456789abcdef0123456789",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SERVER_NAME": "localhost",
        "SMTP_PORT": 1,  # nothing listens: a test that needs mail starts its own catcher
        # Every request reads the catalogue's generation, as the query-count tests expect;
        # tests/catalog/test_generation_check.py tests the production default.
        "CATALOG_CHECK_SECONDS": 0,
        # Figures counted on every view; tests/dashboard/test_kept_figures.py keeps them.
        "DASHBOARD_KEEP_SECONDS": 0,
    }


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    with session_database(tmp_path_factory.mktemp("db")) as url:
        app = create_app(test_config(url))
        with app.app_context():
            upgrade(revision="heads")
            db.session.remove()
            db.engine.dispose()
        yield url


@pytest.fixture(scope="session")
def oidc_provider():
    """The local OIDC test provider over real HTTP, for the test client's host (localhost)."""
    provider = start_oidc_provider("http://localhost")
    yield provider
    provider.stop()


@pytest.fixture
def app(database_url, oidc_provider, tmp_path):
    app = create_app(
        {
            **test_config(database_url),
            "FILE_STORE_PATH": str(tmp_path / "files"),
            "OIDC_PROVIDER_URL": oidc_provider.url,
        }
    )
    app.test_client_class = PortalClient
    with app.app_context():
        # Also before: a test without this fixture (a gunicorn or worker process on the same
        # database) may have left rows, and xdist runs files in any order.
        empty_all_tables()
        yield app
        empty_all_tables()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def sign_in(client):
    """Sign the test client in for real as a persona of the local OIDC provider:
    `sign_in("inwoner")`; returns the client."""

    def sign_in_as(persona_id: str):
        response = sign_in_persona(client, persona_id)
        assert response.status_code in (302, 303), response.get_data(as_text=True)[:300]
        return client

    return sign_in_as
