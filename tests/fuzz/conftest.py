"""Fixtures for the fuzz suite: Hypothesis profiles, an app with demo data and CSRF off (CSRF has
its own tests and one fuzz test with it on; here every example goes straight to the form's URL),
and signed-in clients.

Profiles, all derandomized (the same examples every run), without Hypothesis's example database
(CI writes nothing) and without deadline (a shared CI machine is slow at times):
"ci" (the default, what `make test` runs) posts 200 examples per form; "full" posts the issue's
1,000 per form, by hand: HYPOTHESIS_PROFILE=full; "smoke" posts 5.

Why 200 and not 1,000: each example is one real request with the page rendered again, about
10-30 ms on one core, and there are about 80 forms, so 1,000 per form is 80,000 requests:
15-40 minutes a database. 200 per form keeps the suite near 4 minutes a database on two cores.
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
settings.register_profile("ci", max_examples=200, **_COMMON)
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
