"""Level of assurance before, not after, and nothing lost at a time-out: a resident at DigiD
Basis is offered to sign in again at the level a request needs and finishes it, by keyboard
only; without JavaScript the page says when the session ends, and answers typed on a step
posted after the time-out are there again after signing in. Every page passes axe at 1280
and 320 px."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.support import choose_persona, press, sign_in, tab_to
from portal.auth.models import AuthSession
from portal.extensions import db

pytestmark = pytest.mark.browser

PRODUCT = "uittreksel-brp"


def _check(page: Page, state: str = "") -> None:
    page.wait_for_load_state("load")
    check_page(page, state=state)


def test_a_basis_resident_steps_up_and_finishes_her_request(page: Page, live_server):
    sign_in(page, live_server, "inwoner-basis", next_path=f"/producten/{PRODUCT}")
    page.goto(f"{live_server}/taal/nl?next=/producten/{PRODUCT}")
    expect(page.get_by_text("Hiervoor logt u in met DigiD op niveau Substantieel.")).to_be_visible()
    _check(page, state="product page")
    press(page, page.get_by_role("link", name="Start", exact=True))
    expect(page.get_by_role("heading", name="Log opnieuw in op een hoger niveau")).to_be_visible()
    expect(page.get_by_text("U bent nu ingelogd met DigiD Basis")).to_be_visible()
    _check(page, state="step-up offer")
    press(page, page.get_by_role("link", name="Opnieuw inloggen en starten"))
    choose_persona(page, "inwoner-basis-app")
    expect(page.get_by_text(re.compile(r"Stap 1 van \d"))).to_be_visible()
    expect(page.get_by_text("Kees de Vries")).to_be_visible()
    _check(page, state="first step after step-up")
    press(page, page.get_by_role("button", name="Doorgaan"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Welk uittreksel heeft u nodig?")
    _check(page, state="second step")
    press(page, page.get_by_label("Met mijn gegevens van nu"), "Space")
    press(page, page.get_by_label("In Nederland"), "Space")
    press(page, page.get_by_role("button", name="Doorgaan"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe kunnen wij u bereiken?")
    _check(page, state="contact step")
    tab_to(page, page.get_by_label("Telefoonnummer"))
    page.keyboard.type("0612345678")
    press(page, page.get_by_role("button", name="Doorgaan"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw antwoorden")
    _check(page, state="check answers")
    press(page, page.locator("#verklaring"), "Space")
    press(page, page.get_by_role("button", name="Versturen"))
    expect(page.get_by_text(re.compile(r"Uw zaaknummer is Z-\d{4}-\d{6}"))).to_be_visible()
    _check(page, state="confirmation")


def _time_out(live_app) -> None:
    with live_app.app_context():
        for row in db.session.scalars(db.select(AuthSession)):
            row.last_seen_at = datetime.now(UTC) - timedelta(minutes=16)
        db.session.commit()
        db.session.remove()


def test_without_javascript_typed_answers_survive_a_time_out(
    page_without_js: Page, live_app, live_server
):
    page = page_without_js
    sign_in(page, live_server, "inwoner", next_path=f"/aanvragen/{PRODUCT}/beginnen")
    page.goto(f"{live_server}/taal/nl?next=/aanvragen/{PRODUCT}/beginnen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw gegevens")
    _check(page, state="first step")
    page.get_by_role("button", name="Doorgaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welk uittreksel heeft u nodig?")
    _check(page, state="second step")
    page.get_by_label("Met mijn gegevens van nu").check()
    page.get_by_label("In Nederland").check()
    page.get_by_role("button", name="Doorgaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe kunnen wij u bereiken?")
    notice = page.get_by_text(re.compile(r"U wordt om \d{2}:\d{2} uitgelogd als u niets doet"))
    expect(notice).to_be_visible()
    _check(page, state="step with the sign-out time")
    page.get_by_label("Telefoonnummer").fill("0687654321")
    _time_out(live_app)
    page.get_by_role("button", name="Doorgaan").click()
    expect(page.locator("h1")).to_have_text("Inloggen")
    expect(page.get_by_text("U bent uitgelogd omdat u een tijd niets deed")).to_be_visible()
    _check(page, state="signed out by the time-out")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    choose_persona(page, "inwoner")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe kunnen wij u bereiken?")
    expect(page.get_by_label("Telefoonnummer")).to_have_value("0687654321")
    expect(page.get_by_text("Wij hebben ze voor u vastgehouden")).to_be_visible()
    _check(page, state="answers restored")
    page.get_by_role("button", name="Doorgaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw antwoorden")
    expect(page.get_by_role("main")).to_contain_text("0687654321")
    _check(page, state="check answers")
