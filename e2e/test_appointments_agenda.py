"""A handler (Maria Visser, behandelaar) works with the appointment agenda: opens it from the
case queue, marks today's resident arrived, moves an appointment with a message (an empty
form first), and blocks an afternoon. Without JavaScript: cancels an appointment with a
message and removes a block. Every page and state passes axe."""

import re
import secrets
import uuid
from datetime import datetime, time

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from e2e.axe import check_page
from e2e.support import sign_in
from portal.appointments import agenda, availability, booking
from portal.appointments.models import Appointment, Closure
from portal.extensions import db

pytestmark = pytest.mark.browser

TYPE, PLACE = "paspoort-id-aanvragen", "gemeentehuis"


def _check(page: Page, state: str) -> None:
    page.wait_for_load_state()
    check_page(page, state=state)


def _name() -> str:
    return f"Ans Agenda {uuid.uuid4().hex[:6]}"


def _booked_later(live_app, count: int) -> tuple[str, list[str]]:
    """`count` appointments on a coming day with free times; returns the day (ISO) and the
    residents' names."""
    with live_app.app_context():
        start = agenda.today().toordinal() + 7
        found = availability.days_with_slots(
            TYPE, PLACE, start_day=datetime.fromordinal(start).date(), days=21
        )
        chosen = next(d for d in found if len(d.slots) > 4 * count)
        names = []
        for slot in chosen.slots[:count]:
            name = _name()
            booking.book(
                TYPE, PLACE, slot.starts_at, booking.Booker(name=name, email="ans@example.org")
            )
            names.append(name)
        db.session.commit()
        db.session.remove()
    return chosen.day.isoformat(), names


def _booked_today(live_app) -> str:
    """An appointment today, written directly: booking refuses times that close to now, and
    a handler can only mark someone arrived on the day itself."""
    name = _name()
    with live_app.app_context():
        starts = availability.to_utc(agenda.today(), time(0, 15))
        now = agenda.now()
        db.session.add(
            Appointment(
                reference=f"A-E2E-{secrets.token_hex(4)}",
                key=secrets.token_urlsafe(24),
                uid=f"{uuid.uuid4()}@localhost",
                type_slug=TYPE,
                location_slug=PLACE,
                desk=4,
                starts_at=starts,
                ends_at=starts + availability.UNIT,
                persons=1,
                status="booked",
                name=name,
                created_at=now,
                updated_at=now,
            )
        )
        db.session.commit()
        db.session.remove()
    return name


def _go_to_day(page: Page, iso_day: str) -> None:
    year, month, day = iso_day.split("-")
    page.get_by_label("Dag", exact=True).fill(str(int(day)))
    page.get_by_label("Maand", exact=True).fill(str(int(month)))
    page.get_by_label("Jaar", exact=True).fill(year)
    page.get_by_role("button", name="Toon agenda").click()


