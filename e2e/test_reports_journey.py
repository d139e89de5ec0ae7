"""Making a report in the browser, from "Wat wilt u melden?" to the case number: anonymous on
a 320 px phone, signed in by keyboard only, and without JavaScript; plus the error state of
the first step. Every page and state passes axe.

The first step refuses a post within 3 seconds of showing the form (a bot's speed), so each
journey waits like a person who types would.
"""

import io
import re

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.support import sign_in, tab_to

pytestmark = pytest.mark.browser

DESCRIPTION = "De lantaarnpaal voor ons huis brandt niet. Het is erg donker op straat."
PHONE = {"width": 320, "height": 640}


def _check(page: Page, state: str = "") -> None:
    page.wait_for_load_state("load")
    check_page(page, state=state)


def _heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def _like_a_person(page: Page) -> None:
    page.wait_for_timeout(3200)


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 140, 60)).save(out, format="PNG")
    return out.getvalue()


def _describe(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/melding")
    _heading(page, "Wat wilt u melden?")
    expect(page.get_by_text("Stap 1 van 5")).to_be_visible()
    _check(page, state="describe")
    page.get_by_label("Uw melding").fill(DESCRIPTION)
    _like_a_person(page)
    page.get_by_role("button", name="Doorgaan").click()


def _category_and_questions(page: Page) -> None:
    _heading(page, "Waar gaat uw melding over?")
    expect(page.get_by_label("Lantaarnpaal brandt niet of knippert")).to_be_checked()
    _check(page, state="category")
    page.get_by_role("button", name="Doorgaan").click()
    _heading(page, "Nog een paar vragen")
    _check(page, state="questions")
    page.get_by_label("De lamp brandt niet").check()
    page.get_by_role("button", name="Doorgaan").click()


def _place(page: Page) -> None:
    _heading(page, "Waar is het?")
    _check(page, state="place")
    page.get_by_label("Adres of straat").fill("Dorpsstraat 1")
    page.get_by_role("button", name="Zoeken").click()
    results = page.locator("#place-results")
    results.locator("input[type=radio]").first.check()
    _check(page, state="place results")
    results.get_by_role("button", name="Doorgaan").click()


def _past_duplicates(page: Page) -> None:
    """The demo data may hold open reports near the chosen place."""
    heading = page.get_by_role("heading", level=1)
    expect(heading).not_to_have_text("Waar is het?")
    if heading.inner_text() == "Is het een van deze meldingen?":
        _check(page, state="duplicates")
        page.get_by_role("button", name="Nee, ik doe een nieuwe melding").click()


def _photos(page: Page, add: bool) -> None:
    _heading(page, "Foto's toevoegen")
    _check(page, state="photos")
    if add:
        page.get_by_label("Foto").set_input_files(
            {"name": "lamp.png", "mimeType": "image/png", "buffer": _png()}
        )
        page.get_by_role("button", name="Foto toevoegen").click()
        _check(page, state="photo added")
    page.get_by_role("button", name="Doorgaan").click()


def _contact(page: Page, email: str) -> None:
    _heading(page, "Wilt u horen hoe het afloopt?")
    _check(page, state="contact")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_role("button", name="Doorgaan").click()


def _send(page: Page) -> None:
    _heading(page, "Controleer uw melding")
    expect(page.get_by_text(DESCRIPTION)).to_be_visible()
    _check(page, state="check")
    page.get_by_role("button", name="Verstuur melding").click()
    _heading(page, "Wij hebben uw melding ontvangen")
    expect(page.get_by_text(re.compile(r"Uw zaaknummer is Z-"))).to_be_visible()
    _check(page, state="sent")


def test_an_anonymous_report_on_a_phone(page: Page, live_server):
    page.set_viewport_size(PHONE)
    _describe(page, live_server)
    _category_and_questions(page)
    _place(page)
    _past_duplicates(page)
    _photos(page, add=True)
    _contact(page, "buurman@voorbeeld.example")
    expect(page.get_by_text("lamp.png")).to_be_visible()
    _send(page)
    expect(page.get_by_text("Wij sturen u een e-mail op buurman@voorbeeld.example")).to_be_visible()


def test_the_first_step_shows_its_errors(page: Page, live_server):
    page.goto(f"{live_server}/melding")
    _check(page, state="describe")
    expect(page.locator("#beschrijving-count")).to_have_text("Nog 1.000 tekens")
    page.get_by_label("Uw melding").fill("x" * 1005)
    expect(page.locator("#beschrijving-count")).to_have_text("5 tekens te veel")
    _check(page, state="count over")
    page.get_by_role("button", name="Doorgaan").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        re.compile("Dit is te lang. Gebruik niet meer dan")
    )
    expect(page.get_by_label("Uw melding")).to_have_value("x" * 1005)
    _check(page, state="too long")
    page.get_by_label("Uw melding").fill("")
    page.get_by_role("button", name="Doorgaan").click()
    expect(summary.get_by_role("link")).to_have_text("Beschrijf wat u wilt melden.")
    _check(page, state="empty")


