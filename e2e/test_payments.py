"""Paying for a request in the browser, through the local test payment provider: paid at once
(by keyboard only), failed and paid again, cancelled or left open (without JavaScript), and
the provider's webhook sent twice. Every page and state passes axe at 320 and 1280 px."""

import re

import pytest
import requests
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from e2e.axe import check_page
from e2e.support import sign_in, tab_to

pytestmark = pytest.mark.browser

AMOUNT = re.compile(r"U betaalt €\s16,10 voor Uittreksel BRP")


@pytest.fixture(autouse=True)
def paying(live_app):
    live_app.config["PAYMENTS_ENABLED"] = True
    yield
    live_app.config["PAYMENTS_ENABLED"] = False


def _check(page: Page, state: str = "") -> None:
    page.wait_for_load_state("load")
    check_page(page, state=state)


def _to_provider(page: Page, live_server: str, persona: str = "inwoner") -> None:
    """Fill in an uittreksel BRP, see what it costs, send it: ends on the provider's page."""
    sign_in(page, live_server, persona, next_path="/aanvragen/uittreksel-brp/beginnen")
    _check(page, "step 1")
    page.get_by_role("button", name="Doorgaan").click()
    expect(page.get_by_label("Met mijn gegevens van nu")).to_be_visible()
    _check(page, "step 2")
    page.get_by_label("Met mijn gegevens van nu").check()
    page.get_by_label("In Nederland").check()
    page.get_by_role("button", name="Doorgaan").click()
    email = page.get_by_label("E-mailadres")
    expect(email).to_be_visible()
    _check(page, "contact step")
    if not email.input_value():
        email.fill("betaler@voorbeeld.example")
    page.get_by_role("button", name="Doorgaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw antwoorden")
    expect(page.get_by_role("main")).to_contain_text(AMOUNT)
    _check(page, "check answers with the fee")
    page.locator("#verklaring").check()
    page.get_by_role("button", name="Versturen en betalen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Testbetaling")
    expect(page.get_by_role("main")).to_contain_text(re.compile(r"€\s16,10"))
    _check(page, "test payment provider")


def _choose(page: Page, outcome: str) -> None:
    page.get_by_label(outcome).check()
    page.get_by_role("button", name="Doorgaan").click()


def _confirmation(page: Page) -> str:
    expect(page.get_by_role("heading", level=1)).to_have_text("Wij hebben uw aanvraag ontvangen")
    expect(page.get_by_role("main")).to_contain_text(re.compile(r"U heeft €\s16,10 betaald"))
    _check(page, "confirmation after paying")
    return re.search(r"Z-\d{4}-\d{6}", page.get_by_role("main").inner_text()).group(0)


def test_a_paid_request_by_keyboard_only(page: Page, live_server):
    _to_provider(page, live_server)
    tab_to(page, page.get_by_label("Betaald: de betaling lukt"))
    page.keyboard.press("Space")
    expect(page.get_by_label("Betaald: de betaling lukt")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Doorgaan"))
    page.keyboard.press("Enter")
    _confirmation(page)


def test_a_failed_payment_then_paying_again(page: Page, live_server):
    _to_provider(page, live_server)
    page.get_by_role("button", name="Doorgaan").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(page.locator("[data-error-summary]")).to_contain_text("Kies hoe de betaling afloopt.")
    _check(page, "test provider error")
    _choose(page, "Mislukt: de bank weigert de betaling")
    expect(page.get_by_role("heading", level=1)).to_have_text("De betaling is niet gelukt")
    expect(page.get_by_role("main")).to_contain_text("Uw aanvraag is nog niet verstuurd.")
    _check(page, "payment failed")
    page.get_by_role("button", name="Opnieuw betalen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Testbetaling")
    _check(page, "test provider, second payment")
    _choose(page, "Betaald: de betaling lukt")
    _confirmation(page)


def test_cancelled_and_left_open_without_javascript(page_without_js: Page, live_server):
    page = page_without_js
    _to_provider(page, live_server)
    _choose(page, "Geannuleerd: ik stop met betalen")
    expect(page.get_by_role("heading", level=1)).to_have_text("U heeft de betaling gestopt")
    _check(page, "payment cancelled")
    page.get_by_role("button", name="Opnieuw betalen").click()
    _check(page, "test provider after cancelling")
    _choose(page, "Open laten: ik ga terug zonder te betalen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wacht op betaling")
    expect(page.get_by_role("link", name="Kijk opnieuw of wij uw betaling hebben")).to_be_visible()
    _check(page, "payment left open")


def test_the_webhook_sent_twice_makes_one_case(page: Page, live_app, live_server):
    from portal.cases.models import Case
    from portal.extensions import db
    from portal.payments.models import Payment

    _to_provider(page, live_server)
    _choose(page, "Betaald: de betaling lukt")
    number = _confirmation(page)
    with live_app.app_context():
        payment = db.session.scalars(select(Payment).where(Payment.case_number == number)).one()
        provider_id = payment.provider_id
        db.session.remove()
    for _ in range(2):
        answer = requests.post(
            f"{live_server}/betalen/webhook", data={"id": provider_id}, timeout=5
        )
        assert (answer.status_code, answer.text) == (200, "")
    forged = requests.post(f"{live_server}/betalen/webhook", data={"id": "tr_nep"}, timeout=5)
    assert (forged.status_code, forged.text) == (200, "")
    with live_app.app_context():
        count = db.session.scalar(
            select(func.count()).select_from(Case).where(Case.number == number)
        )
        status = db.session.scalars(select(Payment.status).where(Payment.case_number == number))
        assert (count, list(status)) == (1, ["paid"])
        db.session.remove()
