"""Finding what to arrange: the search box, with and without JavaScript, and by keyboard."""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page

pytestmark = pytest.mark.browser


def test_without_javascript_the_search_finds_the_passport_page(page_without_js: Page, live_server):
    page = page_without_js
    page.goto(f"{live_server}/producten")
    check_page(page)
    page.get_by_label("Wat wilt u regelen?").fill("paspoort")
    page.get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(re.compile(r"/zoeken\?q=paspoort$"))
    expect(page.get_by_role("status").filter(has_text="resultaat")).to_have_text(
        "1 resultaat voor ‘paspoort’"
    )
    expect(page).to_have_title(re.compile("^Zoeken naar ‘paspoort’"))
    check_page(page, state="results")
    page.get_by_role("link", name="Paspoort of ID-kaart aanvragen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Paspoort of ID-kaart aanvragen")
    expect(page.get_by_role("heading", name="Maak een afspraak")).to_be_visible()
    check_page(page)


def test_without_javascript_no_results_says_what_to_do(page_without_js: Page, live_server):
    page = page_without_js
    page.goto(f"{live_server}/zoeken?q=xyzzy")
    expect(page.get_by_role("heading", name="Wij hebben niets gevonden")).to_be_visible()
    expect(page.get_by_role("link", name="Stel uw vraag aan de gemeente")).to_be_visible()
    expect(page.get_by_role("heading", name="Veel gezocht")).to_be_visible()
    check_page(page, state="no results")


def test_with_htmx_the_results_change_in_place(page: Page, live_server):
    page.goto(f"{live_server}/zoeken")
    check_page(page, state="empty")
    # A full page load would lose this marker; an htmx swap keeps it.
    page.evaluate("window.stillTheSamePage = true")

    page.get_by_label("Wat wilt u regelen?").fill("kapotte lantaarnpaal")
    page.get_by_role("button", name="Zoeken").click()
    status = page.locator("#search-count")
    expect(status).to_have_text(re.compile(r"^\d+ resulta(at|ten) voor ‘kapotte lantaarnpaal’$"))
    expect(page).to_have_url(re.compile(r"q=kapotte(\+|%20)lantaarnpaal$"))
    expect(page).to_have_title(re.compile("^Zoeken naar ‘kapotte lantaarnpaal’"))
    results = page.locator("#search-results")
    expect(results.get_by_role("link").first).to_have_text("Melding openbare ruimte")
    expect(page.get_by_role("heading", name="Resultaten")).to_be_focused()
    assert page.evaluate("window.stillTheSamePage") is True
    check_page(page, state="results swapped in")

    page.get_by_label("Wat wilt u regelen?").fill("xyzzy")
    page.get_by_role("button", name="Zoeken").click()
    expect(status).to_have_text("Geen resultaten voor ‘xyzzy’")
    expect(page.get_by_role("heading", name="Wij hebben niets gevonden")).to_be_focused()
    assert page.evaluate("window.stillTheSamePage") is True
    check_page(page, state="no results swapped in")


def test_by_keyboard_only_a_search_leads_to_a_product(page: Page, live_server):
    page.goto(f"{live_server}/zoeken")
    check_page(page)
    for _ in range(25):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "search-q":
            break
    expect(page.get_by_label("Wat wilt u regelen?")).to_be_focused()
    page.keyboard.type("verhuizen")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Resultaten")).to_be_focused()
    check_page(page, state="results")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Verhuizing doorgeven")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verhuizing doorgeven")
    check_page(page)
