"""A passport appointment for three people, booked from the product page without signing in,
then rescheduled and cancelled from the link in the e-mail, signed out. Once by keyboard
only (with an empty choice and a wrong phone number on the way), once with JavaScript off
(with a time someone else just took). Every page and every state passes axe."""

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.support import press, tab_to
from portal.appointments import availability, booking
from portal.extensions import db
from portal.notifications.worker import run_once

pytestmark = pytest.mark.browser

TYPE = "paspoort-id-aanvragen"
TOWN_HALL = "Gemeentehuis, Marktplein 1, 1234 AB Voorbeeld"
LINK = re.compile(r"(http://127\.0\.0\.1:\d+/afspraak/beheren/[A-Za-z0-9_-]+)")


def _check(page: Page, state: str = "") -> None:
    page.wait_for_load_state("load")
    check_page(page, state=state)


def _emails(mail, live_app, address: str) -> list:
    # `run_once` stops after a batch that sent less than a full batch; rows other tests
    # left (skipped ones count as not sent) can fill a batch, so go round a few times.
    for _ in range(5):
        run_once(live_app)
    return mail.to(address)


def _calendar(message) -> Calendar:
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    return Calendar.from_ical(attachment.get_content())


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _take_every_desk(live_app, value: str) -> None:
    """Someone else books this time at every desk of the town hall."""
    with live_app.app_context():
        for _ in range(4):
            try:
                booking.book(
                    TYPE,
                    "gemeentehuis",
                    availability.parse_start(value),
                    booking.Booker(name="Iemand anders", email="ander@example.org"),
                    persons=3,
                )
                db.session.commit()
            except booking.SlotTaken:
                db.session.rollback()
        db.session.remove()


def _manage_from_mail(page: Page, mail, live_app, address: str) -> str:
    [confirmation] = _emails(mail, live_app, address)
    assert confirmation["Subject"].startswith("Uw afspraak op ")
    event = _calendar(confirmation).walk("VEVENT")[0]
    assert int(event["SEQUENCE"]) == 0
    link = LINK.search(_body(confirmation)).group(1)
    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Uw afspraak A-"))
    expect(page.get_by_text("3 personen")).to_be_visible()
    _check(page, state="manage page from the e-mail")
    return link


