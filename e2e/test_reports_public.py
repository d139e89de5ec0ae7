"""The public overview "Meldingen in de buurt" in the browser: from the catalogue page to
the list, a filter, the map view and a report's page; with and without JavaScript. Every
page passes axe at 1280 and 320 px (check_page does both)."""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page

pytestmark = pytest.mark.browser


def _check(page: Page, state: str = "") -> None:
    page.wait_for_load_state("load")
    check_page(page, state=state)


def _walk_the_overview(page: Page, live_server: str, *, scripts: bool) -> None:
    page.goto(f"{live_server}/producten/melding-openbare-ruimte")
    _check(page)
    page.get_by_role("link", name="Bekijk meldingen in de buurt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen in de buurt")
    expect(page.get_by_role("heading", name=re.compile(r"^\d+ meldingen$"))).to_be_visible()
    _check(page, state="list")

    page.get_by_label("Soort melding").select_option(label="Straatverlichting")
    page.get_by_role("button", name="Toon meldingen").click()
    expect(page).to_have_url(re.compile(r"categorie=verlichting"))
    cards = page.locator(".card")
    expect(cards.first).to_be_visible()
    for title in cards.get_by_role("heading").all_inner_texts():
        assert title.startswith("Lantaarnpaal"), title
    _check(page, state="filtered")

    page.get_by_role("link", name="Kaart", exact=True).click()
    expect(page).to_have_url(re.compile(r"weergave=kaart"))
    if scripts:
        expect(page.get_by_role("region", name="Kaart")).to_be_visible()
    else:  # the map needs JavaScript; the list of what is on it does not
        expect(page.locator("[data-report-map=view]")).to_be_hidden()
    expect(page.get_by_text("Op de kaart staan:")).to_be_visible()
    _check(page, state="map")

    page.get_by_role("link", name=re.compile(r"^Lantaarnpaal")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Lantaarnpaal"))
    main = page.get_by_role("main")
    expect(main).to_contain_text("Status")
    expect(main).not_to_contain_text("Z-")  # no case number on the public page
    _check(page, state="report")


def test_the_overview_with_javascript(page: Page, live_server):
    _walk_the_overview(page, live_server, scripts=True)


def test_the_overview_without_javascript(page_without_js: Page, live_server):
    _walk_the_overview(page_without_js, live_server, scripts=False)
