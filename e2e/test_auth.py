"""Sign-in journeys in a real browser: every persona, the error paths, the idle warning."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.support import choose_persona, sign_in, sign_out
from portal.auth.models import AuthSession
from portal.extensions import db


@pytest.mark.parametrize(
    ("persona", "who"),
    [
        ("inwoner", None),
        ("inwoner-midden", None),
        ("ondernemer", None),
        ("dochter-namens-vader", "U regelt dit namens Henk"),
        ("bewindvoerder", "U regelt dit namens"),
    ],
)
def test_each_persona_signs_in_and_out(page: Page, live_server, persona, who):
    sign_in(page, live_server, persona, next_path="/contact")
    expect(page).to_have_url(f"{live_server}/contact")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    if who:
        expect(page.locator(".acting-for")).to_contain_text(who)
    else:
        expect(page.locator(".acting-for")).to_have_count(0)
    check_page(page)
    sign_out(page)
    expect(page.get_by_role("link", name="Inloggen", exact=True)).to_be_visible()


def test_staff_sign_in(page: Page, live_server):
    sign_in(page, live_server, "behandelaar")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    check_page(page)
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.locator("h1")).to_have_text("U bent uitgelogd")
    check_page(page)


def test_cancelled_sign_in_explains(page: Page, live_server):
    page.goto(f"{live_server}/inloggen")
    check_page(page)
    page.get_by_role("link", name="Inloggen met DigiD").click()
    choose_persona(page, "inwoner", cancel=True)
    expect(page.locator("h1")).to_have_text("U heeft het inloggen afgebroken")
    check_page(page)


def test_token_without_bsn_explains(page: Page, live_server):
    sign_in(page, live_server, "inwoner-zonder-bsn")
    expect(page.locator("h1")).to_have_text("Wij missen gegevens om u in te laten loggen")
    expect(page.get_by_role("link", name="Opnieuw inloggen met DigiD")).to_be_visible()
    check_page(page)


def test_stop_acting_for_someone(page: Page, live_server):
    sign_in(page, live_server, "dochter-namens-vader", next_path="/contact")
    check_page(page)
    page.get_by_role("button", name="Voor mijzelf regelen").click()
    expect(page.locator("h1")).to_have_text("Mijn overzicht")
    expect(page.locator(".acting-for")).to_contain_text("U regelt dit voor uzelf")
    check_page(page)


def test_idle_warning_dialog_keeps_the_user_signed_in(page: Page, live_server):
    sign_in(page, live_server, "inwoner", next_path="/contact")
    check_page(page)
    page.evaluate("window.portalSession.warn()")
    dialog = page.get_by_role("dialog", name="Wilt u ingelogd blijven?")
    expect(dialog).to_be_visible()
    stay = page.get_by_role("button", name="Ingelogd blijven")
    expect(stay).to_be_focused()
    check_page(page, state="idle warning open")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def test_expired_session_without_javascript_keeps_the_place(
    page_without_js: Page, live_server, live_app
):
    page = page_without_js
    sign_in(page, live_server, "inwoner", next_path="/contact")
    check_page(page)
    with live_app.app_context():
        for row in db.session.scalars(db.select(AuthSession)):
            row.last_seen_at = datetime.now(UTC) - timedelta(minutes=16)
        db.session.commit()
        db.session.remove()
    page.goto(f"{live_server}/mijn-zaken")
    expect(page.locator("h1")).to_have_text("Inloggen")
    expect(page.get_by_text("U bent uitgelogd omdat u een tijd niets deed")).to_be_visible()
    check_page(page)
    page.get_by_role("link", name="Inloggen met DigiD").click()
    choose_persona(page, "inwoner")
    expect(page).to_have_url(f"{live_server}/mijn-zaken")
    check_page(page)


def test_low_level_of_assurance_gets_an_explanation(page: Page, live_server):
    sign_in(page, live_server, "inwoner-basis", next_path="/mijn-zaken")
    expect(page.locator("h1")).to_have_text("U moet op een veiligere manier inloggen")
    expect(page.get_by_role("link", name="Opnieuw inloggen op een hoger niveau")).to_be_visible()
    check_page(page)
    page.get_by_role("link", name="Opnieuw inloggen op een hoger niveau").click()
    choose_persona(page, "inwoner-midden")
    expect(page).to_have_url(f"{live_server}/mijn-zaken")
    check_page(page)


def test_sign_in_without_a_destination_lands_on_the_overview(page: Page, live_server):
    sign_in(page, live_server, "inwoner")
    expect(page).to_have_url(f"{live_server}/mijn-overzicht")
    expect(page.locator("h1")).to_have_text("Mijn overzicht")
    check_page(page)
    page.get_by_role("link", name="Mijn gegevens").click()
    expect(page.locator("h1")).to_contain_text("gegevens")
    check_page(page)


def test_a_mandate_that_does_not_cover_personal_data_is_refused_plainly(page: Page, live_server):
    sign_in(page, live_server, "buurman-namens-henk", next_path="/mijn-gegevens")
    expect(page.locator("h1")).to_have_text("U kunt deze gegevens niet bekijken")
    expect(page.locator(".acting-for")).to_contain_text("U regelt dit namens Henk Bakker")
    check_page(page)
