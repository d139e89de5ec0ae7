"""Product and life-event pages, as a resident or entrepreneur reads them."""

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page

pytestmark = pytest.mark.browser


def test_a_life_event_leads_to_its_products(page: Page, live_server):
    page.goto(f"{live_server}/levensgebeurtenissen")
    check_page(page)
    page.get_by_role("link", name="Ik ga verhuizen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ik ga verhuizen")
    check_page(page)
    page.get_by_role("link", name="Verhuizing doorgeven").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verhuizing doorgeven")
    expect(page.get_by_text("Het kost niets om uw verhuizing door te geven.")).to_be_visible()
    check_page(page)


def test_an_entrepreneur_filters_the_products(page_without_js: Page, live_server):
    page = page_without_js
    page.goto(f"{live_server}/producten")
    check_page(page)
    page.get_by_role("link", name="Voor ondernemers").click()
    expect(page.get_by_role("link", name="Terrasvergunning")).to_be_visible()
    expect(page.get_by_role("link", name="Uittreksel BRP")).to_have_count(0)
    check_page(page, state="for entrepreneurs")
    page.get_by_role("link", name="Terrasvergunning").click()
    expect(page.get_by_text("Hiervoor logt u in met eHerkenning op niveau EH3.")).to_be_visible()
    check_page(page)


def test_a_referral_page_names_the_partner(page: Page, live_server):
    page.goto(f"{live_server}/producten/vraag-woz-belastingen")
    expect(page.get_by_role("heading", name="Wie helpt u?")).to_be_visible()
    expect(page.get_by_role("link", name="088 123 45 67")).to_have_attribute(
        "href", "tel:0881234567"
    )
    check_page(page)


@pytest.mark.parametrize(
    "slug",
    ["uittreksel-brp", "hulp-bij-het-huishouden", "melding-openbare-ruimte", "algemene-vraag"],
)
def test_product_pages_are_accessible(page: Page, live_server, slug):
    page.goto(f"{live_server}/producten/{slug}")
    expect(page.get_by_role("heading", name="Wat kost het?")).to_be_visible()
    check_page(page)


def test_the_pages_are_in_english_after_choosing_english(page: Page, live_server):
    page.goto(f"{live_server}/producten/verhuizing-doorgeven")
    check_page(page)
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a change of address")
    check_page(page, state="English")
