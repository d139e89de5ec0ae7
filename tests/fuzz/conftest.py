"""Fixtures for the fuzz suite: Hypothesis profiles, an app with demo data and CSRF off (CSRF has
its own tests; here every example goes straight to the form's URL), and signed-in clients.

Profiles, all derandomized so runs are reproducible: "ci" (the default) posts 50 examples per
form, what fits CI's time on two cores; "full" posts the issue's 1,000 per form (20–50 minutes a
database; run it by hand: HYPOTHESIS_PROFILE=full); "smoke" posts 5.
"""

import os

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings

from portal.cli import load_demo_data
from portal.extensions import db
from tests.support.auth import sign_in as sign_in_persona

_COMMON = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "print_blob": True,
    "suppress_health_check": list(HealthCheck),
}
settings.register_profile("full", max_examples=1000, **_COMMON)
settings.register_profile("ci", max_examples=50, **_COMMON)
settings.register_profile("quick", max_examples=50, **_COMMON)
settings.register_profile("smoke", max_examples=5, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def fuzz_app(app):
    """The shared app (emptied before and after) with all demo data and CSRF off."""
    app.config["WTF_CSRF_ENABLED"] = False
    # Plain client: the careful PortalClient parses every page, which costs more than the post.
    app.test_client_class = FlaskClient
    load_demo_data()
    db.session.commit()
    return app


@pytest.fixture
def signed_in(fuzz_app):
    """`signed_in("inwoner")`: a new client of the fuzz app, signed in as that persona."""

    def client_for(persona_id: str | None = None):
        client = fuzz_app.test_client()
        if persona_id:
            response = sign_in_persona(client, persona_id)
            assert response.status_code in (302, 303), response.get_data(as_text=True)[:300]
        return client

    return client_for
