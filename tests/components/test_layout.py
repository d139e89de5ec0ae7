"""The kept head links and site header (portal/components/layout.py): rendered once per
language and values, yet every page's language links lead back to that page and every
person gets their own account menu."""

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from flask import url_for

from tests.support.auth import sign_in
from tests.support.renders import counted_renders


def soup(client, path: str) -> BeautifulSoup:
    return BeautifulSoup(client.get(path).get_data(as_text=True), "html.parser")


@pytest.fixture
def header_renders(app, monkeypatch) -> list[str]:
    return counted_renders(app, monkeypatch, "components/site_header.html")


@pytest.mark.parametrize(
    "path",
    [
        "/contact",
        "/contact?x=1&y=2",
        "/privacy?q=" + quote('"><script>alert(1)</script>'),
        "/contact?naam=" + quote("Zoë & Jan + 100%"),
    ],
)
def test_language_links_lead_back_to_each_page_as_url_for_would(app, client, path):
    page = soup(client, path)

    with app.test_request_context(path):
        expected = url_for("main.set_language", code="en", next=path)
    assert page.find("a", attrs={"hreflang": "en"})["href"] == expected
    assert "<script>alert" not in client.get(path).get_data(as_text=True)


def test_the_header_is_rendered_once_for_many_pages_and_people(app, header_renders):
    visitor, resident = app.test_client(), app.test_client()
    sign_in(resident, "inwoner")
    for path in ("/contact", "/privacy", "/toegankelijkheid"):
        visitor_page, resident_page = soup(visitor, path), soup(resident, path)
        assert visitor_page.find("a", string="Inloggen")["href"] == f"/inloggen?next={path}"
        assert resident_page.find("button", string="Uitloggen") is not None
        assert visitor_page.find("button", string="Uitloggen") is None
        for page in (visitor_page, resident_page):
            assert page.find("a", attrs={"hreflang": "nl"})["href"] == f"/taal/nl?next={path}"
    assert len(header_renders) == 1


def test_the_kept_header_speaks_the_chosen_language(app, client, header_renders):
    assert soup(client, "/contact").find("a", class_="skip-link").get_text() == (
        "Direct naar de inhoud"
    )
    client.get("/taal/en?next=/contact")
    english = soup(client, "/contact")
    assert english.find("a", class_="skip-link").get_text() == "Skip to main content"
    assert english.find("a", attrs={"hreflang": "en"})["aria-current"] == "true"
    assert len(header_renders) == 2


def test_only_signed_in_pages_load_the_session_script(app, client):
    def scripts(page) -> list[str]:
        return [tag["src"] for tag in page.find_all("script", src=True)]

    assert not any("session." in src for src in scripts(soup(client, "/contact")))
    sign_in(client, "inwoner")
    assert any("session." in src for src in scripts(soup(client, "/contact")))
