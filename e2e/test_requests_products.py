"""Each product of the request flow, completed in the browser by the right persona: from the
catalogue page through sign-in, the steps, the check page and the confirmation. One run is on
a 320 px phone, one by keyboard only, one without JavaScript. Every page and every error
state passes axe."""

import re
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.support import choose_persona, tab_to
from portal.components import clock

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
START = re.compile(r"^(Start|Begin een nieuwe aanvraag)$")


def _check(page: Page, state: str = "") -> None:
    """Axe once the page has loaded: a check while the styles still load sees unstyled
    links and reports small targets that are not there."""
    page.wait_for_load_state("load")
    check_page(page, state=state)


def _open_product(page: Page, live_server: str, slug: str, button=START) -> None:
    """Catalogue page → start page → sign-in page; leaves the browser on the sign-in page."""
    page.goto(f"{live_server}/producten/{slug}")
    _check(page)
    page.get_by_role("link", name=button).click()
    expect(page).to_have_url(re.compile(f"/aanvragen/{slug}$"))
    _check(page, state="start page")
    page.get_by_role("link", name=START).click()


def _sign_in_here(page: Page, persona_id: str, means: str = "DigiD") -> None:
    expect(page).to_have_url(re.compile(r"/inloggen"))
    _check(page, state="sign in")
    page.get_by_role("link", name=f"Inloggen met {means}").click()
    choose_persona(page, persona_id)
    page.wait_for_load_state()
    # Personas are shared by all browser tests, and another test may have chosen English.
    here = urlsplit(page.url)
    page.goto(f"{here.scheme}://{here.netloc}/taal/nl?next={quote(here.path)}")


