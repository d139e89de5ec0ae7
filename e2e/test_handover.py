"""A warm hand-over: a resident with a question about the WOZ or her tax bill learns who
helps, how and by when, without signing in and without JavaScript; signed in, she may also
have the question passed on. axe at 1280 and 320 px on every page."""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.support import sign_in

pytestmark = pytest.mark.browser

PARTNER = "Belastingsamenwerking Voorbeeldregio"


def _search_and_open(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/zoeken")
    check_page(page)
    page.get_by_label("Wat wilt u regelen?").fill("woz")
    page.get_by_label("Wat wilt u regelen?").press("Enter")
    expect(page.get_by_role("heading", name="Resultaten")).to_be_visible()
    check_page(page, state="results")
    page.get_by_role("link", name=re.compile("^Wie helpt u met")).first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/producten/vraag-woz-belastingen/wie-helpt-u$"))


def test_without_sign_in_from_search(page_without_js: Page, live_server):
    page = page_without_js
    _search_and_open(page, live_server)
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie helpt u?")
    expect(page.get_by_text(f"{PARTNER} helpt u.")).to_be_visible()
    expect(page.get_by_role("link", name="088 123 45 67")).to_have_attribute(
        "href", "tel:0881234567"
    )
    expect(page.get_by_role("heading", name="Wat heeft u bij de hand?")).to_be_visible()
    expect(page.get_by_text(re.compile(r"uiterlijk \w+ \d+ \w+ \d{4} antwoord"))).to_be_visible()
    expect(page.get_by_text("Daarvoor logt u in met DigiD.")).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)
    check_page(page)


def test_from_the_product_page_signed_in(page_without_js: Page, live_server):
    page = page_without_js
    sign_in(page, live_server, "inwoner", next_path="/producten/vraag-woz-belastingen")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vraag over de WOZ of gemeentelijke belastingen"
    )
    check_page(page)
    page.get_by_role("link", name="Wie helpt u, hoe en wanneer krijgt u antwoord?").click()
    expect(page.get_by_text(f"{PARTNER} helpt u.")).to_be_visible()
    expect(page.get_by_text("U bent ingelogd.")).to_be_visible()
    check_page(page, state="signed in")
    page.get_by_role("link", name="Geef mijn vraag door").click()
    expect(page).to_have_url(re.compile(r"/aanvragen/vraag-woz-belastingen$"))
    check_page(page)
