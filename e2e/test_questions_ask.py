"""Asking a question in the browser ("Stel uw vraag"): anonymous on a 320 px phone with the
error state first, signed in by keyboard only, and without JavaScript. Every page and state
passes axe.

The form refuses a post within 3 seconds of showing it (a bot's speed), so each journey
waits like a person who types would.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.support import sign_in, tab_to

pytestmark = pytest.mark.browser

QUESTION = "Mag ik een dakkapel bouwen aan de voorkant van mijn huis?"
PHONE = {"width": 320, "height": 640}


def _check(page: Page, state: str = "") -> None:
    page.wait_for_load_state("load")
    check_page(page, state=state)


def _heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def _like_a_person(page: Page) -> None:
    page.wait_for_timeout(3200)


def _fill_and_send(page: Page, email: str) -> None:
    page.get_by_label("Waar gaat uw vraag over?").select_option("weet-niet")
    page.get_by_label("Uw vraag", exact=True).fill(QUESTION)
    page.get_by_label("Per e-mail").check()
    page.get_by_label("E-mailadres").fill(email)
    _like_a_person(page)
    page.get_by_role("button", name="Doorgaan").click()
    _heading(page, "Controleer uw vraag")
    expect(page.get_by_text(QUESTION)).to_be_visible()
    _check(page, state="check")
    page.get_by_role("button", name="Verstuur uw vraag").click()
    _heading(page, "Wij hebben uw vraag ontvangen")
    expect(page.get_by_text(re.compile(r"Uw zaaknummer is Z-"))).to_be_visible()
    expect(
        page.get_by_text(re.compile("Wij antwoorden binnen 5 werkdagen: uiterlijk"))
    ).to_be_visible()
    expect(page.get_by_text(f"Wij sturen het antwoord per e-mail naar {email}.")).to_be_visible()
    _check(page, state="sent")


def test_an_anonymous_question_on_a_phone_after_an_error(page: Page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/vraag")
    _heading(page, "Stel uw vraag")
    expect(page.get_by_label("In de Berichtenbox van MijnGemeente")).to_have_count(0)
    _check(page, state="ask")
    page.get_by_label("Uw vraag", exact=True).fill("x" * 2005)
    page.get_by_label("Wij bellen u").check()
    page.get_by_label("Telefoonnummer").fill("12345")
    page.get_by_role("button", name="Doorgaan").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name=re.compile("Kies een onderwerp"))).to_be_visible()
    expect(
        summary.get_by_role("link", name=re.compile("Dit is te lang. Gebruik niet meer dan"))
    ).to_be_visible()
    expect(summary.get_by_role("link", name=re.compile("geldig telefoonnummer"))).to_be_visible()
    expect(page.get_by_label("Uw vraag", exact=True)).to_have_value("x" * 2005)
    _check(page, state="errors")
    page.get_by_label("Telefoonnummer").fill("+32 470 12 34 56")
    _fill_and_send(page, "vrager@voorbeeld.example")
    page.goto(f"{live_server}/vraag/antwoord-per-e-mail")
    _heading(page, "Het antwoord staat in uw e-mail")
    _check(page, state="answer by e-mail")


def test_a_signed_in_question_by_keyboard_only(page: Page, live_server):
    sign_in(page, live_server, "inwoner", next_path="/vraag")
    _heading(page, "Stel uw vraag")
    _check(page, state="ask signed in")
    topic = page.get_by_label("Waar gaat uw vraag over?")
    tab_to(page, topic)
    page.keyboard.press("End")
    expect(topic).to_have_value("weet-niet")
    tab_to(page, page.get_by_label("Uw vraag", exact=True))
    page.keyboard.type(QUESTION)
    box = page.get_by_label("In de Berichtenbox van MijnGemeente")
    tab_to(page, box)
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    _like_a_person(page)
    tab_to(page, page.get_by_role("button", name="Doorgaan"))
    page.keyboard.press("Enter")
    _heading(page, "Controleer uw vraag")
    _check(page, state="check signed in")
    tab_to(page, page.get_by_role("button", name="Verstuur uw vraag"))
    page.keyboard.press("Enter")
    _heading(page, "Wij hebben uw vraag ontvangen")
    expect(page.get_by_role("link", name="Bekijk uw vraag in Mijn zaken")).to_be_visible()
    _check(page, state="sent signed in")


def test_a_question_without_javascript(page_without_js: Page, live_server):
    page = page_without_js
    page.goto(f"{live_server}/vraag")
    expect(page.locator("#vraag-count")).to_have_text("Maximaal 2.000 tekens")
    _check(page, state="ask without JavaScript")
    _fill_and_send(page, "zonderjs@voorbeeld.example")
