"""The staff agenda under /medewerkers/afspraken: the day and week per location and desk,
arrived and no-show, moving and cancelling with a message, blocking time (with the warning
about booked appointments), the list of blocks, who may get in, and input that must not
give a 500."""

import re
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from portal.appointments import agenda, availability, booking, links, office_actions
from portal.appointments.availability import local_day, slot_value, to_utc
from portal.appointments.models import Closure
from portal.auth.models import AuditEvent
from portal.auth.principal import Party
from portal.cases import creation as case_creation
from portal.cases.models import CaseEvent
from portal.extensions import db
from portal.notifications.compose import compose, recipient_for
from portal.notifications.models import OutboxEvent
from tests.appointments.factories import coming_day, make_closure, make_location, make_type

OFFICE = "/medewerkers/afspraken"


@pytest.fixture(autouse=True)
def _place(app):
    """A town hall with two desks, open every day 09.00-12.30 and 13.30-17.00 local time."""
    make_location(capacity=2)
    make_type()
    db.session.commit()


@pytest.fixture
def day() -> date:
    return coming_day(3)


def at(day: date, clock: str) -> datetime:
    return to_utc(day, time.fromisoformat(clock))


def book(day: date, clock: str = "10:00", name: str = "Jan Jansen", persons: int = 1, **extra):
    with_case = extra.pop("case_id", None)
    appointment = booking.book(
        "paspoort",
        "gemeentehuis",
        at(day, clock),
        booking.Booker(name=name, email="jan@voorbeeld.example", case_id=with_case),
        persons=persons,
    )
    db.session.commit()
    return appointment


def day_url(day: date, **args) -> str:
    extra = "".join(f"&{k}={v}" for k, v in args.items())
    return f"{OFFICE}?locatie=gemeentehuis&datum={day.isoformat()}{extra}"


def audit_rows() -> list[tuple[str, str, str]]:
    db.session.expire_all()
    return [(e.action, e.result, e.target) for e in db.session.scalars(select(AuditEvent))]


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def free_starts(day: date) -> list[str]:
    slots = availability.free_slots("paspoort", "gemeentehuis", start_day=day, days=1)
    return [availability.to_local(s.starts_at).strftime("%H:%M") for s in slots]


# The day and the week


def test_the_day_shows_each_desk_with_its_appointments_and_free_time(sign_in, client, day):
    book(day, "10:00", "Jan Jansen", persons=2)
    book(day, "10:00", "Fatima el Amrani")
    sign_in("behandelaar")

    page = text_of(client.get(day_url(day)))

    assert "Balie 1" in page and "Balie 2" in page
    assert "Jan Jansen" in page and "Fatima el Amrani" in page
    assert "Paspoort aanvragen, 2 personen" in page
    assert "10.00 – 10.30" in page and "10.00 – 10.15" in page
    assert "Geboekt" in page
    # 7 opening hours; desk 1 has 30 minutes booked, desk 2 has 15.
    assert "Vrij: 6 uur en 30 minuten." in page
    assert "Vrij: 6 uur en 45 minuten." in page
    assert ("appointments.agenda_viewed", "ok", f"gemeentehuis/*/{day.isoformat()}") in audit_rows()


def test_one_desk_and_today_by_default(sign_in, client, day):
    book(day, "10:00", "Jan Jansen")
    book(day, "10:00", "Fatima el Amrani")
    sign_in("behandelaar")

    desk_two = text_of(client.get(day_url(day, balie=2)))
    assert "Fatima el Amrani" in desk_two and "Jan Jansen" not in desk_two
    assert "Balie 1" not in desk_two.split("<main")[1].split("</select>")[-1]

    today = text_of(client.get(OFFICE))
    assert "(vandaag)" in today


def test_the_week_lists_each_day_with_its_appointments(sign_in, client, day):
    book(day, "11:00", "Jan Jansen")
    sign_in("behandelaar")

    page = text_of(client.get(f"{OFFICE}/week?locatie=gemeentehuis&datum={day.isoformat()}"))

    assert "Week van maandag" in page
    assert page.count('class="agenda-desk"') == 7
    assert "11.00 – 11.15" in page and "Jan Jansen" in page and "Balie 1" in page