def _step(page: Page, number: int, total: int, title: str) -> None:
    expect(page.get_by_text(f"Stap {number} van {total}")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    _check(page, state=f"step {number}")


def _errors(page: Page, *messages: str) -> None:
    """The page shows each error once in the summary and once at its field."""
    expect(page).to_have_title(re.compile(r"^Fout: "))
    summary = page.locator("[data-error-summary]")
    expect(summary.get_by_role("heading", name="Er is een probleem")).to_be_visible()
    for message in messages:
        expect(summary.get_by_role("link", name=message)).to_have_count(1)
        expect(page.locator(".utrecht-form-field-error-message", has_text=message)).to_have_count(1)
    _check(page, state="errors")


def _go_on(page: Page) -> None:
    page.get_by_role("button", name="Doorgaan").click()


def _check_and_send(page: Page, expected_rows: list[str], also: tuple[str, ...] = ()) -> str:
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw antwoorden")
    for text in expected_rows:
        expect(page.get_by_text(text, exact=True).first).to_be_visible()
    for text in also:
        expect(page.get_by_role("main")).to_contain_text(text)
    _check(page, state="check answers")
    page.get_by_role("button", name="Versturen").click()
    _errors(page, "Vink het vakje aan. Dan kunt u versturen.")
    page.locator("#verklaring").check()
    page.get_by_role("button", name="Versturen").click()
    number = page.get_by_text(re.compile(r"Uw zaaknummer is Z-\d{4}-\d{6}"))
    expect(number).to_be_visible()
    _check(page, state="confirmation")
    return re.search(r"Z-\d{4}-\d{6}", number.inner_text()).group(0)


def test_uittreksel_brp_as_fatima_with_receipt_and_e_mail(page: Page, live_app, live_server, mail):
    from portal.notifications.worker import run_once

    _confirm_email(live_app, "999990007", "fatima@voorbeeld.example")
    _open_product(page, live_server, "uittreksel-brp")
    _sign_in_here(page, "inwoner")
    _step(page, 1, 4, "Uw gegevens")
    expect(page.get_by_text("Fatima el Amrani")).to_be_visible()
    expect(page.get_by_role("textbox")).to_have_count(0)  # register data is not editable
    _go_on(page)
    _step(page, 2, 4, "Welk uittreksel heeft u nodig?")
    _go_on(page)
    _errors(page, "Kies welk uittreksel u nodig heeft.", "Kies waar u het uittreksel gebruikt.")
    page.get_by_label("Met ook mijn vorige adressen").check()
    page.get_by_label("In het buitenland").check()
    _go_on(page)
    _step(page, 3, 4, "Gebruik in het buitenland")
    page.get_by_label("In welk land gebruikt u het uittreksel?").fill("Marokko")
    _go_on(page)
    _step(page, 4, 4, "Hoe kunnen wij u bereiken?")
    expect(page.get_by_label("E-mailadres")).to_have_value("fatima@voorbeeld.example")
    _go_on(page)
    number = _check_and_send(
        page, ["Met ook mijn vorige adressen", "Marokko", "Fatima el Amrani"], also=("€ 16,10",)
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Download de ontvangstbevestiging (PDF)").click()
    assert download.value.suggested_filename == f"Ontvangstbevestiging {number}.pdf"
    mail.clear()
    run_once(live_app)
    sent = mail.to("fatima@voorbeeld.example")
    assert any(number in message["Subject"] for message in sent)


def test_parkeervergunning_by_keyboard_only(page: Page, live_server):
    page.goto(f"{live_server}/aanvragen/parkeervergunning-bewoners")
    _check(page, state="start page")
    tab_to(page, page.get_by_role("link", name=START))
    page.keyboard.press("Enter")
    _sign_in_here(page, "inwoner-midden")
    _step(page, 1, 4, "Uw adres")
    expect(page.get_by_text("Stationsstraat 21, 9999 AE Voorbeeld")).to_be_visible()
    tab_to(page, page.get_by_role("button", name="Doorgaan"))
    page.keyboard.press("Enter")
    _step(page, 2, 4, "Uw auto")
    tab_to(page, page.get_by_label("Kenteken"))
    page.keyboard.type("12-abc")
    tab_to(page, page.get_by_label("Van mij", exact=True))
    page.keyboard.press("ArrowDown")  # radios in a group are chosen with the arrow keys
    expect(page.get_by_label("Van een leasebedrijf of van mijn werkgever")).to_be_checked()
    page.keyboard.press("Enter")
    _errors(page, "Vul een geldig kenteken in. Bijvoorbeeld AB-123-C of 12-ABC-3.")
    page.locator("[data-error-summary] a").first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Kenteken")).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.type("-3")
    tab_to(page, page.locator("#ingangsdatum-day"))
    from datetime import timedelta

    start = clock.today() + timedelta(days=10)
    page.keyboard.type(str(start.day))
    page.keyboard.press("Tab")
    page.keyboard.type(str(start.month))
    page.keyboard.press("Tab")
    page.keyboard.type(str(start.year))
    page.keyboard.press("Enter")
    _step(page, 3, 4, "Auto van een leasebedrijf of werkgever")
    tab_to(page, page.get_by_label("Naam van het leasebedrijf of uw werkgever"))
    page.keyboard.type("Lease B.V.")
    page.get_by_label("Verklaring dat u de auto mag gebruiken").set_input_files(
        {"name": "verklaring.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    tab_to(page, page.get_by_role("button", name="Doorgaan"))
    page.keyboard.press("Enter")
    _step(page, 4, 4, "Hoe kunnen wij u bereiken?")
    tab_to(page, page.get_by_label("E-mailadres"))
    page.keyboard.press("Control+A")
    page.keyboard.type("joost@voorbeeld.example")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw antwoorden")
    expect(page.get_by_text("12-ABC-3", exact=True)).to_be_visible()
    _check(page, state="check answers")
    tab_to(page, page.get_by_label("Ik woon op dit adres en ik gebruik deze auto zelf."))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Versturen"))
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"Uw zaaknummer is Z-"))).to_be_visible()
    _check(page, state="confirmation")


def test_verhuizing_without_javascript(page_without_js: Page, live_server):
    page = page_without_js
    _open_product(page, live_server, "verhuizing-doorgeven")
    _sign_in_here(page, "inwoner-midden")
    _step(page, 1, 6, "Waar woont u nu?")
    _go_on(page)
    _step(page, 2, 6, "Wat is uw nieuwe adres?")
    page.get_by_label("Postcode").fill("9999 AH")
    page.get_by_label("Huisnummer").fill("99")
    _go_on(page)
    _errors(
        page, "Wij vinden dit adres niet. Controleer de postcode, het huisnummer en de toevoeging."
    )
    expect(page.get_by_label("Postcode")).to_have_value("9999 AH")
    page.get_by_label("Huisnummer").fill("2")
    _go_on(page)
    _step(page, 4, 6, "Wanneer verhuist u?")
    _fill_date(page, "verhuisdatum", days_ahead=7)
    page.get_by_label("Nee, er verhuizen mensen met mij mee").check()
    _go_on(page)
    _step(page, 5, 6, "Wie verhuizen er met u mee?")
    page.get_by_label("Wie verhuizen er met u mee?").fill("Sam Willems, 3 maart 1995")
    _go_on(page)
    _step(page, 6, 6, "Hoe kunnen wij u bereiken?")
    page.get_by_label("E-mailadres").fill("joost@voorbeeld.example")
    _go_on(page)
    # A change from the check page comes back to the check page; nothing else is lost.
    expect(page.get_by_text("Nieuwe Gracht 2, 9999 AH Voorbeeld")).to_be_visible()
    page.get_by_role("link", name="Wijzigen Verhuist u alleen?").click()
    _step(page, 4, 6, "Wanneer verhuist u?")
    page.get_by_label("Ja, ik verhuis alleen").check()
    _go_on(page)
    expect(page.get_by_text("Sam Willems, 3 maart 1995")).to_have_count(0)
    _check_and_send(page, ["Nieuwe Gracht 2, 9999 AH Voorbeeld", "Ja, ik verhuis alleen"])


def test_terrasvergunning_as_entrepreneur_with_a_drawing(page: Page, live_server):
    _open_product(page, live_server, "terrasvergunning")
    _sign_in_here(page, "ondernemer", means="eHerkenning")
    _step(page, 1, 4, "Uw bedrijf")
    expect(page.get_by_text("Café De Zon B.V.")).to_be_visible()
    _go_on(page)
    _step(page, 2, 4, "Uw terras")
    page.get_by_label("Hoe groot wordt het terras, in vierkante meters?").fill("24")
    page.get_by_label("Hoeveel tafels zet u op het terras?").fill("6")
    page.get_by_label("Van 1 april tot en met 30 september").check()
    _go_on(page)
    _step(page, 3, 4, "Tekening van het terras")
    page.get_by_label("Tekening").set_input_files(
        {"name": "notities.pdf", "mimeType": "application/pdf", "buffer": b"geen pdf"}
    )
    _go_on(page)
    _errors(page, "Het bestand notities.pdf is geen PDF, JPG of PNG. Kies een PDF, JPG of PNG.")
    page.get_by_label("Tekening").set_input_files(
        {"name": "terras.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    _go_on(page)
    _step(page, 4, 4, "Hoe kunnen wij u bereiken?")
    page.get_by_label("E-mailadres").fill("ahmed@cafedezon.example")
    _go_on(page)
    _check_and_send(page, ["Café De Zon B.V.", "terras.pdf"])


def test_hulp_bij_het_huishouden_by_a_daughter_on_a_phone(page: Page, live_server):
    page.set_viewport_size({"width": 320, "height": 640})
    _open_product(page, live_server, "hulp-bij-het-huishouden")
    _sign_in_here(page, "dochter-namens-vader")
    _step(page, 1, 3, "Voor wie is de hulp?")
    expect(page.get_by_text("Henk Bakker").first).to_be_visible()
    _go_on(page)
    _step(page, 2, 3, "Uw vraag")
    page.get_by_label(re.compile("Wat vindt u lastig in huis")).fill(
        "Mijn vader kan niet meer stofzuigen en de was doen."
    )
    page.get_by_label("Ja, van familie, vrienden of buren").check()
    page.get_by_label("In de ochtend").check()
    _go_on(page)
    _step(page, 3, 3, "Hoe kunnen wij u bereiken?")
    page.get_by_label("E-mailadres").fill("sanne@voorbeeld.example")
    _go_on(page)
    _errors(page, "Vul uw telefoonnummer in. Dan kunnen wij u bellen.")
    page.get_by_label("Telefoonnummer").fill("06 12345678")
    _go_on(page)
    _check_and_send(page, ["In de ochtend"])
    expect(
        page.get_by_text("Een medewerker van het Wmo-team belt u binnen 5 werkdagen.")
    ).to_be_visible()


def test_woz_question_is_handed_over(page: Page, live_server):
    _open_product(page, live_server, "vraag-woz-belastingen", button="Geef mijn vraag door")
    _sign_in_here(page, "inwoner")
    _step(page, 1, 2, "Uw vraag")
    page.get_by_label("De WOZ-waarde van mijn huis").check()
    page.get_by_label("Wat is uw vraag?").fill(
        "Mijn WOZ-waarde is hoger dan vorig jaar. Klopt dat?"
    )
    _go_on(page)
    _step(page, 2, 2, "Hoe kunnen wij u bereiken?")
    page.get_by_label("E-mailadres").fill("fatima@voorbeeld.example")
    _go_on(page)
    _check_and_send(page, ["De WOZ-waarde van mijn huis (de waarde volgens de gemeente)"])
    expect(page.get_by_text(re.compile("doorgestuurd naar Belastingsamenwerking"))).to_be_visible()


def test_an_unsent_request_is_listed_and_can_be_deleted(page: Page, live_server):
    _open_product(page, live_server, "parkeervergunning-bewoners")
    _sign_in_here(page, "inwoner")
    _step(page, 1, 4, "Uw adres")
    _go_on(page)
    _step(page, 2, 4, "Uw auto")
    page.get_by_role("link", name="Bekijk wat u nog niet heeft verstuurd").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nog niet verstuurd")
    _check(page, state="drafts")
    page.get_by_role("link", name="Verwijderen Parkeervergunning voor bewoners").first.click()
    _check(page, state="delete draft")
    page.get_by_role("button", name="Ja, verwijderen").click()
    expect(page.get_by_text("Wij hebben de aanvraag verwijderd.")).to_be_visible()
    _check(page, state="draft deleted")


def _fill_date(page: Page, name: str, days_ahead: int) -> None:
    from datetime import timedelta

    day = clock.today() + timedelta(days=days_ahead)
    page.locator(f"#{name}-day").fill(str(day.day))
    page.locator(f"#{name}-month").fill(str(day.month))
    page.locator(f"#{name}-year").fill(str(day.year))


def _confirm_email(live_app, bsn: str, email: str) -> None:
    from portal.auth.principal import Party
    from portal.extensions import db
    from portal.profile import services as profile

    with live_app.app_context():
        party = Party("person", bsn)
        profile.save_contact(party, email=email, phone="", notify_by_email=True)
        profile.confirm_email(profile.confirmation_token(party, email))
        db.session.commit()
        db.session.remove()
