"""Following a report without an account: the follow link from the e-mail shows the timeline;
the reporter gives a mark and says "het is niet opgelost" (the empty reason first), and stops
following. Once with JavaScript and once without; axe on every page and state."""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from portal.cases.handling import close_case
from portal.cases.models import Case
from portal.extensions import db
from portal.reports import following
from portal.reports.models import ReportStatus
from portal.reports.texts import DONE, REPORTED
from tests.reports.factories import make_report, now

pytestmark = pytest.mark.browser

RESULT = "Wij hebben de lamp vervangen."


def _closed_report_link(live_app) -> str:
    """A report that the back office closed today, as the reporter's follow link."""
    with live_app.app_context():
        report = make_report()
        report.history.append(ReportStatus(status=REPORTED, created_at=report.created_at))
        reporter = following.add_follower(report, role="reporter", email="melder@example.org")
        moment = now()
        report.status, report.is_open, report.closed_at = DONE, False, moment
        report.result_text = RESULT
        report.history.append(ReportStatus(status=DONE, note=RESULT, created_at=moment))
        close_case(db.session.get(Case, report.case_id), "afgehandeld", RESULT, None)
        link = following.follow_link(reporter)
        db.session.commit()
        db.session.remove()
    return link


def _check(page: Page, state: str) -> None:
    page.wait_for_load_state()
    check_page(page, state=state)


def _say_it_is_not_solved(page: Page) -> None:
    page.get_by_role("button", name="Het is niet opgelost").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(page.get_by_role("link", name="Schrijf op wat er niet is opgelost")).to_be_visible()
    _check(page, "reopen without a reason")
    page.get_by_label("Wat is er niet opgelost?").fill("De lamp is na twee dagen weer uit.")
    page.get_by_role("button", name="Het is niet opgelost").click()
    thanks = "Bedankt. Wij gaan opnieuw aan de slag met uw melding."
    expect(page.get_by_text(thanks)).to_be_visible()
    expect(page.get_by_text("Weer in behandeling")).to_be_visible()
    expect(page.get_by_role("button", name="Het is niet opgelost")).to_have_count(0)
    _check(page, "reopened")


def test_the_reporter_follows_marks_and_reopens(page: Page, live_app, live_server):
    link = _closed_report_link(live_app)

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Melding Z-"))
    timeline = page.get_by_role("list", name="Wat er is gebeurd")
    expect(timeline.get_by_text("Gemeld")).to_be_visible()
    expect(timeline.get_by_text("Afgehandeld")).to_be_visible()
    expect(page.get_by_text(RESULT).first).to_be_visible()
    _check(page, "closed report")

    page.get_by_role("radio", name="8", exact=True).check()
    page.get_by_role("button", name="Cijfer versturen").click()
    expect(page.get_by_text("U gaf ons een 8. Bedankt!")).to_be_visible()
    _check(page, "mark given")

    _say_it_is_not_solved(page)

    response = page.goto(link[:-4] + "0000")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Wij kunnen deze melding niet vinden")
    _check(page, "forged link")


def test_following_works_without_javascript(page_without_js: Page, live_app):
    page = page_without_js
    link = _closed_report_link(live_app)

    page.goto(link)
    _check(page, "closed report")
    _say_it_is_not_solved(page)

    page.get_by_role("button", name="Stop met volgen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U volgt de melding niet meer")
    _check(page, "stopped following")
    assert page.goto(link).status == 404
    _check(page, "stopped link")