def test_a_holiday_and_a_closed_location_day_are_said(app, day):
    christmas = date(day.year, 12, 25)
    location = agenda.location_by_slug("gemeentehuis")
    (shown,) = agenda.days(location, christmas, 1)
    assert shown.holiday and shown.free_minutes == 0


@pytest.mark.parametrize(
    ("moved_day", "opens_utc"),
    [
        (date(2026, 3, 29), datetime(2026, 3, 29, 7)),
        (date(2026, 10, 25), datetime(2026, 10, 25, 8)),
    ],
)
def test_opening_hours_stay_local_when_the_clocks_move(app, moved_day, opens_utc):
    location = agenda.location_by_slug("gemeentehuis")
    (shown,) = agenda.days(location, moved_day, 1)
    assert shown.open_periods[0][0] == opens_utc
    assert shown.free_minutes == 2 * 7 * 60
    start, end = agenda.day_bounds(moved_day)
    assert end - start == timedelta(hours=23 if moved_day.month == 3 else 25)


# Arrived and no-show


def _make_case():
    case = case_creation.create_case(
        product_slug="reisdocument-aanvragen",
        party=Party(kind="person", identifier="999990007"),
        actor=None,
        answers={},
        idempotency_key="agenda-test",
        facts=case_creation.ProductFacts("Paspoort aanvragen", 5, "burgerzaken"),
    )
    db.session.commit()
    return case


def test_a_handler_marks_arrived_on_the_day_and_the_case_shows_it(
    sign_in, client, day, monkeypatch
):
    case = _make_case()
    appointment = book(day, "10:00", case_id=case.id)
    monkeypatch.setattr(office_actions, "now", lambda: appointment.starts_at)
    sign_in("behandelaar")

    response = client.post_form(
        f"{OFFICE}/afspraak/{appointment.id}/aanwezig",
        {"terug": day_url(day)},
        page=day_url(day),
    )

    assert response.status_code == 302 and response.location.endswith(day_url(day))
    db.session.refresh(appointment)
    assert appointment.status == "arrived"
    assert ("appointments.arrived", "ok", appointment.reference) in audit_rows()
    actions = db.session.scalars(select(CaseEvent.action).where(CaseEvent.case_id == case.id))
    assert "appointment_arrived" in list(actions)
    assert "De inwoner is aanwezig gemeld." in text_of(client.get(day_url(day)))


def test_no_show_only_after_the_start(sign_in, client, day, monkeypatch):
    appointment = book(day, "10:00")
    sign_in("behandelaar")
    page = f"{OFFICE}/afspraak/{appointment.id}"

    client.post_form(f"{page}/niet-gekomen", page=page)
    assert "De afspraak is nog niet begonnen." in text_of(client.get(page))
    db.session.refresh(appointment)
    assert appointment.status == "booked"

    monkeypatch.setattr(office_actions, "now", lambda: appointment.starts_at + timedelta(hours=1))
    client.post_form(f"{page}/niet-gekomen", page=page)
    db.session.refresh(appointment)
    assert appointment.status == "no_show"
    assert ("appointments.no_show", "ok", appointment.reference) in audit_rows()


def test_arrived_is_refused_on_another_day(sign_in, client, day):
    appointment = book(day, "10:00")
    sign_in("behandelaar")
    page = f"{OFFICE}/afspraak/{appointment.id}"

    client.post_form(f"{page}/aanwezig", {"terug": "https://elders.example/"}, page=page)

    assert "alleen aanwezig op de dag van de afspraak" in text_of(client.get(page))
    db.session.refresh(appointment)
    assert appointment.status == "booked"


# Move and cancel with a message


