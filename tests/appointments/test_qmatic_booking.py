"""Booking through the portal with APPOINTMENT_BACKEND=qmatic, against the local Qmatic server:
our Appointment row carries Qmatic's reference, and a time Qmatic refuses is "net bezet"."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.appointments import availability, booking
from portal.appointments.availability import local_day, to_local, utc_now
from portal.appointments.models import Appointment, AppointmentType, Location
from portal.extensions import db
from tests.appointments.qmatic_stub import TOKEN, QmaticStub

TOWN_HALL = "4f1c2a9e8b7d6c5e4f3a2b1c0d9e8f7a"
TYPE, PLACE = "paspoort-aanvragen", "gemeentehuis"


@pytest.fixture(scope="module")
def stub_server():
    server = QmaticStub().start()
    yield server
    server.stop()


@pytest.fixture
def stub(stub_server):
    stub_server.reset()
    stub_server.today = local_day(utc_now()) + timedelta(days=1)
    yield stub_server
    stub_server.reset()


@pytest.fixture
def qmatic_app(app, stub):
    app.config.update(
        APPOINTMENT_BACKEND="qmatic",
        QMATIC_API_URL=stub.url,
        QMATIC_AUTH_TOKEN=TOKEN,
        QMATIC_BRANCH_MAP=f"{PLACE}={TOWN_HALL}",
        QMATIC_SERVICE_MAP=f"{TYPE}=Paspoort_ID_aanvragen",
        QMATIC_TIMEOUT_SECONDS=0.5,
    )
    app.extensions.pop("appointment_backend", None)
    db.session.add(
        Location(
            slug=PLACE,
            kind="gemeentehuis",
            name_nl="Gemeentehuis",
            name_en="Town hall",
            address="Markt 1, Voorbeeld",
            capacity=1,
            opening_hours={},  # Qmatic knows the opening hours, not we
        )
    )
    db.session.add(
        AppointmentType(
            slug=TYPE,
            product_slug="reisdocument-aanvragen",
            name_nl="Paspoort of ID-kaart aanvragen",
            name_en="Apply for a passport or ID card",
            duration_minutes=15,
            extra_minutes_per_person=10,
            max_persons=5,
            location_slugs=[PLACE],
            cost_cents=None,
        )
    )
    db.session.commit()
    return app


def _first_free():
    slots = availability.free_slots(TYPE, PLACE, start_day=local_day(utc_now()) + timedelta(2))
    assert slots, "the stub offers times on the coming weekdays"
    return slots[0]


def test_booking_keeps_our_row_with_qmatic_reference(qmatic_app, stub):
    slot = _first_free()

    appointment = booking.book(
        TYPE, PLACE, slot.starts_at, booking.Booker(name="Jan de Vries", email="jan@example.org")
    )
    db.session.commit()

    stored = db.session.scalar(select(Appointment).where(Appointment.id == appointment.id))
    assert stored.status == "booked"
    assert stored.starts_at == slot.starts_at and stored.ends_at == slot.ends_at
    at_qmatic = stub.appointments[stored.external_ref]
    assert at_qmatic["status"] == 20
    assert at_qmatic["customers"][0]["lastName"] == "de Vries"
    assert to_local(stored.starts_at).strftime("%H:%M") == "09:00"


def test_a_time_qmatic_refuses_is_net_bezet_with_fresh_times(qmatic_app, stub):
    slot = _first_free()
    stub.take(TOWN_HALL, "Rijbewijs", to_local(slot.starts_at).replace(tzinfo=None))

    with pytest.raises(booking.SlotTaken):
        booking.book(TYPE, PLACE, slot.starts_at, booking.Booker(name="Jan de Vries"))

    assert db.session.scalars(select(Appointment)).all() == []
    fresh = availability.nearest_free(TYPE, PLACE, slot.starts_at)
    assert fresh and slot.starts_at not in [s.starts_at for s in fresh]


def test_cancelling_cancels_at_qmatic(qmatic_app, stub):
    slot = _first_free()
    appointment = booking.book(TYPE, PLACE, slot.starts_at, booking.Booker(name="Jan"))
    reference = appointment.external_ref

    booking.cancel(appointment)

    assert appointment.status == "cancelled"
    assert reference not in stub.appointments


def test_qmatic_down_is_a_calm_message(qmatic_app, stub):
    slot = _first_free()
    stub.mode = "down"

    with (
        qmatic_app.test_request_context(),  # the message is translated for the page
        pytest.raises(booking.BookingError, match="werkt nu niet"),
    ):
        booking.book(TYPE, PLACE, slot.starts_at, booking.Booker(name="Jan"))


def test_booking_pages_say_calmly_when_the_appointment_system_is_down(app, client, monkeypatch):
    """The list of times comes from an outside system that does not answer: a B1 page with
    status 503, never a 500."""
    from portal.appointments import demo
    from portal.appointments.backends.base import BackendUnavailable

    def down(*_args, **_kwargs):
        raise BackendUnavailable("qmatic")

    monkeypatch.setattr(availability, "slots_for", down)
    demo.load()
    db.session.commit()
    response = client.get(
        "/afspraak/paspoort-id-aanvragen/tijd",
        query_string={"personen": "1", "locatie": "gemeentehuis"},
    )
    assert response.status_code == 503
    assert "Een afspraak maken lukt nu niet" in response.get_data(as_text=True)