def test_a_handler_works_with_the_agenda(page: Page, live_app, live_server):
    today_name = _booked_today(live_app)
    later, (moved,) = _booked_later(live_app, 1)

    sign_in(page, live_server, "behandelaar", next_path="/medewerkers/zaken")
    _check(page, "case queue")
    page.get_by_role("link", name="Naar de agenda met afspraken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agenda Gemeentehuis")
    expect(page.get_by_role("heading", level=1)).to_contain_text("(vandaag)")
    _check(page, "agenda today")

    page.get_by_role("button", name=re.compile(f"Aanwezig.*{today_name}")).click()
    expect(page.get_by_text("De inwoner is aanwezig gemeld.")).to_be_visible()
    _check(page, "marked arrived")

    page.get_by_role("link", name="Week", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Week van")
    _check(page, "week")

    page.get_by_role("link", name="Dag", exact=True).click()
    _go_to_day(page, later)
    expect(page.get_by_role("link", name=re.compile(f"^{moved}"))).to_be_visible()
    _check(page, "agenda later day")

    page.get_by_role("link", name=re.compile(f"Verplaatsen.*{moved}")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Afspraak verplaatsen")
    _check(page, "move form")
    page.get_by_role("button", name="Verplaatsen en inwoner bericht sturen").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    expect(page.get_by_role("link", name="Kies een nieuwe tijd")).to_be_visible()
    _check(page, "move form error")
    page.get_by_role("radio").last.check()
    page.get_by_label("Bericht aan de inwoner").fill("Die ochtend is de balie dicht.")
    page.get_by_role("button", name="Verplaatsen en inwoner bericht sturen").click()
    expect(page.get_by_text("De afspraak is verplaatst.")).to_be_visible()
    _check(page, "moved")

    page.get_by_role("link", name="Terug naar de agenda").click()
    page.get_by_role("link", name="Tijd blokkeren").click()
    _check(page, "block form")
    page.get_by_label("Balie of medewerker").select_option(label="Balie of medewerker 3")
    year, month, day = later.split("-")
    first = page.get_by_role("group", name="Eerste dag")
    first.get_by_label("Dag").fill(str(int(day)))
    first.get_by_label("Maand").fill(str(int(month)))
    first.get_by_label("Jaar").fill(year)
    page.get_by_label("Vanaf").fill("13.30")
    page.get_by_label("Tot").fill("17.00")
    page.get_by_label("Reden").fill("Training nieuwe balie")
    page.get_by_role("button", name="Tijd blokkeren").click()
    if page.get_by_role("heading", name=re.compile("in deze tijd")).is_visible():
        _check(page, "block warning")
        page.get_by_role("button", name="Tijd blokkeren").click()
    expect(page.get_by_text("De tijd is geblokkeerd.")).to_be_visible()
    expect(page.get_by_text("Training nieuwe balie")).to_be_visible()
    _check(page, "blocked")

    with live_app.app_context():
        closure = db.session.scalar(
            select(Closure).where(Closure.reason == "Training nieuwe balie")
        )
        assert closure is not None and closure.desk == 3
        db.session.remove()


def test_cancelling_and_unblocking_work_without_javascript(
    page_without_js: Page, live_app, live_server
):
    page = page_without_js
    later, (name,) = _booked_later(live_app, 1)

    sign_in(page, live_server, "behandelaar", next_path=f"/medewerkers/afspraken?datum={later}")
    expect(page.get_by_role("link", name=re.compile(f"^{name}"))).to_be_visible()
    _check(page, "agenda without js")

    page.get_by_role("link", name=re.compile(f"Annuleren.*{name}")).click()
    _check(page, "cancel form")
    page.get_by_role("button", name="Annuleren en inwoner bericht sturen").click()
    expect(page).to_have_title(re.compile(r"^Fout: "))
    _check(page, "cancel form error")
    page.get_by_label("Bericht aan de inwoner").fill(
        "De balie is die dag dicht. Maak een nieuwe afspraak."
    )
    page.get_by_role("button", name="Annuleren en inwoner bericht sturen").click()
    expect(page.get_by_text("De afspraak is geannuleerd.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(f"^{name}"))).to_have_count(0)
    _check(page, "cancelled")

    page.get_by_role("link", name="Tijd blokkeren").first.click()
    _check(page, "block form without js")
    year, month, day = later.split("-")
    first = page.get_by_role("group", name="Eerste dag")
    first.get_by_label("Dag").fill(str(int(day)))
    first.get_by_label("Maand").fill(str(int(month)))
    first.get_by_label("Jaar").fill(year)
    page.get_by_label("Locatie").select_option(label="Servicepunt Noord")
    page.get_by_label("Reden").fill("Verbouwing zonder script")
    page.get_by_role("button", name="Tijd blokkeren").click()
    if page.get_by_role("heading", name=re.compile("in deze tijd")).is_visible():
        _check(page, "block warning without js")
        page.get_by_role("button", name="Tijd blokkeren").click()
    expect(page.get_by_text("Verbouwing zonder script")).to_be_visible()
    _check(page, "closures without js")

    page.get_by_role("button", name=re.compile("Weghalen.*Servicepunt Noord")).first.click()
    expect(page.get_by_text("De blokkade is weggehaald.")).to_be_visible()
    expect(page.get_by_text("Verbouwing zonder script")).to_have_count(0)
    _check(page, "unblocked")
