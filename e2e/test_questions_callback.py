"""A call-back request without an account: the resident asks (a wrong phone number first),
the contact centre (persona klantcontact) logs two failed attempts, and the resident picks a
new window through the link in the e-mail. With JavaScript, without it, and by keyboard
only; axe on every page and state."""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.support import sign_in, sign_out, tab_to
from portal.cases.services import get_case
from portal.extensions import db
from portal.questions import callback_handling as handling
from portal.questions import callback_links as links
from portal.questions import callbacks
from tests.support.principals import staff

pytestmark = pytest.mark.browser

EMAIL = "beller@example.org"


def _check(page: Page, state: str) -> None:
    page.wait_for_load_state()
    check_page(page, state=state)


def _heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def _case_number(page: Page) -> str:
    text = page.get_by_text(re.compile(r"Uw zaaknummer is Z-")).inner_text()
    return re.search(r"Z-\d{4}-\d{6}", text).group(0)


def _ask(page: Page, live_server: str) -> str:
    page.goto(f"{live_server}/terugbellen")
    _heading(page, "Vraag of wij u terugbellen")
    _check(page, "request form")
    page.get_by_label("Waar gaat uw vraag over?").select_option(label="Iets anders")
    page.get_by_label("Wilt u er iets over vertellen?").fill("Over mijn belastingaanslag.")
    page.get_by_label("Uw telefoonnummer").fill("bel me maar")
    page.get_by_label("Uw e-mailadres").fill(EMAIL)
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Verstuur uw verzoek").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    summary = page.locator("[data-error-summary]")
    expect(summary.get_by_role("link")).to_contain_text("Dit is geen telefoonnummer")
    expect(page.get_by_label("Wilt u er iets over vertellen?")).to_have_value(
        "Over mijn belastingaanslag."
    )
    _check(page, "wrong phone number")
    page.get_by_label("Uw telefoonnummer").fill("06 12345678")
    if not page.get_by_role("radio").first.is_checked():
        page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Verstuur uw verzoek").click()
    _heading(page, "Wij bellen u terug")
    expect(page.get_by_text(re.compile(r"tussen \d\d\.\d\d en \d\d\.\d\d uur"))).to_be_visible()
    _check(page, "sent")
    return _case_number(page)


def _log_attempt(page: Page, number: str, outcome: str, state: str) -> None:
    page.get_by_role("link", name=number).click()
    _heading(page, f"Terugbelverzoek {number}")
    expect(page.get_by_role("link", name="Bel 06 12345678")).to_have_attribute(
        "href", "tel:+31612345678"
    )
    _check(page, f"request {state}")
    page.get_by_role("radio", name=outcome).check()
    page.get_by_role("button", name="Poging opslaan").click()
    _heading(page, "Terugbelverzoeken")
    _check(page, f"queue after {state}")


def _two_failed_attempts(page: Page, live_server: str, number: str) -> None:
    sign_in(page, live_server, "klantcontact", next_path="/medewerkers/vragen/terugbellen")
    _heading(page, "Terugbelverzoeken")
    _check(page, "queue")
    page.get_by_role("link", name=number).click()
    page.get_by_role("button", name="Poging opslaan").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    _check(page, "attempt without an outcome")
    page.get_by_role("link", name="Terug naar de terugbelverzoeken").click()
    _log_attempt(page, number, "Niet bereikt", "first attempt")
    _log_attempt(page, number, "Voicemail ingesproken", "second attempt")
    expect(
        page.get_by_text("De inwoner krijgt bericht om een nieuw tijdvak te kiezen")
    ).to_be_visible()
    sign_out(page)


def _link(live_app, number: str) -> str:
    with live_app.app_context():
        callback = callbacks.callback_for(get_case(number))
        link = links.window_link(callback)
        db.session.remove()
    return link


def _pick_new_window(page: Page, link: str) -> None:
    page.goto(link)
    expect(page.get_by_role("heading", name="Kies een nieuw moment")).to_be_visible()
    _check(page, "new window")
    page.get_by_role("button", name="Kies dit tijdvak").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    _check(page, "new window not chosen")
    page.get_by_role("radio").last.check()
    page.get_by_role("button", name="Kies dit tijdvak").click()
    expect(page.get_by_text("Bedankt. Wij bellen u in het nieuwe tijdvak.")).to_be_visible()
    _check(page, "new window chosen")


def _forged(page: Page, link: str) -> None:
    response = page.goto(link[:-4] + "0000")
    assert response.status == 404
    _heading(page, "Wij kunnen dit terugbelverzoek niet vinden")
    _check(page, "forged link")


def test_call_back_two_failed_attempts_and_a_new_window(page: Page, live_app, live_server):
    number = _ask(page, live_server)
    _two_failed_attempts(page, live_server, number)
    link = _link(live_app, number)
    _pick_new_window(page, link)
    _forged(page, link)


def test_call_back_without_javascript(page_without_js: Page, live_app, live_server):
    page = page_without_js
    number = _ask(page, live_server)
    _two_failed_attempts(page, live_server, number)
    _pick_new_window(page, _link(live_app, number))


def _fail_twice(live_app, number: str) -> None:
    """The contact centre's part, done through the rules: this test is about the keyboard."""
    with live_app.test_request_context():
        callback = callbacks.callback_for(get_case(number))
        caller = staff("Sem de Graaf", team="klantcontact")
        handling.log_attempt(callback, "not_reached", None, None, caller)
        handling.log_attempt(callback, "voicemail", None, None, caller)
        db.session.commit()
        db.session.remove()


def test_call_back_by_keyboard_only(page: Page, live_app, live_server):
    page.goto(f"{live_server}/terugbellen")
    _check(page, "request form, keyboard")
    tab_to(page, page.get_by_label("Waar gaat uw vraag over?"))
    page.keyboard.type("Iets anders")
    tab_to(page, page.get_by_label("Uw telefoonnummer"))
    page.keyboard.type("+32 470 12 34 56")
    tab_to(page, page.get_by_label("Uw e-mailadres"))
    page.keyboard.type(EMAIL)
    tab_to(page, page.get_by_role("radio").first)
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Verstuur uw verzoek"))
    page.keyboard.press("Enter")
    _heading(page, "Wij bellen u terug")
    expect(page.get_by_text("+32 470 12 34 56")).to_be_visible()
    _check(page, "sent, keyboard")
    number = _case_number(page)

    _fail_twice(live_app, number)
    page.goto(_link(live_app, number))
    _check(page, "new window, keyboard")
    tab_to(page, page.get_by_role("radio").first)
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Kies dit tijdvak"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Bedankt. Wij bellen u in het nieuwe tijdvak.")).to_be_visible()
    _check(page, "new window chosen, keyboard")
