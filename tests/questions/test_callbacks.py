"""Call-back requests: the windows offered (working days, holidays, started and full windows,
the daylight-saving change), the last place taken by two at once, phone numbers, the request
form, attempts in the back office, a new window through the link or Mijn zaken, and the mark."""

import re
import threading
from datetime import date, datetime

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.auth.principal import Party
from portal.cases import creation as case_creation
from portal.cases import handling as case_handling
from portal.cases import services as case_services
from portal.cases.models import Case, Feedback, Message
from portal.catalog import demo as catalog_demo
from portal.extensions import db
from portal.notifications.models import OutboxEvent
from portal.questions import callback_handling as handling
from portal.questions import callback_links as links
from portal.questions import callbacks
from portal.questions import demo as windows_demo
from portal.questions.models import Callback, CallbackWindow, WindowBooking
from tests.support.principals import staff

# Thursday 3 December 2026, 08:00 in Amsterdam (CET, UTC+1).
THURSDAY_8 = datetime(2026, 12, 3, 7, 0)
CALLER = staff("Sem de Graaf", team="klantcontact")
FATIMA = Party(kind="person", identifier="999990007")


@pytest.fixture(autouse=True)
def _setup(app):
    catalog_demo.load()
    windows_demo.load()
    db.session.commit()
    return app


@pytest.fixture
def clock(monkeypatch):
    """Set the moment (naive UTC) for the call-back rules and the cases they make."""

    def set_to(moment: datetime) -> None:
        for module in (callbacks, handling):
            monkeypatch.setattr(module, "now", lambda: moment)
        for module in (case_services, case_creation, case_handling):
            monkeypatch.setattr(module, "now", lambda: moment)

    set_to(THURSDAY_8)
    return set_to


def _window(starts: str) -> CallbackWindow:
    return db.session.scalars(select(CallbackWindow).where(CallbackWindow.starts == starts)).one()


def _value(day: str, starts: str) -> str:
    """A window as the form sends it."""
    return f"{day}_{_window(starts).id}"


def _days(offered) -> list[date]:
    return sorted({w.day for w in offered})


def _request(email: str | None = "a@example.org", party: Party | None = None, starts="09:00"):
    offered = next(w for w in callbacks.offered_windows() if w.starts == starts)
    key = f"test-{datetime.now().timestamp()}-{starts}-{email}"
    callback = callbacks.request_callback(
        topic=callbacks.OTHER_TOPIC,
        topic_name="Iets anders",
        note="Over mijn aanslag",
        phone="+31612345678",
        offered=offered,
        party=party or Party(kind="anonymous", identifier=key[-16:]),
        actor=None,
        email=email,
        language="nl",
        idempotency_key=key,
    )
    db.session.commit()
    return callback


# Windows


def test_windows_are_offered_for_today_and_the_next_two_working_days():
    offered = callbacks.offered_windows(THURSDAY_8)
    assert _days(offered) == [date(2026, 12, 3), date(2026, 12, 4), date(2026, 12, 7)]
    assert len(offered) == 12


def test_over_a_weekend_the_next_two_working_days_are_offered():
    saturday = datetime(2026, 12, 5, 10, 0)
    assert _days(callbacks.offered_windows(saturday)) == [date(2026, 12, 7), date(2026, 12, 8)]


def test_holidays_are_skipped():
    christmas_eve = datetime(2026, 12, 24, 7, 0)
    days = _days(callbacks.offered_windows(christmas_eve))
    assert days == [date(2026, 12, 24), date(2026, 12, 28), date(2026, 12, 29)]


def test_a_window_that_has_started_is_not_offered():
    ten_oclock = datetime(2026, 12, 3, 9, 0)  # 10:00 in Amsterdam
    today = [w.starts for w in callbacks.offered_windows(ten_oclock) if w.day == date(2026, 12, 3)]
    assert today == ["11:00", "13:30", "15:30"]


