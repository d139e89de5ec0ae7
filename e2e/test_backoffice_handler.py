"""A handler moves a case forward in the back office; the resident sees it in "Mijn zaken" and
gets one e-mail that only says there is news. Every page state passes axe."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.cases import services
from portal.cases.models import Case
from portal.extensions import db
from portal.notifications.worker import run_once

pytestmark = pytest.mark.browser

# Sign-in helpers come from the auth area; without them nobody can sign in.
support = pytest.importorskip("e2e.support", reason="sign-in helpers (auth area) not there yet")
from e2e.axe import check_page  # noqa: E402

FATIMA_EMAIL = "fatima.backoffice@voorbeeld.example"
NOTE = "Wij hebben alles. U krijgt het uittreksel deze week."


def _prepare(live_app) -> str:
    """The demo extract case of the resident, with a confirmed e-mail address; old mail out."""
    from portal.profile import services as profile

    with live_app.app_context():
        case = db.session.scalars(
            select(Case).where(Case.idempotency_key == "demo-fatima-uittreksel")
        ).one()
        party = services.party_of(case)
        profile.save_contact(party, email=FATIMA_EMAIL, phone="", notify_by_email=True)
        profile.confirm_email(profile.confirmation_token(party, FATIMA_EMAIL))
        db.session.commit()
        number = case.number
        db.session.remove()
    run_once(live_app)
    return number


def test_a_handler_moves_a_case_and_the_resident_sees_it(page: Page, live_app, live_server, mail):
    number = _prepare(live_app)
    mail.clear()

    support.sign_in(page, "behandelaar")
    page.goto(f"{live_server}/medewerkers/zaken")
    check_page(page, state="queue")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Burgerzaken"))

    page.get_by_label("Product").select_option("uittreksel-brp")
    page.get_by_role("button", name="Filter toepassen").click()
    check_page(page, state="queue filtered")
    page.get_by_role("link", name=re.compile(number)).click()
    check_page(page, state="case")
    page.get_by_role("button", name="Ik pak deze zaak op").click()
    expect(page.get_by_text("U behandelt deze zaak nu.")).to_be_visible()
    check_page(page, state="case assigned")

    page.get_by_role("link", name="Status wijzigen").click()
    check_page(page, state="status form")
    page.get_by_role("button", name="Status opslaan").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    check_page(page, state="status form error")
    page.get_by_label("Wij nemen een besluit").check()
    page.get_by_label("Uitleg voor de inwoner").fill(NOTE)
    page.get_by_role("button", name="Status opslaan").click()
    expect(page.get_by_text("De status is gewijzigd.")).to_be_visible()
    check_page(page, state="status changed")

    run_once(live_app)
    run_once(live_app)
    [email] = mail.to(FATIMA_EMAIL)
    assert number in email["Subject"]
    assert NOTE not in email.as_string()

    page.context.clear_cookies()
    support.sign_in(page, "inwoner")
    page.goto(f"{live_server}/mijn-zaken/{number}")
    check_page(page, state="resident case")
    expect(page.get_by_text(NOTE)).to_be_visible()
    expect(page.get_by_text("Maria Visser").first).to_be_visible()
