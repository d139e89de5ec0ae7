"""Catalogue pages kept for visitors (`catalog.page_cache`): a kept page is byte for byte the
page a fresh rendering gives, a publication drops it, and nothing personal or time-bound is
ever shared (signed-in pages, CSRF tokens, an ended session's notice, a banner's period)."""

from datetime import timedelta

import pytest
from flask import render_template_string, template_rendered

from portal.auth.models import AuthSession
from portal.catalog import demo_faq, notices
from portal.extensions import db
from tests.catalog.test_faq_notices import add_notice
from tests.support.auth import sign_in
from tests.support.queries import count_queries

PAGES = [
    "/",
    "/producten",
    "/producten?voor=ondernemers",
    "/producten/uittreksel-brp",
    "/levensgebeurtenissen",
    "/zoeken?q=paspoort",
    "/zoeken",
    "/veelgestelde-vragen",
]
# Set by the after-request hooks, not by the page: a fresh id per request.
PER_REQUEST = {"X-Request-ID"}


@pytest.fixture
def pages(catalog):
    demo_faq.load()
    db.session.commit()
    return catalog


class Renderings:
    def __init__(self, app) -> None:
        self.app, self.count = app, 0

    def __enter__(self):
        template_rendered.connect(self._seen, self.app)
        return self

    def __exit__(self, *exc) -> None:
        template_rendered.disconnect(self._seen, self.app)

    def _seen(self, *args, **kwargs) -> None:
        self.count += 1


def _headers(response) -> dict:
    return {k: v for k, v in response.headers.items() if k not in PER_REQUEST}


@pytest.mark.parametrize("url", PAGES)
def test_a_kept_page_is_the_page_a_fresh_rendering_gives(pages, client, url):
    pages.config["VISITOR_PAGE_CACHE"] = False
    fresh = client.get(url)
    pages.config["VISITOR_PAGE_CACHE"] = True
    client.get(url)  # rendered and kept
    with Renderings(pages) as rendered, count_queries() as counted:
        kept = client.get(url)
    assert rendered.count == 0
    assert len(counted) == 1, counted.report()  # the catalogue's generation, nothing else
    assert fresh.status_code == kept.status_code == 200
    assert kept.get_data() == fresh.get_data()
    assert _headers(kept) == _headers(fresh)


def test_htmx_asks_get_their_own_fragment(pages, client):
    swap = {"HX-Request": "true", "HX-Target": "search-results"}
    full = client.get("/zoeken?q=paspoort").get_data(as_text=True)
    fragment = client.get("/zoeken?q=paspoort", headers=swap).get_data(as_text=True)
    assert "<html" in full and "<html" not in fragment
    assert client.get("/zoeken?q=paspoort", headers=swap).get_data(as_text=True) == fragment
    assert client.get("/zoeken?q=paspoort").get_data(as_text=True) == full


def test_each_language_gets_its_own_page(pages, client, app):
    assert '<html lang="nl"' in client.get("/").get_data(as_text=True)
    english = app.test_client()
    english.get("/taal/en")
    assert '<html lang="en"' in english.get("/").get_data(as_text=True)
    assert '<html lang="nl"' in client.get("/").get_data(as_text=True)
    browser = app.test_client()
    page = browser.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="en"' in page


def test_the_language_links_lead_back_to_the_page_asked_for(pages, client):
    client.get("/producten")
    page = client.get("/producten?voor=inwoners").get_data(as_text=True)
    switch = page.split('class="language-switch"')[1].split("</nav>")[0]
    assert "voor%3Dinwoners" in switch


def test_signed_in_pages_are_never_kept_nor_served_from_the_copy(pages, client, app):
    visitor = app.test_client()
    assert "Inloggen" in visitor.get("/").get_data(as_text=True)
    sign_in(client, "inwoner")
    mine = client.get("/").get_data(as_text=True)
    assert "Uitloggen" in mine and "Mijn zaken" in mine
    assert "Fatima" not in visitor.get("/").get_data(as_text=True)
    assert "Uitloggen" not in visitor.get("/").get_data(as_text=True)
    with Renderings(pages) as rendered:
        client.get("/producten/uittreksel-brp")
        client.get("/producten/uittreksel-brp")
    assert rendered.count == 2


def test_the_notice_of_an_ended_session_is_shown_once_and_never_shared(pages, client, app):
    sign_in(client, "inwoner")
    row = db.session.query(AuthSession).one()
    row.last_seen_at = row.last_seen_at - timedelta(minutes=20)
    db.session.commit()
    assert "U bent uitgelogd" in client.get("/").get_data(as_text=True)
    assert "U bent uitgelogd" not in client.get("/").get_data(as_text=True)
    assert "U bent uitgelogd" not in app.test_client().get("/").get_data(as_text=True)


def test_a_banner_appears_and_ends_on_time_on_a_kept_page(pages, client, monkeypatch):
    add_notice("straks", "Het gemeentehuis is dicht", starts=2, ends=24)
    assert "banner-straks" not in client.get("/").get_data(as_text=True)
    later = notices.now() + timedelta(hours=3)
    monkeypatch.setattr(notices, "now", lambda: later)
    assert "banner-straks" in client.get("/").get_data(as_text=True)
    after = later + timedelta(hours=24)
    monkeypatch.setattr(notices, "now", lambda: after)
    assert "banner-straks" not in client.get("/").get_data(as_text=True)


def test_a_page_with_a_csrf_token_is_never_shared(catalog):
    from portal.catalog.page_cache import visitor_page

    @visitor_page
    def with_form():
        return render_template_string("<form>{{ csrf_token() }}</form>")

    catalog.add_url_rule("/__test/formulier", "test_form", with_form)
    first, second = catalog.test_client(), catalog.test_client()
    with Renderings(catalog) as rendered:
        one = first.get("/__test/formulier").get_data()
        other = second.get("/__test/formulier").get_data()
        first.get("/__test/formulier")
    assert rendered.count == 3
    assert one != other
