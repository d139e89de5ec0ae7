"""Mijn gegevens in a real browser: a resident sees their data with its source, changes the
contact details and confirms the e-mail address from the e-mail; a daughter and an
administrator see the data of whom they act for; an entrepreneur sees the company and the
branch signed in for; a register that is down does not break the page. Every state passes
axe at 1280 and 320 px."""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.support import sign_in
from portal.devtools.smtp_catcher import free_port
from portal.notifications.worker import run_once

pytestmark = pytest.mark.browser

EMAIL = "fatima.mijngegevens@voorbeeld.example"


def _link_in(message) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"(http://\S+/mijn-gegevens/email-bevestigen/\S+)", body).group(1)


def test_a_resident_sees_the_data_and_where_it_comes_from(page: Page, live_server):
    sign_in(page, live_server, "inwoner", next_path="/mijn-gegevens")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    check_page(page)
    main = page.get_by_role("main")
    expect(main.get_by_role("definition").filter(has_text="Fatima el Amrani")).to_have_count(1)
    expect(main).to_contain_text("Dorpsstraat 12, 9999 AA Voorbeeld")
    expect(main).to_contain_text("Youssef el Amrani")
    expect(page.get_by_text("Uit de Basisregistratie Personen (BRP)")).to_have_count(5)

    page.get_by_role("link", name="Klopt er iets niet?").click()

    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klopt er iets niet?")
    check_page(page, state="corrections")
    page.get_by_role("link", name="Terug naar Mijn gegevens").click()
    page.wait_for_load_state()

    page.get_by_role("link", name="Wie heeft mijn gegevens bekeken").click()

    page.wait_for_load_state()
    check_page(page, state="processing log")
    expect(page.get_by_text("U zelf").first).to_be_visible()


def test_a_new_email_address_is_confirmed_from_the_email(page: Page, live_app, live_server, mail):
    sign_in(page, live_server, "inwoner", next_path="/mijn-gegevens")
    check_page(page)
    page.get_by_role("link", name="Wijzigen E-mailadres").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contactgegevens")
    check_page(page, state="contact form")

    page.get_by_label("E-mailadres").fill("fatima@")
    page.get_by_label("Telefoonnummer").fill("06 1234 5678")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(
        page.get_by_role("link", name="Vul een e-mailadres in zoals naam@voorbeeld.nl.")
    ).to_be_visible()
    expect(page.get_by_label("Telefoonnummer")).to_have_value("06 1234 5678")
    check_page(page, state="contact error")

    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label(re.compile("Stuur mij een e-mail")).check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Kijk in uw e-mail")).to_be_visible()
    expect(
        page.get_by_text(f"Nieuw adres {EMAIL} is nog niet bevestigd", exact=False)
    ).to_be_visible()
    check_page(page, state="saved, check your e-mail")

    run_once(live_app)
    [message] = mail.to(EMAIL)
    assert message["Subject"] == "Bevestig uw e-mailadres"
    page.goto(_link_in(message))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig uw e-mailadres")
    check_page(page, state="confirm")
    page.get_by_role("button", name="Bevestig mijn e-mailadres").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw e-mailadres is bevestigd")
    check_page(page, state="confirmed")

    page.get_by_role("link", name="Naar Mijn gegevens").click()

    page.wait_for_load_state()
    check_page(page)
    expect(page.get_by_text("nog niet bevestigd")).to_have_count(0)
    expect(page.get_by_role("definition").filter(has_text=EMAIL)).to_have_count(1)


def test_contact_details_are_saved_without_javascript(page_without_js: Page, live_server):
    page = page_without_js
    sign_in(page, live_server, "inwoner-midden", next_path="/mijn-gegevens/contact")
    check_page(page)
    page.get_by_label("Telefoonnummer").fill("bel mij")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    check_page(page, state="error")
    page.get_by_label("Telefoonnummer").fill("0612345678")
    page.get_by_label("English").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    check_page(page, state="saved")


def test_a_daughter_sees_the_data_of_her_father(page: Page, live_server):
    sign_in(page, live_server, "dochter-namens-vader", next_path="/mijn-gegevens")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gegevens van Henk Bakker")
    check_page(page)
    expect(page.get_by_text("Molenweg 7, 9999 AD Voorbeeld")).to_be_visible()
    expect(page.get_by_text("Lindelaan")).to_have_count(0)
    page.get_by_role("link", name="Wie heeft de gegevens van Henk Bakker bekeken").click()
    page.wait_for_load_state()
    check_page(page, state="processing log")
    expect(page.get_by_text("U, namens Henk Bakker").first).to_be_visible()


def test_an_administrator_sees_the_data_of_the_client(page: Page, live_server):
    sign_in(page, live_server, "bewindvoerder", next_path="/mijn-gegevens")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gegevens van Piet Smit")
    check_page(page)
    expect(page.get_by_role("main")).to_contain_text("Piet Smit")
    expect(page.get_by_text("Beukenhof 8-2, 9999 AF Voorbeeld")).to_be_visible()


def test_an_entrepreneur_sees_the_company_and_the_branch_signed_in_for(page: Page, live_server):
    sign_in(page, live_server, "ondernemer", next_path="/mijn-gegevens")
    expect(page).to_have_url(re.compile(r"/mijn-gegevens/bedrijf$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Gegevens van uw bedrijf")
    check_page(page)
    expect(page.get_by_role("main")).to_contain_text("Café De Zon B.V.")
    current = page.locator(".branch-list > li[aria-current='true']")
    expect(current).to_have_count(1)
    expect(current).to_contain_text("000012345678")
    expect(current).to_contain_text("u bent ingelogd voor deze vestiging")
    page.get_by_role("link", name="Klopt er iets niet?").click()
    page.wait_for_load_state()
    check_page(page, state="corrections")
    expect(page.get_by_text("Geef de wijziging door aan de KVK")).to_be_visible()


def test_the_page_works_when_the_register_is_down(page: Page, live_app, live_server):
    nowhere = f"http://127.0.0.1:{free_port()}"
    saved = {key: live_app.config[key] for key in ("REGISTRY_BACKEND", "BRP_API_URL")}
    live_app.config.update(REGISTRY_BACKEND="http", BRP_API_URL=nowhere)
    try:
        sign_in(page, live_server, "inwoner", next_path="/mijn-gegevens")
        expect(
            page.get_by_role("heading", name="Wij kunnen de gegevens nu niet ophalen")
        ).to_be_visible()
        check_page(page, state="register down")
        expect(page.get_by_role("heading", name="Contactgegevens")).to_be_visible()
    finally:
        live_app.config.update(saved)
