"""The manage link in the e-mail: unguessable, private, reschedule keeps the old time until
the new one is booked, cancel, a form sent twice, the link after the start and after the end
(then the mark, once), and Mijn afspraken."""

import logging
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.appointments import availability, links
from portal.appointments.models import SlotClaim
from portal.auth.principal import PERSON, Party
from portal.extensions import db
from portal.notifications.models import OutboxEvent
from portal.testprovider.personas import persona
from tests.appointments.resident_factories import TYPE, booked, load_demo

TIME_VALUE = re.compile(r'name="tijd" value="([0-9T:-]+)"')


@pytest.fixture
def appointment(app):
    load_demo()
    return booked(persons=2)


def _path(appointment) -> str:
    return links.manage_path(appointment)


def _events() -> list[str]:
    return [row.event for row in db.session.scalars(select(OutboxEvent).order_by(OutboxEvent.id))]


def test_the_link_is_absolute_and_finds_its_appointment(appointment, app):
    link = links.manage_link(appointment)
    assert link.startswith(app.config["PUBLIC_URL"].rstrip("/") + "/afspraak/beheren/")
    assert links.appointment_from_token(links.manage_token(appointment)) is appointment


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t[:-1] + ("0" if t[-1] != "0" else "1"),  # altered MAC
        lambda t: ("y" if t[0] == "x" else "x") + t[1:],  # altered key (never the same)
        lambda t: t.split("-")[-1],  # MAC only
        lambda t: "",
        lambda t: t + "-" + "0" * 32,
        lambda t: "a" * 5000,
    ],
)
def test_an_altered_or_made_up_link_finds_nothing(appointment, client, change):
    token = change(links.manage_token(appointment))
    assert links.appointment_from_token(token) is None
    if token:
        answer = client.get(f"/afspraak/beheren/{token}")
        assert answer.status_code == 404
        assert "Wij kunnen deze afspraak niet vinden" in answer.get_data(as_text=True)


def test_a_held_time_has_no_link_yet(appointment, client):
    appointment.status = "held"
    db.session.commit()
    assert links.appointment_from_token(links.manage_token(appointment)) is None


def test_the_page_is_private_and_shows_the_appointment(appointment, client):
    answer = client.get(_path(appointment))
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "no-store"
    assert answer.headers["Referrer-Policy"] == "same-origin"
    assert appointment.reference in page and "2 personen" in page
    assert "Verzetten" in page and "Annuleren" in page


def test_the_calendar_file_downloads(appointment, client):
    answer = client.get(_path(appointment) + "/afspraak.ics")
    assert answer.mimetype == "text/calendar"
    assert "attachment" in answer.headers["Content-Disposition"]
    assert b"METHOD:PUBLISH" in answer.data


def test_rescheduling_keeps_the_old_time_until_the_new_one_is_booked(appointment, client):
    old_start = appointment.starts_at
    page = client.get(_path(appointment) + "/verzetten").get_data(as_text=True)
    assert "Die tijd blijft van u tot u een nieuwe tijd kiest." in page
    new_value = [v for v in TIME_VALUE.findall(page) if v != availability.slot_value(old_start)][3]
    # Nothing changed by looking at the times.
    assert db.session.scalars(select(SlotClaim)).all()
    db.session.expire_all()
    assert appointment.starts_at == old_start

    answer = client.post_form(_path(appointment) + "/verzetten", {"tijd": new_value, "versie": "0"})
    assert answer.status_code == 302
    db.session.expire_all()
    assert appointment.starts_at == availability.parse_start(new_value)
    assert appointment.sequence == 1
    assert _events() == ["booked", "changed"]
    shown = client.get(_path(appointment)).get_data(as_text=True)
    assert "Uw afspraak is verzet." in shown

    # The same form sent again (the back button): told, not changed again.
    again = client.post_form(
        _path(appointment) + "/verzetten",
        {"tijd": availability.slot_value(old_start), "versie": "0"},
        page=_path(appointment) + "/verzetten",
        follow_redirects=True,
    )
    assert "Uw afspraak is al verzet." in again.get_data(as_text=True)
    db.session.expire_all()
    assert appointment.starts_at == availability.parse_start(new_value)
    assert _events() == ["booked", "changed"]


def test_a_time_that_is_not_one_is_explained(appointment, client):
    for value in ("gisteren", "2001-01-01T10:00", "1" * 400):
        answer = client.post_form(_path(appointment) + "/verzetten", {"tijd": value, "versie": "0"})
        assert answer.status_code in (400, 409)
    page = client.post_form(
        _path(appointment) + "/verzetten", {"tijd": "x", "versie": "0"}
    ).get_data(as_text=True)
    assert "<title>Fout: " in page and "Kies een tijd uit de lijst" in page