def test_a_signed_in_report_by_keyboard_only(page: Page, live_server):
    sign_in(page, live_server, "inwoner", next_path="/melding")
    _heading(page, "Wat wilt u melden?")
    _check(page, state="describe signed in")
    tab_to(page, page.get_by_label("Uw melding"))
    page.keyboard.type(DESCRIPTION)
    _like_a_person(page)
    tab_to(page, page.get_by_role("button", name="Doorgaan"))
    page.keyboard.press("Enter")
    _heading(page, "Waar gaat uw melding over?")
    _check(page, state="category")
    tab_to(page, page.get_by_role("button", name="Doorgaan"))
    page.keyboard.press("Enter")
    _heading(page, "Nog een paar vragen")
    _check(page, state="questions")
    tab_to(page, page.get_by_label("De lamp brandt niet"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_label("Nummer van de paal"))
    page.keyboard.type("12-034")
    page.keyboard.press("Enter")
    _heading(page, "Waar is het?")
    _check(page, state="place")
    tab_to(page, page.get_by_label("Adres of straat"))
    page.keyboard.type("Dorpsstraat 1")
    page.keyboard.press("Enter")
    results = page.locator("#place-results")
    first = results.locator("input[type=radio]").first
    tab_to(page, first)
    page.keyboard.press("Space")
    _check(page, state="place results")
    tab_to(page, results.get_by_role("button", name="Doorgaan"))
    page.keyboard.press("Enter")
    heading = page.get_by_role("heading", level=1)
    expect(heading).not_to_have_text("Waar is het?")
    if heading.inner_text() == "Is het een van deze meldingen?":
        _check(page, state="duplicates")
        tab_to(page, page.get_by_role("button", name="Nee, ik doe een nieuwe melding"))
        page.keyboard.press("Enter")
    _heading(page, "Foto's toevoegen")
    _check(page, state="photos")
    tab_to(page, page.get_by_role("button", name="Doorgaan"))
    page.keyboard.press("Enter")
    _heading(page, "Wilt u horen hoe het afloopt?")
    _check(page, state="contact")
    tab_to(page, page.get_by_role("button", name="Doorgaan"))
    page.keyboard.press("Enter")
    _heading(page, "Controleer uw melding")
    _check(page, state="check")
    tab_to(page, page.get_by_role("button", name="Verstuur melding"))
    page.keyboard.press("Enter")
    _heading(page, "Wij hebben uw melding ontvangen")
    expect(page.get_by_role("link", name="Bekijk uw melding in Mijn zaken")).to_be_visible()
    _check(page, state="sent")


def test_a_report_without_javascript(page_without_js: Page, live_server):
    page = page_without_js
    page.goto(f"{live_server}/melding")
    expect(page.locator("#beschrijving-count")).to_have_text("Maximaal 1.000 tekens")
    _check(page, state="describe without JavaScript")
    _describe(page, live_server)
    _category_and_questions(page)
    _place(page)
    _past_duplicates(page)
    _photos(page, add=False)
    _contact(page, "")
    expect(page.get_by_text("U gaf geen e-mailadres.")).to_be_visible()
    _send(page)