def test_a_handler_moves_an_appointment_and_the_resident_is_told(sign_in, client, day):
    appointment = book(day, "10:00")
    sign_in("behandelaar")
    new_day = day + timedelta(days=1)
    url = (
        f"{OFFICE}/afspraak/{appointment.id}/verplaatsen"
        f"?dag-day={new_day.day}&dag-month={new_day.month}&dag-year={new_day.year}"
    )
    assert "14.00 uur" in text_of(client.get(url))

    response = client.post_form(
        url, {"starts_at": slot_value(at(new_day, "14:00")), "message": "De balie is dicht."}
    )

    assert response.status_code == 302
    db.session.refresh(appointment)
    assert appointment.starts_at == at(new_day, "14:00")
    assert appointment.sequence == 1
    changed = db.session.scalars(select(OutboxEvent)).all()
    assert [row.payload.get("event") for row in changed] == ["booked", "changed"]
    assert ("appointments.rescheduled", "ok", appointment.reference) in audit_rows()
    # The message waits on the appointment's own page; the e-mail says there is one.
    assert appointment.change_note == "De balie is dicht."
    own_page = text_of(client.get(links.manage_path(appointment)))
    assert "Bericht van de gemeente" in own_page and "De balie is dicht." in own_page
    # The e-mail says there is a message, without its text (and without a stray "1").
    mail = compose(changed[1], recipient_for(changed[1])).get_body(("plain",)).get_content()
    assert "U leest het met de knop hieronder.\n" in mail
    assert "De balie is dicht." not in mail


def test_moving_says_what_is_missing_and_keeps_what_was_typed(sign_in, client, day):
    appointment = book(day, "10:00")
    sign_in("behandelaar")
    url = f"{OFFICE}/afspraak/{appointment.id}/verplaatsen"

    empty = client.post_form(url, {"message": ""})
    assert empty.status_code == 422
    page = text_of(empty)
    assert "<title>Fout: " in page
    assert "Kies een nieuwe tijd" in page and "Schrijf een bericht aan de inwoner" in page

    kept = text_of(client.post_form(url, {"message": "Wij zijn dicht."}))
    assert "Wij zijn dicht." in kept

    too_long = text_of(client.post_form(url, {"message": "x" * 1001}))
    assert "maximaal 1000 tekens" in too_long

    gone = client.post_form(url, {"starts_at": "2026-01-01T03:00", "message": "Sorry."})
    assert "Dit tijdstip is net bezet" in text_of(gone)
    db.session.refresh(appointment)
    assert appointment.starts_at == at(day, "10:00")


def test_a_handler_cancels_with_a_message(sign_in, client, day):
    appointment = book(day, "10:00")
    sign_in("behandelaar")
    url = f"{OFFICE}/afspraak/{appointment.id}/annuleren"

    assert client.post_form(url, {"message": ""}).status_code == 422
    response = client.post_form(url, {"message": "De balie is die dag dicht."})

    assert response.status_code == 302
    db.session.refresh(appointment)
    assert appointment.status == "cancelled"
    assert appointment.change_note == "De balie is die dag dicht."
    events = [row.payload.get("event") for row in db.session.scalars(select(OutboxEvent))]
    assert events == ["booked", "cancelled"]
    assert "10:00" in free_starts(day)


# Blocking time


def _block(client, day: date, **fields):
    data = {
        "location": "gemeentehuis",
        "desk": "",
        "start_day-day": day.day,
        "start_day-month": day.month,
        "start_day-year": day.year,
        "reason": "Training",
        **fields,
    }
    return client.post_form(f"{OFFICE}/blokkeren", data)


def test_blocking_an_afternoon_leaves_no_free_slots_then(sign_in, client, day):
    sign_in("behandelaar")

    response = _block(client, day, start_time="13.30", end_time="17.00")

    assert response.status_code == 302
    closure = db.session.scalar(select(Closure))
    assert (closure.starts_at, closure.ends_at) == (at(day, "13:30"), at(day, "17:00"))
    assert closure.created_by == "Maria Visser" and closure.reason == "Training"
    starts = free_starts(day)
    assert starts and max(starts) < "13:30"
    assert ("appointments.time_blocked", "ok", "gemeentehuis/*") in audit_rows()


def test_closing_every_location_for_a_period(sign_in, client, day):
    sign_in("behandelaar")
    last = day + timedelta(days=2)

    _block(
        client,
        day,
        location="",
        reason="Koningsdag",
        **{"end_day-day": last.day, "end_day-month": last.month, "end_day-year": last.year},
    )

    closure = db.session.scalar(select(Closure))
    assert closure.location_slug is None
    assert (closure.starts_at, closure.ends_at) == (
        at(day, "00:00"),
        at(last + timedelta(1), "00:00"),
    )
    assert all(free_starts(day + timedelta(days=n)) == [] for n in range(3))
    assert free_starts(last + timedelta(days=1))


