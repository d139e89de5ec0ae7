"""Residents, companies and representatives follow their cases: "Mijn zaken", a task answered
in the portal, what a mandate or a branch lets someone see, the Berichtenbox with its unread
count, and a mark for a closed case without JavaScript. Every page state passes axe.

The handler's side (a case moved forward, the e-mail) is in test_backoffice_handler.py."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import case as sql_case
from sqlalchemy import func, select, update

from e2e.axe import check_page
from e2e.support import sign_in
from portal.cases.models import Case, Message
from portal.extensions import db

pytestmark = pytest.mark.browser


def _check(page: Page, state: str = "") -> None:
    """axe once the page has its styles: a click returns as soon as the new page starts."""
    page.wait_for_load_state()
    check_page(page, state=state)


def _numbers(live_app, *keys: str) -> list[str]:
    with live_app.app_context():
        numbers = [
            db.session.scalars(select(Case.number).where(Case.idempotency_key == key)).one()
            for key in keys
        ]
        db.session.remove()
    return numbers


def test_the_resident_answers_a_task(page: Page, live_app, live_server):
    [number] = _numbers(live_app, "demo-fatima-parkeren")
    sign_in(page, live_server, "inwoner")
    _check(page, state="home signed in")
    account = page.get_by_role("navigation", name="Mijn account")
    account.get_by_role("link", name="Mijn zaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn zaken")
    _check(page, state="mijn zaken")
    page.get_by_role("link", name="Parkeervergunning voor bewoners").click()
    expect(page.get_by_text(number).first).to_be_visible()
    expect(page.get_by_role("heading", name="Wat u nog moet doen")).to_be_visible()
    _check(page, state="case with a task")
    page.get_by_role("link", name="Taak doen").click()
    _check(page, state="task")
    page.get_by_role("button", name="Versturen").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    _check(page, state="task error")
    page.get_by_label("Uw antwoord").fill("Mijn kentekenbewijs stuur ik morgen op.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Bedankt. Wij hebben uw antwoord ontvangen.")).to_be_visible()
    _check(page, state="task done")
    expect(page.get_by_role("link", name="Taak doen")).to_have_count(0)
    expect(page.get_by_text("In behandeling").first).to_be_visible()


def test_a_representative_sees_only_the_cases_of_the_mandate(page: Page, live_app, live_server):
    covered, outside = _numbers(live_app, "demo-henk-wmo", "demo-henk-parkeren")
    sign_in(page, live_server, "dochter-namens-vader")
    _check(page, state="home signed in")
    page.goto(f"{live_server}/mijn-zaken")
    _check(page)
    expect(page.get_by_text(covered)).to_be_visible()
    expect(page.get_by_text(outside)).to_have_count(0)
    response = page.goto(f"{live_server}/mijn-zaken/{outside}")
    assert response.status == 404
    _check(page, state="not found")


def _only_the_wmo_case_unread(live_app) -> int:
    """Other browser tests in the same server (which ones depends on how files are spread over
    workers) may read the WMO case's messages or add messages to Henk's cases; this test
    starts from the demo's own two unread ones: the handler's message (its id is returned)
    and the status change before it."""
    with live_app.app_context():
        wmo = db.session.scalars(select(Case).where(Case.idempotency_key == "demo-henk-wmo")).one()
        henks = select(Case.id).where(Case.party_identifier == wmo.party_identifier)
        outgoing = select(Message).where(Message.case_id == wmo.id, Message.direction == "out")
        handler = (
            db.session.scalars(
                outgoing.where(Message.body.like("Past dinsdagochtend%")).order_by(Message.id)
            )
            .first()
            .id
        )
        status = (
            db.session.scalars(outgoing.where(Message.kind == "status").order_by(Message.id))
            .first()
            .id
        )
        keep_unread = [handler, status]
        db.session.execute(
            update(Message)
            .where(Message.direction == "out", Message.case_id.in_(henks))
            .values(read_at=sql_case((Message.id.in_(keep_unread), None), else_=func.now()))
        )
        db.session.commit()
        db.session.remove()
    return handler


def test_the_header_counts_unread_messages_until_they_are_read(page: Page, live_app, live_server):
    handler_message = _only_the_wmo_case_unread(live_app)
    sign_in(page, live_server, "dochter-namens-vader")
    account = page.get_by_role("navigation", name="Mijn account")
    # The handler's message and the status change before it.
    expect(account.get_by_role("link", name=re.compile("Berichten"))).to_have_text(
        re.compile(r"Berichtenbox\s*2\s*ongelezen")
    )
    _check(page, state="signed in with unread messages")
    account.get_by_role("link", name=re.compile("Berichten")).click()
    _check(page, state="berichtenbox")
    # Other tests may have left more messages on this case: the demo's is opened.
    link = page.locator(f'a[href="/berichten/{handler_message}"]')
    expect(link).to_have_text("Bericht over Hulp bij het huishouden")
    link.click()
    expect(
        page.get_by_text("Past dinsdagochtend om 10.00 uur voor een huisbezoek?")
    ).to_be_visible()
    _check(page, state="message")
    expect(account.get_by_role("link", name=re.compile("Berichten"))).to_have_text(
        re.compile(r"Berichtenbox\s*1\s*ongelezen")
    )
    # The case page shows the status change too: now everything is read.
    page.get_by_role("link", name="Naar uw zaak en antwoorden").click()
    _check(page, state="case")
    expect(account.get_by_role("link", name=re.compile("Berichten"))).to_have_text("Berichtenbox")


def test_a_company_sees_the_cases_of_its_own_branch(page: Page, live_app, live_server):
    own, other_branch = _numbers(live_app, "demo-cafe-terras", "demo-cafe-station-melding")
    sign_in(page, live_server, "ondernemer")
    _check(page, state="home signed in")
    page.goto(f"{live_server}/mijn-zaken")
    _check(page)
    expect(page.get_by_text(own)).to_be_visible()
    expect(page.get_by_text(other_branch)).to_have_count(0)


def test_inbox_and_feedback_work_without_javascript(page_without_js: Page, live_server):
    page = page_without_js
    sign_in(page, live_server, "inwoner")
    _check(page, state="home signed in")
    page.goto(f"{live_server}/berichten")
    _check(page)
    page.get_by_role("link", name="Bericht over Uittreksel BRP").click()
    _check(page, state="message")
    page.get_by_role("link", name="Naar uw zaak en antwoorden").click()
    _check(page, state="closed case")
    page.get_by_role("button", name="Cijfer versturen").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    _check(page, state="feedback error")
    page.get_by_label("8", exact=True).check()
    page.get_by_label(re.compile("Wat kunnen wij beter doen")).fill("Snel en duidelijk.")
    page.get_by_role("button", name="Cijfer versturen").click()
    expect(page.get_by_text("U gaf ons een 8.")).to_be_visible()
    _check(page, state="feedback given")
