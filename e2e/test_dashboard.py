"""A team leader reads the dashboard: lands on it after signing in, picks another period
with the keyboard, types a period of their own (first the wrong way round), and finds the
CSV links; then the same without JavaScript. Every page state passes axe at both widths."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.support import sign_in
from portal.extensions import db
from tests.dashboard import factories

pytestmark = pytest.mark.browser


def _check(page: Page, state: str) -> None:
    page.wait_for_load_state()
    check_page(page, state=state)


def _marks_this_month(live_app) -> None:
    """A few closed cases with marks for team Burgerzaken, so the charts have bars."""
    now = datetime.now(UTC).replace(tzinfo=None)
    with live_app.app_context():
        for mark in (5, 8, 9):
            case = factories.make_case(
                created_at=now - timedelta(days=3),
                closed_at=now - timedelta(hours=2),
                expected=(now + timedelta(days=3)).date(),
            )
            factories.give_mark(case, mark, now - timedelta(hours=1), "Vriendelijk en snel.")
        db.session.commit()
        db.session.remove()


def _fill_date(page: Page, group: str, day: datetime) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Dag").fill(str(day.day))
    fieldset.get_by_label("Maand").fill(str(day.month))
    fieldset.get_by_label("Jaar").fill(str(day.year))


def test_a_team_leader_reads_the_dashboard(page: Page, live_app, live_server):
    _marks_this_month(live_app)

    sign_in(page, live_server, "teamleider")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.locator("#dashboard-scope")).to_contain_text("Team Burgerzaken")
    _check(page, "dashboard, this week")

    period = page.get_by_label("Periode", exact=True)
    period.focus()
    period.press("ArrowDown")
    period.press("ArrowDown")  # Deze week -> Vorige week -> Deze maand
    expect(period).to_have_value("deze-maand")
    page.get_by_role("button", name="Toon de cijfers").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"periode=deze-maand"))
    expect(page.get_by_role("img", name="Gemiddeld cijfer per product")).to_be_visible()
    expect(page.get_by_role("table", name="Hoe vaak elk cijfer is gegeven")).to_be_visible()
    expect(page.get_by_text("Vriendelijk en snel.").first).to_be_visible()
    _check(page, "dashboard, this month")

    today = datetime.now(UTC)
    page.get_by_label("Periode", exact=True).select_option("zelf-kiezen")
    _fill_date(page, "Vanaf", today)
    _fill_date(page, "Tot en met", today - timedelta(days=10))
    page.get_by_role("button", name="Toon de cijfers").press("Enter")
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(
        page.get_by_role("link", name=re.compile("De laatste dag ligt voor de eerste dag"))
    ).to_be_visible()
    _check(page, "dashboard, dates the wrong way round")

    _fill_date(page, "Vanaf", today - timedelta(days=10))
    _fill_date(page, "Tot en met", today)
    page.get_by_role("button", name="Toon de cijfers").press("Enter")
    expect(page).not_to_have_title(re.compile(r"^Fout: "))
    csv_link = page.get_by_role("link", name="Download cijfers van inwoners als CSV-bestand")
    expect(csv_link).to_have_attribute("href", re.compile(r"/export/cijfers\.csv\?"))
    _check(page, "dashboard, own period")


def test_the_dashboard_works_without_javascript(page_without_js: Page, live_app, live_server):
    page = page_without_js
    sign_in(page, live_server, "teamleider", next_path="/medewerkers/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    _check(page, "dashboard without JavaScript")
    page.get_by_label("Periode", exact=True).select_option("vorige-maand")
    page.get_by_label("Kanaal", exact=True).select_option("klantcontact")
    page.get_by_role("button", name="Toon de cijfers").click()
    expect(page.get_by_text("Afspraken hebben geen kanaal.")).to_be_visible()
    _check(page, "dashboard, last month, contact centre, without JavaScript")
