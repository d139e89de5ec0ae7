"""The contact centre answers a caller with the knowledge search: Sem de Graaf signs in,
goes to the search from the header, looks up "paspoort", opens the product, records with the
keyboard only that the question was answered at once, and finds the contact in "Mijn
contacten vandaag". The search works without JavaScript too. Every page state passes axe."""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.support import sign_in

pytestmark = pytest.mark.browser

PRODUCT = "Paspoort of ID-kaart aanvragen"


def _check(page: Page, state: str) -> None:
    page.wait_for_load_state()
    check_page(page, state=state)


def _search(page: Page, words: str) -> None:
    box = page.get_by_role("searchbox", name="Waar gaat de vraag over?")
    box.fill(words)
    box.press("Enter")
    page.wait_for_load_state()


def _tab_to(page: Page, name: str, limit: int = 15) -> None:
    """Press Tab until the button with this name has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_a_caller_is_answered_from_the_knowledge_search(page: Page, live_server):
    sign_in(page, live_server, "klantcontact")
    # Sem also handles call-backs, so sign-in lands on the case queue (the first area of his
    # roles); the header leads to the knowledge search.
    _check(page, "landing after sign-in")
    page.get_by_role("navigation", name="Mijn account").get_by_role(
        "link", name="Kennisbank"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kennisbank")
    _check(page, "knowledge search start")

    _search(page, "paspoort")
    expect(
        page.get_by_role("heading", name=re.compile("resulta(at|ten) voor ‘paspoort’"))
    ).to_be_visible()
    _check(page, "results for paspoort")

    page.get_by_role("link", name=PRODUCT).first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(PRODUCT)
    expect(page.get_by_role("heading", name="Alleen voor medewerkers")).to_be_visible()
    expect(page.get_by_role("heading", name="Wat de inwoner leest")).to_be_visible()
    _check(page, "product result")

    # Sent without an answer first: the error summary, then the keyboard-only way.
    _tab_to_form = page.locator("#contact-title")
    _tab_to_form.focus()
    _tab_to(page, "Contact vastleggen")
    page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(
        page.get_by_role("link", name="Kies of de vraag in één keer is beantwoord")
    ).to_be_visible()
    _check(page, "contact form error")

    page.get_by_role("link", name="Kies of de vraag in één keer is beantwoord").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("radio", name="Ja", exact=True)).to_be_focused()
    page.keyboard.press("Space")
    expect(page.get_by_role("radio", name="Ja", exact=True)).to_be_checked()
    _tab_to(page, "Contact vastleggen")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Het contact is vastgelegd.")).to_be_visible()
    _check(page, "contact recorded")

    page.get_by_role("link", name="Mijn contacten vandaag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn contacten vandaag")
    row = page.get_by_role("row").filter(has_text=PRODUCT).first
    expect(row).to_contain_text("Telefoon")
    expect(row).to_contain_text("Ja")
    expect(page.get_by_text(re.compile(r"\d+ van \d+ \(\d+%\)"))).to_be_visible()
    _check(page, "my contacts today")


def test_the_search_works_without_javascript(page_without_js: Page, live_server):
    page = page_without_js
    sign_in(page, live_server, "klantcontact", next_path="/medewerkers/kennisbank/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kennisbank")
    _check(page, "knowledge search without JavaScript")
    _search(page, "paspoort 123456782")
    expect(page).not_to_have_url(re.compile("123456782"))
    expect(page.get_by_text("lang nummer uit de zoekvraag")).to_be_visible()
    _check(page, "results without JavaScript")
    page.get_by_role("link", name=PRODUCT).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PRODUCT)
    _check(page, "product result without JavaScript")
    page.get_by_role("link", name="Terug naar de resultaten").click()
    expect(page.get_by_role("link", name=PRODUCT).first).to_be_visible()
    _check(page, "back to the results without JavaScript")