def test_cancelling_and_a_cancelled_link(appointment, client):
    question = client.get(_path(appointment) + "/annuleren").get_data(as_text=True)
    assert "Wilt u deze afspraak annuleren?" in question
    client.post_form(_path(appointment) + "/annuleren", {"versie": "0"})
    db.session.expire_all()
    assert appointment.status == "cancelled"
    assert not db.session.scalars(select(SlotClaim)).all()
    page = client.get(_path(appointment)).get_data(as_text=True)
    assert "Deze afspraak is geannuleerd" in page
    assert "Maak een nieuwe afspraak" in page
    # Used twice: nothing more happens, and no second e-mail.
    answer = client.post_form(
        _path(appointment) + "/annuleren", {"versie": "0"}, page=f"/afspraak/{TYPE}"
    )
    assert answer.status_code == 302
    assert client.get(_path(appointment) + "/verzetten").status_code == 302
    assert _events() == ["booked", "cancelled"]


def test_the_link_stops_changing_anything_once_the_appointment_started(appointment, client):
    appointment.starts_at = availability.utc_now() - timedelta(minutes=5)
    appointment.ends_at = availability.utc_now() + timedelta(minutes=10)
    db.session.commit()
    page = client.get(_path(appointment)).get_data(as_text=True)
    assert "Uw afspraak is begonnen" in page
    assert "Verzetten" not in page
    assert client.get(_path(appointment) + "/verzetten").status_code == 302
    answer = client.post_form(
        _path(appointment) + "/annuleren", {"versie": "0"}, page=f"/afspraak/{TYPE}"
    )
    assert answer.status_code == 302
    db.session.expire_all()
    assert appointment.status == "booked"


def test_after_the_appointment_a_mark_once(appointment, client):
    appointment.starts_at = availability.utc_now() - timedelta(hours=2)
    appointment.ends_at = availability.utc_now() - timedelta(hours=1)
    db.session.commit()
    page = client.get(_path(appointment)).get_data(as_text=True)
    assert "Deze afspraak is voorbij" in page
    assert "Wat vond u van de afspraak?" in page

    empty = client.post_form(_path(appointment) + "/cijfer", {}, page=_path(appointment))
    assert empty.status_code == 400
    assert "Kies een cijfer van 1 tot en met 10" in empty.get_data(as_text=True)
    for value in ("0", "11", "acht"):
        wrong = client.post_form(
            _path(appointment) + "/cijfer", {"cijfer": value}, page=_path(appointment)
        )
        assert wrong.status_code == 400

    client.post_form(
        _path(appointment) + "/cijfer",
        {"cijfer": "8", "opmerking": "Snel geholpen." + " " * 3},
        page=_path(appointment),
    )
    db.session.expire_all()
    assert (appointment.mark, appointment.mark_comment) == (8, "Snel geholpen.")
    shown = client.get(_path(appointment)).get_data(as_text=True)
    assert "U gaf ons een 8. Bedankt!" in shown
    # A second mark is refused; the first stays.
    client.post(_path(appointment) + "/cijfer", data={"cijfer": "2"})
    db.session.expire_all()
    assert appointment.mark == 8


def test_no_mark_before_the_appointment_or_after_a_no_show(appointment, client):
    assert not links.may_give_mark(appointment)
    appointment.status = "no_show"
    appointment.starts_at = availability.utc_now() - timedelta(hours=2)
    appointment.ends_at = availability.utc_now() - timedelta(hours=1)
    db.session.commit()
    assert not links.may_give_mark(appointment)
    appointment.status = "done"
    assert links.may_give_mark(appointment)


def test_the_log_does_not_show_the_token(appointment, client, caplog):
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        logging.getLogger("werkzeug").info('"GET %s HTTP/1.1" 200 -', _path(appointment))
    assert links.manage_token(appointment) not in caplog.text
    assert "/afspraak/beheren/…" in caplog.text


def test_mijn_afspraken_has_the_same_actions(app, client, sign_in):
    load_demo()
    sign_in("inwoner")
    mine = booked(party=Party(PERSON, persona("inwoner").claims["bsn"]))
    page = client.get("/mijn-afspraken").get_data(as_text=True)
    assert links.manage_path(mine) in page
    assert "Paspoort of ID-kaart aanvragen" in page
    assert TYPE in page  # "Maak een afspraak" lists what can be booked
