"""Fixtures for the hardening tests: an app with rate limits turned on and set low, so a test
reaches them in a few requests. The shared `app` fixture keeps them off."""

import pytest

from portal import create_app
from portal.extensions import db
from tests.conftest import test_config
from tests.support.client import PortalClient
from tests.support.database import empty_all_tables

LOW_LIMITS = {
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_SIGN_IN": "3 per minute",
    "RATELIMIT_MAIL": "2 per hour",
    "RATELIMIT_REPORT": "2 per hour",
    "RATELIMIT_QUESTION": "2 per hour",
    "RATELIMIT_CALLBACK": "2 per hour",
    "RATELIMIT_UPLOAD": "2 per hour",
    "RATELIMIT_SEARCH": "3 per minute",
}


def limited_app_for(database_url, oidc_provider, tmp_path, **extra):
    app = create_app(
        {
            **test_config(database_url),
            "FILE_STORE_PATH": str(tmp_path / "files"),
            "OIDC_PROVIDER_URL": oidc_provider.url,
            **LOW_LIMITS,
            **extra,
        }
    )
    app.test_client_class = PortalClient
    return app


@pytest.fixture
def limited_app(database_url, oidc_provider, tmp_path):
    app = limited_app_for(database_url, oidc_provider, tmp_path)
    with app.app_context():
        yield app
        empty_all_tables()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def limited_client(limited_app):
    return limited_app.test_client()