def test_blocking_one_desk_leaves_the_other(sign_in, client, day):
    sign_in("behandelaar")
    _block(client, day, desk="1")
    slots = availability.free_slots("paspoort", "gemeentehuis", start_day=day, days=1)
    assert slots and {s.desk for s in slots} == {2}


def test_blocking_time_with_appointments_warns_and_cancels_nothing(sign_in, client, day):
    appointment = book(day, "14:00", "Jan Jansen")
    sign_in("behandelaar")

    warned = _block(client, day, start_time="13.30")
    page = text_of(warned)
    assert warned.status_code == 200
    assert "Er staat 1 afspraak in deze tijd" in page and "Jan Jansen" in page
    assert db.session.scalar(select(Closure)) is None

    confirmed = re.search(r'name="confirmed" type="hidden" value="([^"]+)"', page)
    confirmed = confirmed or re.search(r'type="hidden" name="confirmed" value="([^"]+)"', page)
    token = confirmed[1].replace("&#39;", "'").replace("&amp;", "&")
    done = _block(client, day, start_time="13.30", confirmed=token)

    assert done.status_code == 302
    assert db.session.scalar(select(Closure)) is not None
    db.session.refresh(appointment)
    assert appointment.status == "booked"
    assert "Er staat nog 1 afspraak in deze tijd" in text_of(client.get(done.location))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"reason": ""}, "Schrijf op waarom deze tijd dicht is"),
        ({"reason": "x" * 201}, "maximaal 200 tekens"),
        ({"start_time": "25.00"}, "Vul een tijd in zoals 13.30"),
        ({"start_time": "14.00", "end_time": "13.00"}, "Het einde moet na het begin liggen."),
        ({"start_day-year": "9999"}, "Kies een datum in de jaren rond nu."),
        ({"start_day-day": "31", "start_day-month": "2"}, "Deze datum bestaat niet"),
        ({"start_day-year": "2020"}, "Kies een datum in de jaren rond nu."),
        ({"desk": "7"}, "Deze locatie heeft geen balie 7."),
        ({"location": "nergens"}, "Kies een locatie"),
        ({"location": "", "desk": "1"}, "Kies eerst de locatie van de balie."),
    ],
)
def test_blocking_explains_what_is_wrong(sign_in, client, day, fields, message):
    sign_in("behandelaar")
    response = _block(client, day, **fields)
    assert response.status_code == 422
    assert message in text_of(response)
    assert db.session.scalar(select(Closure)) is None


def test_blocking_time_that_has_passed(sign_in, client):
    sign_in("behandelaar")
    yesterday = agenda.today() - timedelta(days=1)
    response = _block(client, yesterday)
    assert "Deze tijd is al voorbij." in text_of(response)


def test_future_blocks_are_listed_and_can_be_removed(sign_in, client, day):
    future = make_closure(
        at(day, "13:00"),
        at(day, "17:00"),
        location_slug="gemeentehuis",
        reason="Training",
        created_by="Maria Visser",
    )
    past = make_closure(
        at(day - timedelta(days=30), "13:00"),
        at(day - timedelta(days=30), "17:00"),
        location_slug="gemeentehuis",
        reason="Oud",
    )
    db.session.commit()
    future_id, past_id = future.id, past.id
    sign_in("behandelaar")

    listed = text_of(client.get(f"{OFFICE}/blokkades"))
    assert "Training" in listed and "Oud" not in listed
    assert "van 13.00 tot 17.00 uur" in listed

    response = client.post_form(
        f"{OFFICE}/blokkades/{future_id}/weghalen", page=f"{OFFICE}/blokkades"
    )
    assert response.status_code == 302
    assert db.session.get(Closure, future_id) is None
    assert "14:00" in free_starts(day)

    client.post_form(f"{OFFICE}/blokkades/{past_id}/weghalen", page=f"{OFFICE}/blokkades")
    assert db.session.get(Closure, past_id) is not None
    missing = client.post_form(f"{OFFICE}/blokkades/999999/weghalen", page=f"{OFFICE}/blokkades")
    assert missing.status_code == 404
    assert ("appointments.refused", "refused", "closure 999999") in audit_rows()


# Who may get in, and input that must not break anything


