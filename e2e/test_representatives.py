"""Acting for someone in a real browser: the daughter acts for her father, switches to herself
and back; the father sees what she did and ends it; a bewindvoerder searches his clients."""

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import delete

from e2e.axe import check_page
from e2e.support import choose_persona, sign_in
from portal.auth.models import MandateUse
from portal.extensions import db


@pytest.fixture
def fresh_mandates(live_app):
    """The block the father sets must not reach other tests that sign in as his daughter."""
    yield
    with live_app.app_context():
        db.session.execute(delete(MandateUse))
        db.session.commit()
        db.session.remove()


def _press(page: Page, role: str, name: str) -> None:
    """Keyboard only: focus the control and press Enter."""
    control = page.get_by_role(role, name=name)
    control.focus()
    expect(control).to_be_focused()
    page.keyboard.press("Enter")


def test_daughter_acts_for_father_switches_to_herself_and_back(
    page_without_js: Page, live_server, fresh_mandates
):
    page = page_without_js
    sign_in(page, live_server, "dochter-namens-vader", next_path="/contact")
    header = page.locator(".acting-for")
    expect(header).to_contain_text("U regelt dit namens Henk Bakker")
    check_page(page)

    _press(page, "button", "Voor mijzelf regelen")
    expect(page.locator("h1")).to_have_text("Mijn overzicht")
    expect(header).to_contain_text("U regelt dit voor uzelf")
    expect(header).not_to_contain_text("namens")
    check_page(page)

    _press(page, "link", "Voor iemand anders regelen")
    expect(page.locator("h1")).to_have_text("Voor wie wilt u iets regelen?")
    check_page(page)
    _press(page, "button", "Regel zaken voor Henk Bakker")
    expect(page.get_by_text("U wilt zaken regelen namens Henk Bakker")).to_be_visible()
    choose_persona(page, "dochter-namens-vader")
    expect(page.locator("h1")).to_have_text("Mijn overzicht")
    expect(header).to_contain_text("U regelt dit namens Henk Bakker")
    check_page(page)


def test_father_sees_what_she_did_and_ends_it(
    page: Page, page_without_js: Page, live_server, fresh_mandates
):
    daughter = page
    sign_in(daughter, live_server, "dochter-namens-vader", next_path="/mijn-zaken")
    expect(daughter.locator(".acting-for")).to_contain_text("U regelt dit namens Henk Bakker")
    check_page(daughter)

    father = page_without_js
    sign_in(father, live_server, "vader")
    expect(father.locator(".acting-for")).to_have_count(0)
    check_page(father)
    _press(father, "link", "Wie regelt zaken voor u")
    expect(father.locator("h1")).to_have_text("Wie regelt zaken voor u")
    expect(father.get_by_role("heading", name="Sanne Bakker")).to_be_visible()
    history = father.get_by_role("table", name="Wat er voor u is gedaan")
    expect(history).to_contain_text("Logde in om zaken voor u te regelen")
    check_page(father)
    _press(father, "button", "Stoppen: Sanne Bakker mag hier niets meer voor mij regelen")
    expect(father.locator(".utrecht-alert--ok")).to_contain_text("geen zaken meer voor u regelen")
    expect(father.get_by_role("button", name="Weer toestaan")).to_be_visible()
    check_page(father)

    # Her next request is refused, in plain words, with a way on for herself.
    daughter.reload()
    expect(daughter.locator("h1")).to_have_text(
        "U kunt hier geen zaken meer regelen voor Henk Bakker"
    )
    check_page(daughter)
    daughter.get_by_role("button", name="Verder voor mijzelf").click()
    expect(daughter.locator("h1")).to_have_text("Mijn overzicht")
    expect(daughter.locator(".acting-for")).to_contain_text("U regelt dit voor uzelf")
    check_page(daughter)

    father.reload()
    expect(father.get_by_role("table", name="Wat er voor u is gedaan")).to_contain_text(
        "Wilde zaken voor u regelen, maar u had dat gestopt"
    )
    check_page(father)


def test_bewindvoerder_finds_a_client_without_javascript(page_without_js: Page, live_server):
    page = page_without_js
    sign_in(page, live_server, "bewindvoerder-veel-clienten")
    check_page(page)
    _press(page, "link", "Voor iemand anders regelen")
    expect(page.locator("h1")).to_have_text("Voor wie wilt u iets regelen?")
    expect(page.get_by_role("heading", name="U heeft 25 machtigingen")).to_be_visible()
    check_page(page)
    page.get_by_label("Zoek op naam").fill("kok")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Regel zaken voor Olga Kok")).to_be_visible()
    expect(page.locator(".mandate-list__item")).to_have_count(1)
    assert "999991" not in page.url
    check_page(page)
    _press(page, "button", "Regel zaken voor Olga Kok")
    choose_persona(page, "bewindvoerder-veel-clienten")
    expect(page.locator(".acting-for")).to_contain_text("U regelt dit namens Olga Kok")
    check_page(page)
