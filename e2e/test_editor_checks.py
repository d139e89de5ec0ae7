"""A webteam editor opens "Teksten die aandacht nodig hebben", filters it, opens an item
and sees the checks follow her typing, opens the officialese list and adds a word with the
keyboard only; a duplicate gets a message; the word is changed and deleted; with
JavaScript off adding works too. Every page and state passes axe."""

import random
import re
import string

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.support import sign_in

pytestmark = pytest.mark.browser

ATTENTION = "/medewerkers/redactie/aandacht"
JARGON = "/medewerkers/redactie/woordenlijst"


def _word() -> str:
    """A new word each run (the browser tests share one database); letters only."""
    return "ambtelijk" + "".join(random.choices(string.ascii_lowercase, k=8))


def _tab_to(page: Page, element_id: str, limit: int = 60) -> None:
    """Press Tab until the element has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} cannot be reached with Tab")


def test_an_editor_reads_the_report_and_keeps_the_word_list(page: Page, live_server):
    sign_in(page, live_server, "redacteur", next_path=ATTENTION)
    expect(page.get_by_role("heading", level=1)).to_have_text("Teksten die aandacht nodig hebben")
    check_page(page, state="report")

    page.get_by_label("Controle").select_option(label="Woord uit de woordenlijst")
    page.get_by_role("button", name="Filter toepassen").click()
    expect(page.get_by_role("heading", level=2, name=re.compile("met: Woord uit"))).to_be_visible()
    check_page(page, state="report filtered")

    # From the report to an item's edit page: the panel checks again while typing.
    page.locator("table tbody tr th a").first.click()
    expect(page.locator("#checks-panel")).to_be_visible()
    check_page(page, state="edit page with checks")
    page.locator("textarea[id^='nl-']").first.press("End")
    page.keyboard.type(" Wij sturen het middels een brief.")
    expect(page.locator("#checks-panel")).to_contain_text("„met” in plaats van „middels”")
    check_page(page, state="checks panel after typing")

    page.goto(f"{live_server}{JARGON}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Woordenlijst")
    check_page(page, state="word list")

    word = _word()
    _tab_to(page, "word")
    page.keyboard.type(word)
    page.keyboard.press("Tab")
    page.keyboard.type("gewoon")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"„{word}” staat nu in de woordenlijst.")).to_be_visible()
    expect(page.get_by_role("rowheader", name=word)).to_be_visible()
    check_page(page, state="word added")

    page.get_by_label("Moeilijk woord").fill(word.upper())
    page.get_by_label("Gewoon woord").fill("gewoon")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(
        page.get_by_role("link", name="Dit woord staat al in de lijst. Wijzig het daar.")
    ).to_be_visible()
    check_page(page, state="duplicate word")

    page.get_by_role("link", name=f"Wijzigen of verwijderen {word}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(word)
    check_page(page, state="change word")
    page.get_by_label("Gewoon woord").fill("heel gewoon")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("row", name=re.compile(f"{word}.*heel gewoon"))).to_be_visible()
    check_page(page, state="word changed")

    page.get_by_role("link", name=f"Wijzigen of verwijderen {word}").click()
    check_page(page, state="change word again")
    page.get_by_role("button", name="Verwijderen").click()
    expect(page.get_by_text(f"„{word}” staat niet meer in de woordenlijst.")).to_be_visible()
    expect(page.get_by_role("rowheader", name=word)).to_have_count(0)
    check_page(page, state="word deleted")


def test_adding_a_word_works_without_javascript(page_without_js: Page, live_server):
    page = page_without_js
    sign_in(page, live_server, "redacteur", next_path=JARGON)
    expect(page.get_by_role("heading", level=1)).to_have_text("Woordenlijst")
    check_page(page, state="word list without JavaScript")

    page.get_by_role("button", name="Toevoegen").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    check_page(page, state="empty word without JavaScript")

    word = _word()
    page.get_by_label("Moeilijk woord").fill(word)
    page.get_by_label("Gewoon woord").fill("gewoon")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text(f"„{word}” staat nu in de woordenlijst.")).to_be_visible()
    check_page(page, state="word added without JavaScript")