@pytest.mark.parametrize(
    ("moment", "nine_offered"),
    [
        (datetime(2026, 3, 23, 7, 30), True),  # 08:30 CET, before the change
        (datetime(2026, 3, 30, 7, 30), False),  # 09:30 CEST, after the last Sunday of March
        (datetime(2026, 10, 26, 7, 30), True),  # 08:30 CET, after the last Sunday of October
    ],
)
def test_started_windows_follow_the_daylight_saving_change(moment, nine_offered):
    today = [w.starts for w in callbacks.offered_windows(moment) if w.day == moment.date()]
    assert ("09:00" in today) is nine_offered


def test_a_full_window_is_not_offered():
    window = _window("09:00")
    db.session.add(WindowBooking(day=date(2026, 12, 3), window_id=window.id, taken=window.capacity))
    db.session.flush()
    offered = callbacks.offered_windows(THURSDAY_8)
    assert not [w for w in offered if w.day == date(2026, 12, 3) and w.window_id == window.id]
    assert len(offered) == 11


def test_two_people_at_once_for_the_last_place_get_it_once(app):
    window = _window("09:00")
    window.capacity = 1
    db.session.commit()
    window_id = window.id
    barrier = threading.Barrier(2)
    results: list[bool] = []
    errors: list[Exception] = []

    def book() -> None:
        with app.app_context():
            try:
                chosen = db.session.get(CallbackWindow, window_id)
                barrier.wait()
                results.append(callbacks.book_place(date(2026, 12, 3), chosen))
                db.session.commit()
            except Exception as error:  # collected and asserted below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=book) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == [False, True]
    db.session.expire_all()
    assert db.session.scalars(select(WindowBooking.taken)).one() == 1


# Phone numbers


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("06 12345678", "+31612345678", "06 12345678"),
        ("010-1234567", "+31101234567", "010 123 4567"),
        ("+31 6 1234 5678", "+31612345678", "06 12345678"),
        ("+32 470 12 34 56", "+32470123456", "+32 470 12 34 56"),
        ("0044 20 7946 0958", "+442079460958", "+44 20 7946 0958"),
    ],
)
def test_dutch_and_international_numbers_are_stored_in_e164(typed, stored, shown):
    assert callbacks.parse_phone(typed) == stored
    assert callbacks.show_phone(stored) == shown


@pytest.mark.parametrize("typed", ["hallo", "123", "06 1234", "+999 12345", "0" * 10_000, "☎"])
def test_what_is_not_a_number_gets_a_clear_message(app, typed):
    with (
        app.test_request_context(),
        pytest.raises(callbacks.CallbackError, match="geen telefoonnummer"),
    ):
        callbacks.parse_phone(typed)


# The form


def _form_page(client, url="/terugbellen"):
    html = client.get(url).get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    return html, soup.find("input", attrs={"name": "key"})["value"]


def _send(client, **overrides):
    _, key = _form_page(client)
    data = {
        "key": key,
        "topic": callbacks.OTHER_TOPIC,
        "note": "Over mijn aanslag",
        "phone": "06 12345678",
        "email": "a@example.org",
        "window": _value("2026-12-03", "09:00"),
        **overrides,
    }
    return client.post_form("/terugbellen", data)


def test_an_anonymous_request_becomes_a_case_with_its_window_in_words(client, clock):
    response = _send(client)
    assert response.status_code == 303
    page = client.get("/terugbellen/verstuurd").get_data(as_text=True)
    callback = db.session.scalars(select(Callback)).one()
    case = db.session.get(Case, callback.case_id)
    assert case.number in page
    assert "donderdag 3 december tussen 09.00 en 11.00 uur" in page
    assert (case.product_slug, case.team, case.norm_working_days) == (
        "terugbelverzoek",
        "klantcontact",
        2,
    )
    assert case.party_kind == "anonymous"
    assert callback.phone == "+31612345678"
    assert callback.status == callbacks.WAITING


