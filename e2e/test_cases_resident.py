"""Residents follow their cases: a handler moves a case forward and the resident sees it and
gets the e-mail; the resident answers a task; a representative sees only what the mandate
covers; Berichtenbox and feedback work without JavaScript. Every page state passes axe."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from e2e.axe import check_page
from e2e.support import sign_in
from portal.cases import services
from portal.cases.models import Case
from portal.extensions import db

pytestmark = pytest.mark.browser

FATIMA_EMAIL = "fatima@voorbeeld.example"


def _case(live_app, key: str) -> Case:
    return db.session.scalars(select(Case).where(Case.idempotency_key == key)).one()


def _confirmed_email(party, email: str) -> None:
    from portal.profile import services as profile

    profile.save_contact(party, email=email, phone="", notify_by_email=True)
    profile.confirm_email(profile.confirmation_token(party, email))


def test_handler_moves_the_case_and_the_resident_sees_it_and_gets_mail(
    page: Page, live_app, live_server, mail
):
    from portal.auth.principal import Principal

    from portal.notifications.worker import run_once

    with live_app.app_context():
        wmo_number = _case(live_app, "demo-henk-wmo").number
        parking = _case(live_app, "demo-fatima-parkeren")
        _confirmed_email(services.party_of(parking), FATIMA_EMAIL)
        db.session.commit()
        db.session.remove()
    run_once(live_app)  # what the demo cases caused earlier
    mail.clear()

    with live_app.app_context():
        parking = _case(live_app, "demo-fatima-parkeren")
        handler = Principal(
            means="staff",
            level="staff",
            signed_in_at=parking.created_at,
            display_name="Maria Visser",
            roles=("case_handler",),
            team="parkeren",
        )
        services.change_status(
            parking, "besluit", "Uw kenteken klopt. Wij maken de vergunning.", handler
        )
        number = parking.number
        db.session.commit()
        db.session.remove()
    run_once(live_app)
    [email] = mail.to(FATIMA_EMAIL)
    assert number in email["Subject"]
    assert "Uw kenteken klopt" not in email.as_string()  # the e-mail only says there is news
    run_once(live_app)
    assert len(mail.to(FATIMA_EMAIL)) == 1  # sent exactly once

    sign_in(page, "inwoner")
    page.goto(f"{live_server}/mijn-zaken")
    check_page(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn zaken")
    assert wmo_number not in page.content()
    page.get_by_role("link", name="Parkeervergunning").first.click()
    check_page(page, state="case page")
    expect(page.get_by_text("Wij nemen een besluit").first).to_be_visible()
    expect(page.get_by_text("Uw kenteken klopt. Wij maken de vergunning.")).to_be_visible()


def test_the_resident_answers_a_task(page: Page, live_app, live_server):
    with live_app.app_context():
        number = _case(live_app, "demo-fatima-parkeren").number
        db.session.remove()
    sign_in(page, "inwoner")
    page.goto(f"{live_server}/mijn-zaken/{number}")
    check_page(page)
    page.get_by_role("link", name="Taak doen").click()
    check_page(page, state="task")
    page.get_by_role("button", name="Versturen").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    check_page(page, state="task error")
    page.get_by_label("Uw antwoord").fill("Mijn kentekenbewijs stuur ik morgen op.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Bedankt. Wij hebben uw antwoord ontvangen.")).to_be_visible()
    check_page(page, state="task done")
    expect(page.get_by_role("link", name="Taak doen")).to_have_count(0)


def test_a_representative_sees_only_the_cases_of_the_mandate(page: Page, live_app, live_server):
    with live_app.app_context():
        covered = _case(live_app, "demo-henk-wmo").number
        outside = _case(live_app, "demo-henk-parkeren").number
        db.session.remove()
    sign_in(page, "dochter-namens-vader")
    page.goto(f"{live_server}/mijn-zaken")
    check_page(page)
    expect(page.get_by_text(covered)).to_be_visible()
    expect(page.get_by_text(outside)).to_have_count(0)
    response = page.goto(f"{live_server}/mijn-zaken/{outside}")
    assert response.status == 404
    check_page(page, state="not found")


def test_inbox_and_feedback_work_without_javascript(page_without_js: Page, live_app, live_server):
    page = page_without_js
    sign_in(page, "inwoner")
    page.goto(f"{live_server}/berichten")
    check_page(page)
    page.get_by_role("link", name=re.compile("Bericht over")).first.click()
    check_page(page, state="message")
    page.get_by_role("link", name="Naar uw zaak en antwoorden").click()
    check_page(page, state="closed case")
    page.get_by_role("button", name="Cijfer versturen").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    check_page(page, state="feedback error")
    page.get_by_label("8", exact=True).check()
    page.get_by_label(re.compile("Wat kunnen wij beter doen")).fill("Snel en duidelijk.")
    page.get_by_role("button", name="Cijfer versturen").click()
    expect(page.get_by_text("U gaf ons een 8.")).to_be_visible()
    check_page(page, state="feedback given")
