"""A handler moves a case forward in the back office and the resident follows it: every step
through the pages, the resident gets one e-mail per event that only says there is news,
answers the task in the portal, and gives a mark from the closing e-mail. Every page state
passes axe."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from e2e.axe import check_page
from e2e.support import sign_in
from portal.cases import services
from portal.cases.models import Case
from portal.extensions import db
from portal.notifications.worker import run_once

pytestmark = pytest.mark.browser


def _check(page: Page, state: str = "") -> None:
    """axe once the page has its styles: a click returns as soon as the new page starts."""
    page.wait_for_load_state()
    check_page(page, state=state)


FATIMA_EMAIL = "fatima.backoffice@voorbeeld.example"
NOTE = "Wij controleren uw nieuwe adres. Dat duurt een paar dagen."
TASK = "Stuur ons een kopie van uw huurcontract."
ANSWER = "Het huurcontract stuur ik morgen per post."


def _prepare(live_app) -> str:
    """The resident's demo change of address, with a confirmed e-mail address; old mail out."""
    from portal.profile import services as profile

    with live_app.app_context():
        case = db.session.scalars(
            select(Case).where(Case.idempotency_key == "demo-fatima-verhuizing")
        ).one()
        party = services.party_of(case)
        profile.save_contact(party, email=FATIMA_EMAIL, phone="", notify_by_email=True)
        profile.confirm_email(profile.confirmation_token(party, FATIMA_EMAIL))
        db.session.commit()
        number = case.number
        db.session.remove()
    run_once(live_app)
    return number


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _handler_moves_the_case(page: Page, number: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Zaken van Team Burgerzaken")
    _check(page, state="queue")
    page.get_by_label("Product").select_option("verhuizing-doorgeven")
    page.get_by_role("button", name="Filter toepassen").click()
    _check(page, state="queue filtered")
    page.get_by_role("link", name=re.compile(number)).click()
    _check(page, state="case")
    page.get_by_role("button", name="Ik pak deze zaak op").click()
    expect(page.get_by_text("U behandelt deze zaak nu.")).to_be_visible()
    _check(page, state="case assigned")

    page.get_by_role("link", name="Status wijzigen").click()
    _check(page, state="status form")
    page.get_by_role("button", name="Status opslaan").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    _check(page, state="status form error")
    page.get_by_label("In behandeling").check()
    page.get_by_label("Uitleg voor de inwoner").fill(NOTE)
    page.get_by_role("button", name="Status opslaan").click()
    expect(page.get_by_text("De status is gewijzigd.")).to_be_visible()
    _check(page, state="status changed")

    page.get_by_role("link", name="Informatie opvragen bij de inwoner").click()
    _check(page, state="information form")
    page.get_by_label("Wat heeft u nodig van de inwoner?").fill(TASK)
    page.get_by_role("button", name="Taak versturen").click()
    expect(page.get_by_text("De inwoner heeft een taak gekregen.")).to_be_visible()
    _check(page, state="task sent")


def _resident_answers(page: Page, live_server: str, number: str) -> None:
    sign_in(page, live_server, "inwoner", next_path=f"/mijn-zaken/{number}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verhuizing doorgeven")
    _check(page, state="resident case")
    expect(page.get_by_text(NOTE, exact=True)).to_be_visible()
    expect(page.get_by_text("Maria Visser van Team Burgerzaken behandelt uw zaak.")).to_be_visible()
    expect(page.get_by_text(TASK, exact=True)).to_be_visible()
    page.get_by_role("link", name="Taak doen").click()
    _check(page, state="task")
    page.get_by_label("Uw antwoord").fill(ANSWER)
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Bedankt. Wij hebben uw antwoord ontvangen.")).to_be_visible()
    _check(page, state="task done")


def _handler_closes(page: Page, live_server: str, number: str) -> None:
    sign_in(page, live_server, "behandelaar", next_path=f"/medewerkers/zaken/{number}")
    expect(page.get_by_text(f"Antwoord: {ANSWER}")).to_be_visible()
    _check(page, state="case with answer")
    page.get_by_role("link", name="Zaak afronden").click()
    _check(page, state="close form")
    page.get_by_label("Toegekend", exact=True).check()
    page.get_by_role("button", name="Zaak afronden").click()
    expect(page.get_by_text("De zaak is afgerond.")).to_be_visible()
    _check(page, state="closed")


def test_a_handler_moves_a_case_and_the_resident_follows_it(
    page: Page, live_app, live_server, mail
):
    number = _prepare(live_app)
    mail.clear()

    sign_in(page, live_server, "behandelaar")
    _handler_moves_the_case(page, number)

    run_once(live_app)
    run_once(live_app)
    emails = mail.to(FATIMA_EMAIL)
    assert len(emails) == 2  # the status change and the task, each exactly once
    assert all(number in email["Subject"] for email in emails)
    assert not any(NOTE in e.as_string() or TASK in e.as_string() for e in emails)

    page.context.clear_cookies()
    _resident_answers(page, live_server, number)

    page.context.clear_cookies()
    _handler_closes(page, live_server, number)

    mail.clear()
    run_once(live_app)
    [closing] = mail.to(FATIMA_EMAIL)
    assert closing["Subject"] == f"Uw zaak {number} is afgerond"
    [nine] = re.findall(r"^9: (\S+)", _body(closing), re.MULTILINE)

    page.context.clear_cookies()
    sign_in(page, live_server, "inwoner")
    _check(page, state="home signed in")
    link = urlsplit(nine)
    page.goto(f"{live_server}{link.path}?{link.query}#{link.fragment}")
    _check(page, state="closed case from the e-mail")
    expect(page.get_by_label("9", exact=True)).to_be_checked()
    page.get_by_role("button", name="Cijfer versturen").click()
    expect(page.get_by_text("U gaf ons een 9.")).to_be_visible()
    _check(page, state="mark given")