def test_a_phone_number_that_is_not_one_keeps_what_was_typed(client, clock):
    response = _send(client, phone="bel me maar")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<title>Fout: " in page
    assert "Dit is geen telefoonnummer dat wij kunnen bellen." in page
    assert "Over mijn aanslag" in page
    assert db.session.scalars(select(Case)).first() is None


def test_a_note_of_ten_thousand_characters_is_refused(client, clock):
    response = _send(client, note="x" * 10_000)
    assert response.status_code == 422
    assert "Gebruik maximaal 500 tekens" in response.get_data(as_text=True)


def test_a_window_that_closed_between_showing_and_sending_gets_a_b1_message(client, clock):
    _, key = _form_page(client)
    clock(datetime(2026, 12, 3, 8, 30))  # 09:30: the first window has started
    response = client.post_form(
        "/terugbellen",
        {
            "key": key,
            "topic": callbacks.OTHER_TOPIC,
            "phone": "06 12345678",
            "email": "a@example.org",
            "window": _value("2026-12-03", "09:00"),
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Dit tijdvak is net vol of al begonnen." in page
    assert "06 12345678" in page
    assert "tussen 11.00 en 13.00 uur" in page
    assert db.session.scalars(select(Case)).first() is None


def test_a_made_up_window_value_gets_the_same_message(client, clock):
    response = _send(client, window="9999-99-99_x")
    assert response.status_code == 422
    assert "Dit tijdvak is net vol of al begonnen." in response.get_data(as_text=True)


def test_signed_in_the_phone_comes_from_the_profile(client, sign_in, clock):
    from portal.profile import services as profile

    profile.save_contact(FATIMA, email="", phone="0612345678", notify_by_email=False, language="nl")
    db.session.commit()
    sign_in("inwoner")
    html, _ = _form_page(client)
    assert 'value="0612345678"' in html
    assert 'name="email"' not in html


# Attempts


def test_two_failed_attempts_ask_the_anonymous_requester_for_a_new_window(client, clock):
    callback = _request(email="a@example.org")
    assert handling.log_attempt(callback, "not_reached", None, None, CALLER) == "logged"
    assert handling.log_attempt(callback, "voicemail", "Ingesproken", None, CALLER) == "new_window"
    db.session.commit()
    assert callback.status == callbacks.NEW_WINDOW_NEEDED
    assert db.session.scalars(select(Message)).one().direction == "out"
    events = db.session.scalars(
        select(OutboxEvent.event).where(OutboxEvent.audience == links.AUDIENCE)
    ).all()
    assert events == ["received", "new_window"]

    path = "/terugbellen/nieuw-tijdvak/" + links.link_token(callback)
    page = client.get(path).get_data(as_text=True)
    assert "Kies een nieuw moment" in page
    friday = _value("2026-12-04", "13:30")
    response = client.post_form(path, {"window": friday})
    assert response.status_code == 303
    db.session.expire_all()
    assert callback.status == callbacks.WAITING
    assert callback.window_day == date(2026, 12, 4)

    again = client.post_form(path, {"window": friday}, page="/terugbellen")
    assert again.status_code == 422
    assert "U heeft al een nieuw tijdvak gekozen" in again.get_data(as_text=True)


def test_a_forged_link_finds_nothing(client, clock):
    callback = _request()
    token = links.link_token(callback)
    assert client.get("/terugbellen/nieuw-tijdvak/" + token[:-4] + "0000").status_code == 404
    assert client.get("/terugbellen/nieuw-tijdvak/1-abc").status_code == 404
    assert links.callback_from_token(f"{callback.id + 1}-{token.split('-')[1]}") is None


def test_without_a_way_to_write_a_third_attempt_follows_then_the_request_closes(clock):
    callback = _request(email=None)
    handling.log_attempt(callback, "not_reached", None, None, CALLER)
    assert handling.log_attempt(callback, "not_reached", None, None, CALLER) == "try_again"
    assert callback.status == callbacks.WAITING
    assert handling.log_attempt(callback, "voicemail", None, None, CALLER) == "given_up"
    assert db.session.get(Case, callback.case_id).is_closed


def test_reached_closes_the_case_and_the_link_takes_one_mark(client, clock):
    callback = _request()
    handling.log_attempt(callback, "reached", None, "U krijgt de brief opnieuw.", CALLER)
    db.session.commit()
    case = db.session.get(Case, callback.case_id)
    assert (case.result, case.result_reason) == ("afgehandeld", "U krijgt de brief opnieuw.")
    path = "/terugbellen/nieuw-tijdvak/" + links.link_token(callback)
    assert "Wat vond u ervan?" in client.get(path).get_data(as_text=True)
    assert client.post_form(path + "/cijfer", {"mark": "9"}, page=path).status_code == 303
    assert db.session.scalars(select(Feedback.mark)).one() == 9
    with pytest.raises(callbacks.CallbackError):
        handling.give_mark(callback, 3, None)


def test_a_signed_in_resident_chooses_the_new_window_in_mijn_zaken(client, sign_in, clock):
    callback = _request(email=None, party=FATIMA)
    handling.log_attempt(callback, "not_reached", None, None, CALLER)
    assert handling.log_attempt(callback, "not_reached", None, None, CALLER) == "new_window"
    db.session.commit()
    number = db.session.get(Case, callback.case_id).number
    sign_in("inwoner")
    case_page = client.get(f"/mijn-zaken/{number}").get_data(as_text=True)
    assert "Kies een nieuw tijdvak" in case_page
    path = f"/terugbellen/zaak/{number}/nieuw-tijdvak"
    response = client.post_form(path, {"window": _value("2026-12-07", "09:00")})
    assert response.status_code == 303
    db.session.expire_all()
    assert callback.status == callbacks.WAITING


# The queue


def test_the_queue_shows_requests_by_window_with_their_norm(client, sign_in, clock):
    callback = _request(starts="11:00")
    number = db.session.get(Case, callback.case_id).number
    sign_in("klantcontact")
    page = client.get("/medewerkers/vragen/terugbellen").get_data(as_text=True)
    section = page.split("tussen 11.00 en 13.00 uur", 1)[1].split("tussen 13.30", 1)[0]
    assert number in section
    assert 'href="tel:+31612345678"' in section
    assert "Bijna te laat" in section
    detail = client.get(f"/medewerkers/vragen/terugbellen/{number}")
    assert detail.status_code == 200
    response = client.post_form(
        f"/medewerkers/vragen/terugbellen/{number}/poging",
        {"outcome": "not_reached"},
        page=f"/medewerkers/vragen/terugbellen/{number}",
    )
    assert response.status_code == 303
    assert [a.outcome for a in callback.attempts] == ["not_reached"]


def test_the_norm_is_late_after_two_working_days(clock):
    callback = _request()
    tuesday = datetime(2026, 12, 8, 9, 0)
    entry = handling.staff_queue(tuesday).overdue[0]
    assert entry.callback.id == callback.id
    assert entry.norm == "late"


def test_another_team_cannot_open_the_queue(client, sign_in):
    sign_in("behandelaar")
    assert client.get("/medewerkers/vragen/terugbellen").status_code == 404


def test_the_product_page_starts_the_request(client):
    page = client.get("/producten/terugbelverzoek").get_data(as_text=True)
    assert re.search(r'href="/terugbellen"', page)


def test_the_new_window_email_carries_the_link_to_the_requester(app, clock):
    from portal.notifications.compose import compose, recipient_for

    callback = _request(email="a@example.org")
    handling.log_attempt(callback, "not_reached", None, None, CALLER)
    handling.log_attempt(callback, "not_reached", None, None, CALLER)
    db.session.commit()
    row = db.session.scalars(select(OutboxEvent).where(OutboxEvent.event == "new_window")).one()
    with app.test_request_context():
        message = compose(row, recipient_for(row))
    body = message.get_body(("plain",)).get_content()
    assert message["To"] == "a@example.org"
    assert links.window_link(callback) in body