def test_passport_for_three_by_keyboard_then_reschedule_and_cancel(
    page: Page, live_app, live_server, mail
):
    address = "paspoort-toetsenbord@example.org"
    page.goto(f"{live_server}/producten/reisdocument-aanvragen")
    _check(page, state="product page")
    press(page, page.get_by_role("link", name="Maak een afspraak"))

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Maak een afspraak: Paspoort of ID-kaart aanvragen"
    )
    _check(page, state="who and where")
    press(page, page.get_by_role("button", name="Kies een dag en tijd"))
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(
        page.get_by_role("link", name="Kies voor hoeveel personen de afspraak is")
    ).to_be_visible()
    _check(page, state="who and where, nothing chosen")
    press(page, page.get_by_role("radio", name="1", exact=True), "Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="3", exact=True)).to_be_checked()
    press(page, page.get_by_role("radio", name=TOWN_HALL), "Space")
    press(page, page.get_by_role("button", name="Kies een dag en tijd"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Kies een dag en tijd")
    _check(page, state="days and times")
    press(page, page.get_by_role("button", name="Doorgaan"))
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(page.get_by_role("link", name="Kies een tijd uit de lijst")).to_be_visible()
    _check(page, state="days and times, no time chosen")
    other_day = page.locator(".time-list__day-link").nth(1)
    press(page, other_day)
    expect(page.locator(".time-list__day-link").nth(1)).to_have_attribute("aria-current", "date")
    _check(page, state="days and times, another day")
    first_time = page.locator("input[name=tijd]").first
    press(page, first_time, "Space")
    expect(first_time).to_be_checked()
    press(page, page.get_by_role("button", name="Doorgaan"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Uw gegevens")
    _check(page, state="details")
    tab_to(page, page.get_by_label("Uw naam"))
    page.keyboard.type("Fatima el Amrani")
    page.keyboard.press("Tab")
    page.keyboard.type(address)
    page.keyboard.press("Tab")
    page.keyboard.type("12345")
    page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(page.get_by_label("Uw naam")).to_have_value("Fatima el Amrani")
    _check(page, state="details, wrong phone number")
    tab_to(page, page.get_by_label("Telefoonnummer"))
    page.keyboard.press("Control+A")
    page.keyboard.type("06 12345678")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw afspraak")
    _check(page, state="check")
    press(page, page.get_by_role("button", name="Maak de afspraak"))
    expect(page.get_by_role("heading", name="Uw afspraak is gemaakt")).to_be_visible()
    expect(page.get_by_role("link", name="Zet in uw agenda")).to_be_visible()
    _check(page, state="confirmation")

    link = _manage_from_mail(page, mail, live_app, address)

    press(page, page.get_by_role("link", name="Verzetten"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kies een nieuwe dag en tijd")
    _check(page, state="reschedule: days and times")
    press(page, page.locator("input[name=tijd]").first, "Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator("input[name=tijd]").nth(2)).to_be_checked()
    press(page, page.get_by_role("button", name="Verzet naar deze tijd"))
    expect(page.get_by_text("Uw afspraak is verzet.")).to_be_visible()
    _check(page, state="rescheduled")
    changed = [m for m in _emails(mail, live_app, address) if "verzet" in m["Subject"]]
    assert int(_calendar(changed[0]).walk("VEVENT")[0]["SEQUENCE"]) == 1

    press(page, page.get_by_role("link", name="Annuleren"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Wilt u deze afspraak annuleren?")
    _check(page, state="cancel question")
    press(page, page.get_by_role("button", name="Ja, annuleer de afspraak"))
    expect(page.get_by_role("heading", name="Deze afspraak is geannuleerd")).to_be_visible()
    _check(page, state="cancelled")
    cancelled = [m for m in _emails(mail, live_app, address) if "gaat niet door" in m["Subject"]]
    calendar = _calendar(cancelled[0])
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"

    # The link used again after cancelling: it says so, and changes nothing.
    page.goto(link + "/verzetten")
    expect(page.get_by_role("heading", name="Deze afspraak is geannuleerd")).to_be_visible()
    _check(page, state="cancelled link used again")


def test_passport_without_javascript_with_a_time_just_taken(
    page_without_js: Page, live_app, live_server, mail
):
    page = page_without_js
    address = "paspoort-zonder-js@example.org"
    page.goto(f"{live_server}/producten/reisdocument-aanvragen")
    _check(page, state="product page")
    page.get_by_role("link", name="Maak een afspraak").click()
    _check(page, state="who and where")
    page.get_by_role("radio", name="3", exact=True).check()
    page.get_by_role("radio", name=TOWN_HALL).check()
    page.get_by_role("button", name="Kies een dag en tijd").click()
    _check(page, state="days and times")

    page.get_by_role("link", name="Latere tijden").click()
    expect(page.get_by_role("link", name="Eerdere tijden")).to_be_visible()
    _check(page, state="later times")
    page.locator(".time-list__day-link").nth(1).click()
    expect(page.locator(".time-list__day-link").nth(1)).to_have_attribute("aria-current", "date")
    _check(page, state="later times, another day")
    first_time = page.locator("input[name=tijd]").first
    _take_every_desk(live_app, first_time.get_attribute("value"))
    first_time.check()
    page.get_by_role("button", name="Doorgaan").click()
    expect(page.get_by_role("heading", name="Dit tijdstip is net bezet")).to_be_visible()
    _check(page, state="net bezet")
    page.locator("#net-bezet button[name=tijd]").first.click()
    _check(page, state="details")

    page.get_by_label("Uw naam").fill("Fatima el Amrani")
    page.get_by_label("E-mailadres").fill(address)
    page.get_by_label("Telefoonnummer").fill("+32 470 12 34 56")
    page.get_by_role("button", name="Doorgaan").click()
    _check(page, state="check")
    page.get_by_role("button", name="Maak de afspraak").click()
    expect(page.get_by_role("heading", name="Uw afspraak is gemaakt")).to_be_visible()
    _check(page, state="confirmation")

    _manage_from_mail(page, mail, live_app, address)
    page.get_by_role("link", name="Verzetten").click()
    _check(page, state="reschedule: days and times")
    page.locator("input[name=tijd]").nth(1).check()
    page.get_by_role("button", name="Verzet naar deze tijd").click()
    expect(page.get_by_text("Uw afspraak is verzet.")).to_be_visible()
    _check(page, state="rescheduled")
    page.get_by_role("link", name="Annuleren").click()
    _check(page, state="cancel question")
    page.get_by_role("button", name="Ja, annuleer de afspraak").click()
    expect(page.get_by_role("heading", name="Deze afspraak is geannuleerd")).to_be_visible()
    _check(page, state="cancelled")
