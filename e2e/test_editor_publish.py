"""A webteam editor (Tom Peters, redacteur) changes a product's short explanation, looks at
the preview at three widths, publishes with a change note using the keyboard only, and a
resident's product page shows the new text at once. With JavaScript off, saving a draft
works too, and the draft stays off the resident's page. Every page and state passes axe."""

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.support import sign_in

pytestmark = pytest.mark.browser

EDITOR = "/medewerkers/redactie"
SUMMARY_LABEL = "Korte uitleg (Nederlands)"


def _check(page: Page, state: str) -> None:
    page.wait_for_load_state()
    check_page(page, state=state)


def _new_summary() -> tuple[str, str]:
    # A word of its own, so the resident page can only show it after this publication.
    code = uuid.uuid4().hex[:6]
    return f"Geef uw buurtfeest op tijd aan ons door. Dan weten wij ervan. Code {code}.", code


def _tab_to(page: Page, name: str, tries: int = 25) -> None:
    for _ in range(tries):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement && document.activeElement.textContent")
        if focused and focused.strip() == name:
            return
    raise AssertionError(f"the keyboard never reached {name!r}")


def test_an_editor_publishes_a_new_product_text(page: Page, live_server):
    summary, code = _new_summary()
    sign_in(page, live_server, "redacteur", next_path=f"{EDITOR}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Redactie")
    _check(page, "workspace")

    page.get_by_role("link", name="Producten", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Producten")
    _check(page, "product list")
    page.get_by_role("link", name="Buurtfeest of klein evenement melden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Buurtfeest")
    _check(page, "edit page")

    page.get_by_role("textbox", name=SUMMARY_LABEL).fill(summary)
    page.wait_for_timeout(1200)  # the checks panel follows the typing
    _check(page, "edit page after typing")
    page.get_by_role("button", name="Bekijk voorbeeld").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Voorbeeld")
    frames = page.locator("iframe")
    expect(frames).to_have_count(3)
    titles = [frames.nth(i).get_attribute("title") for i in range(3)]
    assert [re.search(r"\d+ pixels", t).group() for t in titles] == [
        "375 pixels",
        "768 pixels",
        "1280 pixels",
    ]
    phone = page.frame_locator("iframe").first
    expect(phone.get_by_text("Voorbeeld – niet gepubliceerd")).to_be_visible()
    expect(phone.get_by_text(summary)).to_be_visible()
    _check(page, "preview")

    page.get_by_role("link", name="Naar publiceren").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Publiceren")
    expect(page.locator("ins").filter(has_text=code)).to_be_visible()  # the change, marked
    _check(page, "publish page")

    # The publish step by keyboard only: type the note, tab to the button, press Enter.
    page.get_by_label("Wat is er veranderd?").focus()
    page.keyboard.type("Korte uitleg eenvoudiger gemaakt.")
    _tab_to(page, "Publiceren")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Gepubliceerd. Inwoners zien de nieuwe tekst nu.")).to_be_visible()
    _check(page, "published")

    page.get_by_role("link", name="Geschiedenis en versies").click()
    expect(page.get_by_role("cell", name="Korte uitleg eenvoudiger gemaakt.")).to_be_visible()
    _check(page, "history")

    page.goto(f"{live_server}/producten/buurtfeest-melden")
    expect(page.get_by_text(summary)).to_be_visible()
    _check(page, "resident product page")


def test_saving_a_draft_works_without_javascript(page_without_js: Page, live_server):
    page = page_without_js
    draft = "Wilt u dat wij u bellen? Vraag het hier. Dit is nog een concept."
    sign_in(page, live_server, "redacteur", next_path=f"{EDITOR}/product/terugbelverzoek")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Terugbelverzoek")
    _check(page, "edit page without JavaScript")

    page.get_by_role("textbox", name=SUMMARY_LABEL).fill("")
    page.get_by_role("button", name="Opslaan als concept").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(page.get_by_role("link", name=re.compile("Korte uitleg"))).to_be_visible()
    _check(page, "empty Dutch text refused")

    page.get_by_role("textbox", name=SUMMARY_LABEL).fill(draft)
    page.get_by_role("button", name="Opslaan als concept").click()
    expect(
        page.get_by_text(re.compile(r"Het concept is opgeslagen als versie \d+\."))
    ).to_be_visible()
    expect(page.get_by_role("textbox", name=SUMMARY_LABEL)).to_have_value(draft)
    _check(page, "draft saved")

    page.goto(f"{live_server}/producten/terugbelverzoek")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text(draft)).to_have_count(0)
    _check(page, "resident page without the draft")


def test_the_other_editor_pages_pass_axe(page: Page, live_server):
    """The pages the main journey does not pass: a new item with an error, the review
    queue, a comparison, the full-page preview, a refused time and the withdraw page."""
    sign_in(page, live_server, "redacteur", next_path=f"{EDITOR}/faq")
    _check(page, "faq list")
    page.goto(f"{live_server}{EDITOR}/faq/nieuw")
    _check(page, "new faq")
    page.get_by_role("button", name="Maken en verder schrijven").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    _check(page, "new faq without a title")

    page.goto(f"{live_server}{EDITOR}/beoordelen")
    _check(page, "review queue")

    item = f"{live_server}{EDITOR}/product/vraag-woz-belastingen"
    page.goto(item)
    _check(page, "edit woz")
    page.get_by_role("textbox", name=SUMMARY_LABEL).fill(
        "Hebt u een vraag over de WOZ? Stel hem hier."
    )
    page.get_by_role("button", name="Publiceren").click()
    _check(page, "publish page")
    page.get_by_label("Wat is er veranderd?").fill("Kortere uitleg")
    page.get_by_label("Op een datum en tijd die ik kies").check()
    page.get_by_label("Datum en tijd van publiceren").fill("2020-01-01T08:00")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("link", name=re.compile("Dit tijdstip is al voorbij"))).to_be_visible()
    _check(page, "publish time in the past")

    page.goto(f"{item}/geschiedenis")
    _check(page, "history woz")
    page.get_by_role("link", name="Vergelijk versie 2").click()
    expect(page.locator("ins").first).to_be_visible()
    _check(page, "compare")
    page.goto(f"{item}/voorbeeld?versie=2&taal=en")
    _check(page, "preview in English")
    page.get_by_role("link", name="Open het voorbeeld als hele pagina").click()
    expect(page.get_by_text("Voorbeeld – niet gepubliceerd")).to_be_visible()
    _check(page, "full-page preview in English")
    page.goto(f"{item}/intrekken")
    _check(page, "withdraw page")
