"""Proposed, not searched for: a Wmo request ends in a proposed home visit, which the resident
accepts on the case page and then finds in Mijn afspraken, by keyboard only. Without
JavaScript the resident picks another time and first sees the error of an empty choice.
Every page and every state passes axe."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from e2e.axe import check_page
from e2e.support import choose_persona, press, sign_in, tab_to
from portal.appointments import proposals
from portal.auth.principal import Party
from portal.cases import creation as case_creation
from portal.cases.models import Case
from portal.extensions import db
from tests.support import principals

pytestmark = pytest.mark.browser

FATIMA = "999990007"


def _check(page: Page, state: str = "") -> None:
    page.wait_for_load_state("load")
    check_page(page, state=state)


def test_a_wmo_request_ends_in_a_home_visit_in_mijn_afspraken(page: Page, live_server):
    page.goto(f"{live_server}/aanvragen/hulp-bij-het-huishouden")
    _check(page, state="start page")
    press(page, page.get_by_role("link", name=re.compile(r"^(Start|Begin een nieuwe aanvraag)$")))
    expect(page).to_have_url(re.compile(r"/inloggen"))
    _check(page, state="sign in")
    press(page, page.get_by_role("link", name="Inloggen met DigiD"))
    choose_persona(page, "inwoner")
    page.wait_for_load_state()
    page.goto(f"{live_server}/taal/nl?next=/aanvragen/hulp-bij-het-huishouden/beginnen")

    expect(page.get_by_role("heading", level=1)).to_have_text("Voor wie is de hulp?")
    _check(page, state="step 1")
    press(page, page.get_by_role("button", name="Doorgaan"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw vraag")
    _check(page, state="step 2")
    tab_to(page, page.get_by_label(re.compile("Wat vindt u lastig in huis")))
    page.keyboard.type("Ik kan niet meer stofzuigen door mijn rug.")
    press(page, page.get_by_label("Ja, van familie, vrienden of buren"), "Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Nee", exact=True)).to_be_checked()
    press(page, page.get_by_label("In de ochtend"), "Space")
    press(page, page.get_by_role("button", name="Doorgaan"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe kunnen wij u bereiken?")
    _check(page, state="contact")
    tab_to(page, page.get_by_label("Telefoonnummer"))
    page.keyboard.press("Control+A")
    page.keyboard.type("06 12345678")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw antwoorden")
    _check(page, state="check answers")
    press(page, page.locator("#verklaring"), "Space")
    press(page, page.get_by_role("button", name="Versturen"))

    expect(page.get_by_text(re.compile(r"Uw zaaknummer is Z-"))).to_be_visible()
    proposal = page.get_by_text(re.compile(r"^Wij stellen voor: .+ uur bij u thuis\.$"))
    expect(proposal).to_be_visible()
    moment = proposal.inner_text().removeprefix("Wij stellen voor: ").removesuffix(".")
    _check(page, state="confirmation with a proposed visit")
    press(page, page.get_by_role("link", name="Geef uw antwoord"))

    expect(page.get_by_role("heading", name="Wij stellen een afspraak voor")).to_be_visible()
    expect(page.get_by_text(f"Wij stellen voor: {moment}.").first).to_be_visible()
    _check(page, state="case with a proposal")
    press(page, page.get_by_role("button", name="Ja, dat past"))
    expect(page.get_by_text("Uw afspraak staat.")).to_be_visible()
    expect(page.get_by_role("heading", name="Uw afspraak")).to_be_visible()
    timeline = page.locator(".case-timeline")
    expect(timeline).to_contain_text(f"Wij stellen voor: {moment}.")
    expect(timeline).to_contain_text(f"De afspraak staat: {moment}.")
    _check(page, state="case with the visit booked")

    press(page, page.get_by_role("link", name="Bekijk al uw afspraken in Mijn afspraken"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn afspraken")
    expect(page.get_by_role("main")).to_contain_text("Huisbezoek voor hulp thuis")
    _check(page, state="mijn afspraken")


def _proposed_case(live_app) -> str:
    """A Wmo case of Fatima with a proposed home visit, as the handler would make it."""
    with live_app.test_request_context():
        case = case_creation.create_case(
            product_slug="hulp-bij-het-huishouden",
            party=Party(kind="person", identifier=FATIMA),
            actor=principals.resident(FATIMA, "Fatima el Amrani"),
            answers={"naam": "Fatima el Amrani", "adres": "Dorpsstraat 1, 9999 AA Voorbeeld"},
            contact={"email": "fatima@voorbeeld.example", "telefoon": ""},
            idempotency_key="e2e-wmo-proposal",
        )
        first = proposals.proposable_slots("wmo-huisbezoek", "thuis")[0]
        proposals.propose(
            case, "wmo-huisbezoek", "thuis", first.starts_at, principals.staff("Eva de Jong", "wmo")
        )
        db.session.commit()
        number = case.number
        db.session.remove()
    return number


def test_another_time_and_a_call_without_javascript(page_without_js: Page, live_app, live_server):
    page = page_without_js
    number = _proposed_case(live_app)
    sign_in(page, live_server, "inwoner", f"/mijn-zaken/{number}")
    # Personas are shared by all browser tests, and another test may have chosen English.
    page.goto(f"{live_server}/taal/nl?next=/mijn-zaken/{number}")
    expect(page.get_by_role("heading", name="Wij stellen een afspraak voor")).to_be_visible()
    _check(page, state="case with a proposal, no JavaScript")
    page.get_by_label("Uw telefoonnummer").fill("")
    page.get_by_role("button", name="Bel mij liever").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    summary = page.locator("[data-error-summary]")
    expect(summary.get_by_role("link", name="Vul uw telefoonnummer in.")).to_be_visible()
    _check(page, state="call without a number")
    page.get_by_role("button", name="Dit moment kiezen").click()
    expect(summary.get_by_role("link", name="Kies een moment uit de lijst.")).to_be_visible()
    _check(page, state="another time without a choice")
    choice = page.locator("[name=voorstel_moment]").nth(1)
    label = page.locator(f"label[for='{choice.get_attribute('id')}']").inner_text()
    choice.check()
    page.get_by_role("button", name="Dit moment kiezen").click()
    expect(page.get_by_text("Uw afspraak staat.")).to_be_visible()
    expect(page.locator(".case-timeline")).to_contain_text(f"De afspraak staat: {label}")
    _check(page, state="another time booked")
    with live_app.app_context():
        case = db.session.scalars(select(Case).where(Case.number == number)).one()
        assert proposals.proposals_of(case)[0].status == "other_time"
        db.session.remove()
