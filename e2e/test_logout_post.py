"""Logging out at the broker by form POST, so the ID token stays out of the browser's
history (portal/auth/oidc.py provider_logout): with JavaScript the page posts itself, without
it the person clicks one button."""

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.support import sign_in

pytestmark = pytest.mark.browser


def test_logout_without_javascript_takes_one_button(page_without_js: Page, live_server):
    page = page_without_js
    sign_in(page, live_server, "inwoner-midden", next_path="/contact")
    check_page(page)
    page.get_by_role("button", name="Uitloggen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U wordt uitgelogd")
    assert "id_token_hint" not in page.url
    check_page(page, state="logout form")
    page.get_by_role("button", name="Verder met uitloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U bent uitgelogd")
    assert "id_token_hint" not in page.url
    check_page(page, state="signed out")


def test_logout_with_javascript_goes_on_by_itself(page: Page, live_server):
    sign_in(page, live_server, "inwoner-midden", next_path="/contact")
    check_page(page)
    history: list[str] = []
    page.on("framenavigated", lambda frame: history.append(frame.url))
    page.get_by_role("button", name="Uitloggen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U bent uitgelogd")
    check_page(page, state="signed out")
    assert history and not any("id_token_hint" in url for url in history)