def _office_urls(app) -> list[tuple[str, str]]:
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("appointment_office."):
            path = rule.build({"appointment_id": 1, "closure_id": 1}, append_unknown=False)[1]
            urls += [(m, path) for m in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return urls


@pytest.mark.parametrize(
    ("who", "status", "audited"),
    [
        (None, 302, None),
        ("inwoner", 403, "access.not_staff"),
        ("redacteur", 403, "access.role_missing"),
    ],
)
def test_only_case_handlers_get_in(app, client, sign_in, day, who, status, audited):
    appointment = book(day, "10:00")
    if who:
        sign_in(who)
    app.config["WTF_CSRF_ENABLED"] = False  # reach the guard, not the CSRF check
    urls = _office_urls(app)
    assert len(urls) >= 12
    for method, path in urls:
        assert client.open(path, method=method).status_code == status, (method, path)
    db.session.refresh(appointment)
    assert appointment.status == "booked"
    if audited:
        assert sum(1 for row in audit_rows() if row[0] == audited) == len(urls)


def test_the_administrator_gets_in(sign_in, client):
    sign_in("beheerder")
    assert client.get(OFFICE).status_code == 200


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("datum=2026-02-30", 200, "Deze datum bestaat niet."),
        ("datum=9999-12-31", 200, "Kies een datum in de jaren rond nu."),
        ("datum=x" * 300, 200, "Deze datum bestaat niet."),
        ("dag-day=31&dag-month=2&dag-year=2027", 200, "Deze datum bestaat niet."),
        ("dag-day=1&dag-month=1&dag-year=99999", 200, "Vul een geldig jaar in"),
        ("locatie=nergens", 404, None),
        ("locatie=gemeentehuis&balie=abc", 404, None),
        ("locatie=gemeentehuis&balie=3", 404, None),
    ],
)
def test_odd_agenda_addresses(sign_in, client, query, status, message):
    sign_in("behandelaar")
    for view in ("", "/week"):
        response = client.get(f"{OFFICE}{view}?{query}")
        assert response.status_code == status, view
        if message:
            page = text_of(response)
            assert message in page and "<title>Fout: " in page


def test_unknown_appointments_are_404_and_audited(sign_in, client, day):
    sign_in("behandelaar")
    for path in ("/afspraak/999999", "/afspraak/999999/verplaatsen", "/afspraak/999999/annuleren"):
        assert client.get(OFFICE + path).status_code == 404
    assert client.get(f"{OFFICE}/afspraak/abc").status_code == 404
    assert client.get(f"{OFFICE}/afspraak/{10**30}").status_code == 404
    remove = f"{OFFICE}/blokkades/{10**30}/weghalen"
    assert client.post_form(remove, page=f"{OFFICE}/blokkades").status_code == 404
    assert ("appointments.refused", "refused", "appointment 999999") in audit_rows()


def test_a_move_day_far_away_or_past_is_explained(sign_in, client, day):
    appointment = book(day, "10:00")
    sign_in("behandelaar")
    url = f"{OFFICE}/afspraak/{appointment.id}/verplaatsen"
    far = client.get(f"{url}?dag-day=1&dag-month=1&dag-year=9999")
    assert far.status_code == 422 and "Kies een dag vanaf vandaag." in text_of(far)
    assert local_day(appointment.starts_at) == day


def test_the_case_queue_links_to_the_agenda(sign_in, client):
    sign_in("behandelaar")
    assert 'href="/medewerkers/afspraken"' in client.get("/medewerkers/zaken").text


def test_an_appointment_page_shows_the_resident_the_case_and_a_hold_that_ran_out(
    sign_in, client, day
):
    case = _make_case()
    appointment = book(day, "10:00", "Jan Jansen", case_id=case.id)
    sign_in("behandelaar")

    page = text_of(client.get(f"{OFFICE}/afspraak/{appointment.id}"))
    assert "Jan Jansen" in page and "jan@voorbeeld.example" in page
    assert f"Naar zaak {case.number}" in page and "Verplaatsen" in page

    appointment.status = "expired"
    db.session.commit()
    page = text_of(client.get(f"{OFFICE}/afspraak/{appointment.id}"))
    assert "Niet bevestigd" in page and "Met deze afspraak kunt u niets meer doen." in page
