"""Every page of the provider in Chromium, checked with axe (WCAG 2.2 AA) at two widths."""

from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.axe import check_page
from tests.testprovider.conftest import RP_URL, RelyingParty

pytestmark = pytest.mark.browser


@pytest.fixture
def chromium(chromium_browser) -> Browser:
    return chromium_browser


@pytest.fixture
def page(chromium) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    context.set_default_timeout(10_000)
    # Stand in for the portal's callback, so the redirect after sign-in lands somewhere.
    context.route(f"{RP_URL}/**", lambda route: route.fulfill(body="callback", status=200))
    yield context.new_page()
    context.close()


def authorize_url(provider, realm: str, **overrides) -> str:
    params, _ = RelyingParty(provider).authorize_params(realm, **overrides)
    return f"{provider.issuer(realm)}/authorize?{urlencode(params)}"


@pytest.mark.parametrize("realm", ["digid", "eherkenning", "medewerkers"])
def test_sign_in_page_passes_axe(page, provider, realm):
    page.goto(authorize_url(provider, realm))

    check_page(page)


def test_missing_choice_passes_axe_and_focuses_the_summary(page, provider):
    page.goto(authorize_url(provider, "digid"))
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", name="Er is een probleem")).to_be_visible()
    # autofocus lands after the load; expect() waits for it, a one-off evaluate may not.
    expect(page.locator(".foutoverzicht")).to_be_focused()
    check_page(page, state="fout")


def test_choosing_a_persona_returns_to_the_client(page, provider):
    page.goto(authorize_url(provider, "digid", state="s-123"))
    page.get_by_label("Joost Willems").check()
    page.get_by_role("button", name="Inloggen").click()

    page.wait_for_url(f"{RP_URL}/**")
    assert "code=" in page.url
    assert "state=s-123" in page.url


def test_error_page_passes_axe(page, provider):
    page.goto(authorize_url(provider, "digid", nonce=None))

    expect(page.get_by_role("heading", name="Inloggen lukt niet")).to_be_visible()
    check_page(page, state="fout")


def test_logged_out_page_passes_axe(page, provider):
    page.goto(f"{provider.issuer('medewerkers')}/end_session")

    expect(page.get_by_role("heading", name="U bent uitgelogd")).to_be_visible()
    check_page(page)
