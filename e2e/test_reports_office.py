"""A handler of team Openbare ruimte works through the reports queue: the list and the map,
plans one report, closes one (an empty result text first), starts two at once with a bulk
action, and forwards one with JavaScript off. Every page and state passes axe."""

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.support import sign_in
from portal.cases.calendar import add_working_days
from portal.cases.services import today
from portal.extensions import db
from portal.reports.handling import case_of
from portal.reports.queue import report_by_number
from tests.reports.factories import make_report

pytestmark = pytest.mark.browser

RESULT = "Wij hebben de lamp vervangen. Hij brandt weer."


def _check(page: Page, state: str) -> None:
    page.wait_for_load_state()
    check_page(page, state=state)


def _reports(live_app, count: int) -> tuple[str, list[str]]:
    """`count` open reports in an area of their own, so other tests' reports stay out of
    the filtered queue; returns the area and the case numbers."""
    area = f"Wijk {uuid.uuid4().hex[:6]}"
    with live_app.app_context():
        made = [make_report(area=area, street=f"Kerkstraat {i}") for i in range(count)]
        numbers = [case_of(report).number for report in made]
        db.session.commit()
        db.session.remove()
    return area, numbers


def _status_of(live_app, number: str) -> str:
    with live_app.app_context():
        status = report_by_number(number).status
        db.session.remove()
    return status


def _date_parts(page: Page, day) -> None:
    page.get_by_label("Dag").fill(str(day.day))
    page.get_by_label("Maand").fill(str(day.month))
    page.get_by_label("Jaar").fill(str(day.year))


def test_a_handler_works_through_the_queue(page: Page, live_app, live_server):
    area, (planned, closed, first, second) = _reports(live_app, 4)

    sign_in(page, live_server, "behandelaar-openbare-ruimte", next_path="/medewerkers/zaken")
    _check(page, "case queue")
    page.get_by_role("link", name="Naar de meldingen openbare ruimte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen van Team Openbare ruimte")
    _check(page, "report queue")
    page.get_by_label("Wijk").select_option(area)
    page.get_by_role("button", name="Filter toepassen").click()
    expect(page.get_by_role("heading", name="4 meldingen")).to_be_visible()
    _check(page, "queue filtered")

    page.get_by_role("link", name="Kaart", exact=True).click()
    expect(page.get_by_role("link", name=re.compile(planned))).to_be_visible()
    _check(page, "map")
    page.get_by_role("link", name="Lijst", exact=True).click()
    _check(page, "list again")

    page.get_by_role("link", name=planned, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(planned)
    _check(page, "report")
    page.get_by_role("link", name="Werk inplannen").click()
    _check(page, "plan form")
    day = add_working_days(today(), 2)
    _date_parts(page, day)
    page.get_by_label("Uitleg voor de melder").fill("Wij komen met een hoogwerker.")
    page.get_by_role("button", name="Inplannen").click()
    expect(page.get_by_text("Het werk is ingepland.")).to_be_visible()
    _check(page, "planned")
    assert _status_of(live_app, planned) == "ingepland"

    page.goto(f"{live_server}/medewerkers/meldingen/{closed}/afhandelen")
    _check(page, "close form")
    page.get_by_role("button", name="Afhandelen").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(page.get_by_role("link", name=re.compile("Schrijf op wat er is gedaan"))).to_be_visible()
    _check(page, "close form error")
    page.get_by_label("Wat is er gedaan?").fill(RESULT)
    page.get_by_role("button", name="Afhandelen").click()
    expect(page.get_by_text("De melding is afgehandeld.")).to_be_visible()
    expect(page.get_by_text(RESULT).first).to_be_visible()
    _check(page, "closed")

    page.goto(f"{live_server}/medewerkers/meldingen?area={area}")
    _check(page, "queue before bulk")
    page.get_by_label(f"Kies melding {first}").check()
    page.get_by_label(f"Kies melding {second}").check()
    page.get_by_label("In behandeling nemen").check()
    page.get_by_role("button", name="Bijwerken").click()
    expect(page.get_by_text("2 meldingen zijn bijgewerkt.")).to_be_visible()
    _check(page, "bulk done")
    assert {_status_of(live_app, n) for n in (first, second)} == {"in_behandeling"}


def test_forwarding_works_without_javascript(page_without_js: Page, live_app, live_server):
    page = page_without_js
    _area, (number,) = _reports(live_app, 1)

    sign_in(
        page,
        live_server,
        "behandelaar-openbare-ruimte",
        next_path=f"/medewerkers/meldingen/{number}",
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
    _check(page, "report without JavaScript")
    page.get_by_role("link", name="Doorsturen naar een andere organisatie").click()
    _check(page, "forward form without JavaScript")
    page.get_by_role("button", name="Doorsturen en afsluiten").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    _check(page, "forward form error without JavaScript")
    page.get_by_label("Naar welke organisatie stuurt u de melding?").fill("ProRail")
    page.get_by_label("Bericht aan de melder").fill("ProRail repareert de overweg. Bel ProRail.")
    page.get_by_role("button", name="Doorsturen en afsluiten").click()
    expect(page.get_by_text("De melding is doorgestuurd.")).to_be_visible()
    _check(page, "forwarded without JavaScript")
    assert _status_of(live_app, number) == "doorgestuurd"
