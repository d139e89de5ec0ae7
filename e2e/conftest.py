"""Browser-test fixtures: the portal, the local OIDC provider and an SMTP catcher, each on
its own port on 127.0.0.1, and Debian's Chromium driven by Playwright.

Every page a test visits must pass `check_page` (axe at two widths); a test that leaves a
visited page unchecked fails at teardown. So does a test whose pages requested anything
from outside 127.0.0.1, or broke the Content-Security-Policy.
"""

import threading
from collections.abc import Iterator

import pytest
from flask_migrate import upgrade
from playwright.sync_api import Browser, Page
from werkzeug.serving import make_server

from e2e.axe import track_visits, unchecked_pages
from e2e.probes import add_probe_routes
from e2e.watch import watch
from portal import create_app
from portal.cli import load_demo_data
from portal.devtools.services import start_oidc_provider
from portal.devtools.smtp_catcher import MailCatcher, free_port
from portal.extensions import db
from tests.support.database import session_database


class ServerThread(threading.Thread):
    def __init__(self, app, port: int) -> None:
        super().__init__(daemon=True)
        self.server = make_server("127.0.0.1", port, app, threaded=True)

    def run(self) -> None:
        self.server.serve_forever()

    def stop(self) -> None:
        self.server.shutdown()


@pytest.fixture(scope="session")
def mail() -> Iterator[MailCatcher]:
    catcher = MailCatcher().start()
    yield catcher
    catcher.stop()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory, mail):
    portal_port = free_port()
    portal_url = f"http://127.0.0.1:{portal_port}"
    provider = start_oidc_provider(portal_url)
    with session_database(tmp_path_factory.mktemp("e2e-db")) as database_url:
        app = create_app(
            {
                "SECRET_KEY": "e2e-secret-key-0123456789abcdef0123456789",
                "SQLALCHEMY_DATABASE_URI": database_url,
                "PUBLIC_URL": portal_url,
                "OIDC_PROVIDER_URL": provider.url,
                "SMTP_PORT": mail.port,
                "FILE_STORE_PATH": str(tmp_path_factory.mktemp("files")),
                # Every browser test signs in from 127.0.0.1; the limits have their own tests.
                "RATELIMIT_ENABLED": False,
                # The local test payment provider is a page of the portal itself. Paying is
                # off for the journeys that predate it; e2e/test_payments.py turns it on.
                "PAYMENT_PROVIDER": "test",
                "PAYMENTS_ENABLED": False,
            }
        )
        with app.app_context():
            upgrade(revision="heads")
            load_demo_data()
            db.session.remove()
        add_probe_routes(app)
        server = ServerThread(app, portal_port)
        server.start()
        app.config["LIVE_URL"] = portal_url
        yield app
        server.stop()
        provider.stop()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_app) -> str:
    return live_app.config["LIVE_URL"]


@pytest.fixture(scope="session")
def browser(chromium_browser) -> Browser:
    return chromium_browser


def _new_page(browser: Browser, **context_options) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="nl-NL", **context_options
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    seen = watch(page)
    track_visits(page)
    yield page
    missing = unchecked_pages(page)
    context.close()
    assert not missing, f"pages visited without an accessibility check: {sorted(missing)}"
    problems = seen.problems()
    assert not problems, "; ".join(problems)


@pytest.fixture
def page(browser) -> Iterator[Page]:
    yield from _new_page(browser)


@pytest.fixture
def page_without_js(browser) -> Iterator[Page]:
    yield from _new_page(browser, java_script_enabled=False)


@pytest.fixture(autouse=True)
def _forget_stored_languages(request):
    """Personas are shared by all browser tests; a language one test stores in a profile
    must not make the next test's pages English."""
    yield
    if "live_app" not in request.fixturenames:
        return
    from portal.profile.models import Profile

    app = request.getfixturevalue("live_app")
    with app.app_context():
        db.session.execute(db.update(Profile).values(language=""))
        db.session.commit()
        db.session.remove()
