"""A beheerder at work: changes the service norm of a product with the keyboard only (a
wrong entry first), looks at every administration page, and adds a closure with JavaScript
off (an empty reason first). Every page and state passes axe."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from e2e.axe import check_page
from e2e.support import sign_in
from portal.appointments.models import Closure
from portal.cases.calendar import is_public_holiday
from portal.cases.services import today
from portal.catalog.models import Product
from portal.extensions import db

pytestmark = pytest.mark.browser

HOME = "/medewerkers/beheer/"


def _check(page: Page, state: str) -> None:
    page.wait_for_load_state()
    check_page(page, state=state)


def _norm_of(live_app, slug: str) -> tuple:
    with live_app.app_context():
        product = db.session.scalar(select(Product).where(Product.slug == slug))
        found = (product.norm_working_days, product.norm_weeks)
        db.session.remove()
    return found


def test_a_beheerder_changes_a_norm_with_the_keyboard(page: Page, live_app, live_server):
    sign_in(page, live_server, "beheerder", next_path=HOME)
    expect(page.get_by_role("heading", level=1)).to_have_text("Beheer")
    _check(page, "administration home")

    for link, heading in [
        ("Medewerkers en rollen", "Medewerkers en rollen"),
        ("Teams", "Teams"),
        ("Openingstijden, feestdagen en sluitingen", "Openingstijden, feestdagen en sluitingen"),
        ("Instellingen", "Instellingen"),
    ]:
        page.goto(live_server + HOME)
        page.get_by_role("link", name=link, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        _check(page, heading)

    page.goto(live_server + HOME)
    page.get_by_role("link", name="Termijnen en teams per product en melding").click()
    _check(page, "norms list")
    page.get_by_role("link", name="Verhuizing doorgeven", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verhuizing doorgeven")
    _check(page, "norm form")

    # Keyboard only: days and weeks both filled, Enter submits.
    days = page.get_by_label("Termijn in werkdagen")
    days.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("7")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Termijn in weken")).to_be_focused()
    page.keyboard.type("2")
    page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(
        page.get_by_role("link", name="Vul de termijn in werkdagen of in weken in.")
    ).to_be_visible()
    _check(page, "norm form with an error")

    # Follow the error summary's link to the field, clear it, save with the button.
    page.get_by_role("link", name=re.compile("Vul de termijn in werkdagen of in weken in")).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Termijn in weken")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Opslaan")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("De wijziging is opgeslagen.")).to_be_visible()
    _check(page, "norms list after the change")
    row = page.get_by_role("row", name=re.compile("Verhuizing doorgeven"))
    expect(row).to_contain_text("7 werkdagen")
    assert _norm_of(live_app, "verhuizing-doorgeven") == (7, None)

    page.goto(live_server + HOME)
    expect(page.get_by_role("cell", name="admin.product_norm_changed").first).to_be_visible()
    _check(page, "home with the latest change")


def _closing_day():
    day = today() + timedelta(days=40)
    while day.weekday() != 1 or is_public_holiday(day):
        day += timedelta(days=1)
    return day


def test_a_closure_without_javascript(page_without_js: Page, live_app, live_server):
    page = page_without_js
    sign_in(page, live_server, "beheerder", next_path=HOME + "openingstijden")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Openingstijden, feestdagen en sluitingen"
    )
    _check(page, "hours without JavaScript")
    page.get_by_role("link", name="Sluiting toevoegen").click()
    _check(page, "closure form without JavaScript")

    day = _closing_day()
    page.get_by_label("Locatie").select_option(label="Servicepunt Noord")
    page.get_by_role("group", name="Eerste dag").get_by_label("Dag").fill(str(day.day))
    page.get_by_role("group", name="Eerste dag").get_by_label("Maand").fill(str(day.month))
    page.get_by_role("group", name="Eerste dag").get_by_label("Jaar").fill(str(day.year))
    page.get_by_role("button", name="Sluiting opslaan").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    _check(page, "closure form with an error without JavaScript")

    page.get_by_label("Reden").fill("Personeelsuitje")
    page.get_by_role("button", name="Sluiting opslaan").click()
    if page.get_by_role("heading", name=re.compile("in deze tijd")).count():
        _check(page, "closure warning without JavaScript")
        page.get_by_role("button", name="Sluiting opslaan").click()
    expect(page.get_by_text("De sluiting is opgeslagen.")).to_be_visible()
    _check(page, "closure saved without JavaScript")
    expect(page.get_by_role("cell", name="Personeelsuitje")).to_be_visible()
    with live_app.app_context():
        reasons = db.session.scalars(select(Closure.reason)).all()
        db.session.remove()
    assert "Personeelsuitje" in reasons
