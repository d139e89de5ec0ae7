"""The public pages in a real browser: axe at 1280 and 320 px, keyboard, language."""

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/toegankelijkheid", "/privacy", "/contact"])
def test_public_page_is_accessible(page: Page, live_server: str, path: str):
    response = page.goto(live_server + path)

    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    check_page(page)


def test_not_found_page_is_accessible(page: Page, live_server: str):
    response = page.goto(live_server + "/bestaat-niet")

    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze pagina bestaat niet")
    check_page(page)


def test_skip_link_is_first_and_moves_focus_to_main(page: Page, live_server: str):
    page.goto(live_server + "/")
    check_page(page)

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()


def test_language_switch_keeps_the_page(page: Page, live_server: str):
    page.goto(live_server + "/contact")
    check_page(page)

    page.get_by_role("link", name="English").click()

    expect(page).to_have_url(live_server + "/contact")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="English")).to_have_attribute("aria-current", "true")
    check_page(page, state="English")


def test_pages_work_on_a_phone_without_sideways_scrolling(page: Page, live_server: str):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server + "/")

    search = page.get_by_label("Zoek wat u wilt regelen")
    expect(search).to_be_visible()
    box = search.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 320
    check_page(page, state="phone")
