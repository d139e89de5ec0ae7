"""Messages in one place: a status change shows up in the Berichtenbox; opening a case marks
as read only what that page showed; an e-mail address typed in a request form is used for the
case and can be kept in the profile. Every page state passes axe at 1280 and 320 px; the
profile offer is used by keyboard only."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.support import sign_in
from portal.auth.principal import Party
from portal.cases import creation, handling, services
from portal.cases.models import Message
from portal.components import clock
from portal.extensions import db
from portal.profile import services as profile
from tests.support import principals

pytestmark = pytest.mark.browser

TYPED = "joost.werk@voorbeeld.example"
FATIMA, JOOST = "999990007", "999990172"
NOTE = "Wij hebben alles. Wij nemen nu een besluit."


def _check(page: Page, state: str = "") -> None:
    page.wait_for_load_state("load")
    check_page(page, state=state)


def _new_case(live_app, key: str, bsn: str, product: str) -> tuple[str, int]:
    """A case of the test's own, moved on by a handler: (number, id of its status message).
    Not a demo case: other browser tests count the demo's messages."""
    with live_app.app_context():
        case = creation.create_case(
            product_slug=product,
            party=Party("person", bsn),
            actor=None,
            answers={},
            idempotency_key=key,
        )
        handling.change_status(case, "besluit", NOTE, principals.staff("Maria Visser"))
        db.session.commit()
        found = case.number, case.messages[-1].id
        db.session.remove()
    return found


def _send_message(live_app, number: str, text: str) -> int:
    with live_app.app_context():
        message = handling.send_message(services.get_case(number), text, principals.staff())
        db.session.commit()
        message_id = message.id
        db.session.remove()
    return message_id


def _is_read(live_app, *message_ids: int) -> list[bool]:
    with live_app.app_context():
        found = [db.session.get(Message, i).read_at is not None for i in message_ids]
        db.session.remove()
    return found


def _go_on(page: Page) -> None:
    page.get_by_role("button", name="Doorgaan").click()
    page.wait_for_load_state("load")


def _tab_to(page: Page, target, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError("the keyboard cannot reach the target")


def test_a_status_change_shows_up_in_the_berichtenbox(page: Page, live_app, live_server):
    _new_case(live_app, "e2e-berichtenbox-status", FATIMA, "hulp-bij-het-huishouden")
    sign_in(page, live_server, "inwoner")
    _check(page, state="home signed in")
    account = page.get_by_role("navigation", name="Mijn account")
    account.get_by_role("link", name=re.compile("^Berichtenbox")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Berichtenbox")
    _check(page, state="berichtenbox with a status change")
    page.get_by_role("link", name="Nieuws over Hulp bij het huishouden").first.click()
    expect(page.get_by_text("De status van uw zaak is nu: Wij nemen een besluit.")).to_be_visible()
    expect(page.get_by_text(NOTE)).to_be_visible()
    _check(page, state="status message")


def test_opening_a_case_reads_only_what_it_showed(page: Page, live_app, live_server):
    number, shown = _new_case(live_app, "e2e-berichtenbox-a", FATIMA, "hulp-bij-het-huishouden")
    _, elsewhere = _new_case(live_app, "e2e-berichtenbox-b", FATIMA, "hulp-bij-het-huishouden")
    sign_in(page, live_server, "inwoner")
    _check(page, state="home signed in")
    page.goto(f"{live_server}/mijn-zaken/{number}")
    thread = page.get_by_role("region", name="Berichten over deze zaak")
    expect(thread.get_by_text(NOTE)).to_be_visible()
    _check(page, state="case with a new status message")
    # Written after the page was shown: it stays unread until the resident sees it.
    later = _send_message(live_app, number, "Wij bellen u morgen.")
    assert _is_read(live_app, shown, elsewhere, later) == [True, False, False]
    page.goto(f"{live_server}/berichten")
    expect(
        page.get_by_role("link", name="Bericht over Hulp bij het huishouden").first
    ).to_be_visible()
    _check(page, state="berichtenbox after opening the case")


def test_a_typed_address_is_used_and_kept_in_the_profile(page: Page, live_app, live_server):
    sign_in(page, live_server, "inwoner-midden")
    _check(page, state="home signed in")
    page.goto(f"{live_server}/aanvragen/verhuizing-doorgeven/beginnen")
    _check(page, state="step 1")
    _go_on(page)
    page.get_by_label("Postcode").fill("9999 AH")
    page.get_by_label("Huisnummer").fill("2")
    _check(page, state="step 2")
    _go_on(page)
    day = clock.today() + timedelta(days=7)
    page.locator("#verhuisdatum-day").fill(str(day.day))
    page.locator("#verhuisdatum-month").fill(str(day.month))
    page.locator("#verhuisdatum-year").fill(str(day.year))
    page.get_by_label("Ja, ik verhuis alleen").check()
    _check(page, state="step 3")
    _go_on(page)
    page.get_by_label("E-mailadres").fill(TYPED)
    _check(page, state="contact step")
    _go_on(page)
    page.locator("#verklaring").check()
    _check(page, state="check answers")
    page.get_by_role("button", name="Versturen").click()

    expect(page.get_by_text(f"Dan sturen wij een e-mail naar {TYPED}.")).to_be_visible()
    expect(page.get_by_text(re.compile("wij sturen u geen e-mail", re.I))).to_have_count(0)
    _check(page, state="confirmation with the offer to keep the address")
    keep = page.get_by_role("button", name="Bewaar in mijn profiel")
    _tab_to(page, keep)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Klik op de link in die e-mail.")).to_be_visible()
    _check(page, state="case page after keeping the address")
    page.goto(f"{live_server}/mijn-gegevens/contact")
    expect(page.get_by_text(f"U heeft {TYPED} nog niet bevestigd.")).to_be_visible()
    _check(page, state="contact details with the address to confirm")
    with live_app.app_context():
        # Other browser tests fill in Joost's contact step: leave his profile as it was.
        found = profile.profile_for(Party("person", JOOST))
        found.pending_email = ""
        db.session.commit()
        db.session.remove()
