"""The ICS invitation, parsed back with `icalendar` and checked field by field: UID, DTSTAMP,
Europe/Amsterdam with its VTIMEZONE, SEQUENCE raised on change, METHOD:CANCEL with
STATUS:CANCELLED, the daylight-saving change; and the e-mail that carries it."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask_babel import force_locale
from icalendar import Calendar
from sqlalchemy import select

from portal.appointments import availability, booking, ics, links
from portal.appointments.models import Appointment
from portal.extensions import db
from portal.notifications.compose import compose, recipient_for
from portal.notifications.models import OutboxEvent
from tests.appointments.resident_factories import booked, load_demo, row

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def appointment(app):
    load_demo()
    return booked(persons=3)


def _parse(appointment: Appointment, method: str | None = None, **kwargs):
    kind = availability.get_type(appointment.type_slug)
    place = availability.get_location(appointment.location_slug)
    with force_locale("nl"):
        text = ics.calendar_file(appointment, kind, place, method, **kwargs)
    calendar = Calendar.from_ical(text)
    [event] = calendar.walk("VEVENT")
    return calendar, event, text


def test_the_invitation_field_by_field(appointment, app):
    stamp = datetime(2026, 11, 30, 8, 15)
    calendar, event, text = _parse(appointment, stamp=stamp)

    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "REQUEST"
    assert "MijnGemeente" in str(calendar["PRODID"])
    assert str(event["UID"]) == appointment.uid
    assert event.decoded("DTSTAMP") == stamp.replace(tzinfo=UTC)
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event["DTEND"].params["TZID"] == "Europe/Amsterdam"
    assert start == appointment.starts_at.replace(tzinfo=UTC)
    assert end - start == timedelta(minutes=45)  # 15 + 2 × 10 minutes, in whole quarters
    assert int(event["SEQUENCE"]) == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == "Paspoort of ID-kaart aanvragen bij Gemeente Voorbeeld"
    assert str(event["LOCATION"]) == "Gemeentehuis, Marktplein 1, 1234 AB Voorbeeld"
    description = str(event["DESCRIPTION"])
    assert appointment.reference in description
    assert "Voor 3 personen" in description
    assert "- Een pasfoto van iedereen die een document aanvraagt" in description
    assert "Kosten: Een paspoort kost" in description
    assert links.manage_token(appointment) not in text.decode()
    assert str(event["ORGANIZER"]) == f"mailto:{app.config['MAIL_FROM']}"
    assert event["ORGANIZER"].params["CN"] == "Gemeente Voorbeeld"
    assert str(event["ATTENDEE"]) == "mailto:fatima@example.org"

    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Amsterdam"
    assert {part.name for part in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    offsets = {part.decoded("TZOFFSETTO") for part in zone.subcomponents}
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}
    # Lines are folded at 75 octets and end in CRLF (RFC 5545, 3.1).
    assert all(len(line) <= 75 for line in text.split(b"\r\n"))


def test_rescheduling_keeps_the_uid_and_raises_the_sequence(appointment):
    uid = appointment.uid
    later = availability.free_slots(appointment.type_slug, "gemeentehuis", persons=3, days=21)[
        -1
    ].starts_at
    booking.reschedule(appointment, later)
    db.session.commit()
    _, event, _ = _parse(appointment)
    assert str(event["UID"]) == uid
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == later.replace(tzinfo=UTC)


def test_a_cancellation_removes_the_event(appointment):
    booking.cancel(appointment)
    db.session.commit()
    calendar, event, _ = _parse(appointment)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == appointment.uid
    assert int(event["SEQUENCE"]) == appointment.sequence


def test_the_download_is_a_plain_event(appointment):
    calendar, _event, _ = _parse(appointment, ics.PUBLISH)
    assert str(calendar["METHOD"]) == "PUBLISH"
    with pytest.raises(ValueError):
        _parse(appointment, "REFRESH")


@pytest.mark.parametrize(
    ("utc_start", "local_hour", "offset"),
    [
        # Last Sunday of March 2027: the clocks go from 2.00 to 3.00 uur.
        (datetime(2027, 3, 27, 9, 0), 10, timedelta(hours=1)),
        (datetime(2027, 3, 28, 8, 0), 10, timedelta(hours=2)),
        # Last Sunday of October 2027: from 3.00 back to 2.00 uur.
        (datetime(2027, 10, 30, 8, 0), 10, timedelta(hours=2)),
        (datetime(2027, 10, 31, 9, 0), 10, timedelta(hours=1)),
        (datetime(2027, 11, 1, 9, 0), 10, timedelta(hours=1)),
    ],
)
def test_times_are_right_across_the_daylight_saving_change(app, utc_start, local_hour, offset):
    load_demo()
    appointment = row(utc_start)
    _, event, _ = _parse(appointment)
    start = event.decoded("DTSTART")
    assert start.tzinfo is not None
    assert start.astimezone(AMSTERDAM).hour == local_hour
    assert start.astimezone(AMSTERDAM).utcoffset() == offset
    assert start.astimezone(UTC).replace(tzinfo=None) == utc_start


def _mail(event_name: str) -> tuple:
    outbox_row = db.session.scalars(
        select(OutboxEvent).where(OutboxEvent.event == event_name)
    ).one()
    recipient = recipient_for(outbox_row)
    return outbox_row, recipient, compose(outbox_row, recipient)


def test_the_confirmation_e_mail_carries_the_invitation_and_the_link(appointment):
    outbox_row, recipient, message = _mail("booked")
    assert outbox_row.audience == "appointment"
    assert "fatima@example.org" not in str(outbox_row.payload)
    assert recipient.address == "fatima@example.org"
    assert message["Subject"].startswith("Uw afspraak op ")
    body = message.get_body(("plain",)).get_content()
    assert links.manage_link(appointment) in body
    assert "Waar: Gemeentehuis, Marktplein 1, 1234 AB Voorbeeld." in body
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "REQUEST"
    assert attachment.get_filename() == f"afspraak-{appointment.reference}.ics"
    calendar = Calendar.from_ical(attachment.get_content())
    assert str(calendar.walk("VEVENT")[0]["UID"]) == appointment.uid


def test_the_cancellation_e_mail_carries_cancel(appointment):
    booking.cancel(appointment)
    db.session.commit()
    _, _recipient, message = _mail("cancelled")
    [attachment] = list(message.iter_attachments())
    assert attachment.get_param("method") == "CANCEL"
    assert "Maak een nieuwe afspraak" in message.get_body(("plain",)).get_content()
    # The confirmation still waiting in the outbox is not sent any more.
    assert recipient_for(_mail_row("booked")).skip_reason == "appointment cancelled"


def _mail_row(event_name: str) -> OutboxEvent:
    return db.session.scalars(select(OutboxEvent).where(OutboxEvent.event == event_name)).one()


def test_an_english_appointment_gets_english_words(app):
    load_demo()
    appointment = booked()
    appointment.language = "en"
    db.session.commit()
    _, recipient, message = _mail("booked")
    assert recipient.language == "en"
    [attachment] = list(message.iter_attachments())
    event = Calendar.from_ical(attachment.get_content()).walk("VEVENT")[0]
    assert "Town hall" in str(event["LOCATION"])
