"""The Qmatic Orchestra adapter against a local server that answers in Qmatic's shapes."""

import logging
from datetime import date, datetime

import pytest

from portal.appointments.backends.base import BackendSlotTaken, BackendUnavailable
from portal.appointments.backends.qmatic import QmaticBackend, parse_map
from tests.appointments.qmatic_stub import TOKEN, QmaticStub

TIMEOUT = 0.3
TOWN_HALL = "4f1c2a9e8b7d6c5e4f3a2b1c0d9e8f7a"
BRANCH_MAP = f"gemeentehuis={TOWN_HALL}, servicepunt-noord=9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d"
SERVICE_MAP = "paspoort-aanvragen=Paspoort_ID_aanvragen,rijbewijs=Rijbewijs"
FRIDAY = date(2026, 3, 27)  # before summer time starts (Sunday 29 March 2026)
MONDAY = date(2026, 3, 30)  # after


@pytest.fixture(scope="module")
def stub_server():
    server = QmaticStub(slow_seconds=TIMEOUT * 3).start()
    yield server
    server.stop()


@pytest.fixture
def stub(stub_server):
    stub_server.reset()
    yield stub_server
    stub_server.reset()


@pytest.fixture
def backend(stub):
    return QmaticBackend.from_config(
        {
            "QMATIC_API_URL": stub.url,
            "QMATIC_AUTH_TOKEN": TOKEN,
            "QMATIC_BRANCH_MAP": BRANCH_MAP,
            "QMATIC_SERVICE_MAP": SERVICE_MAP,
            "QMATIC_TIMEOUT_SECONDS": TIMEOUT,
        }
    )


def test_the_maps_are_read_from_the_setting():
    assert parse_map(" a=1 , b = 2,broken,=3,c=") == {"a": "1", "b": "2"}


def test_free_slots_are_the_branch_clock_in_utc_on_both_sides_of_the_clock_change(backend):
    slots = backend.free_slots("paspoort-aanvragen", "gemeentehuis", 1, FRIDAY, 4)

    friday = [s for s in slots if s.starts_at.date() == FRIDAY]
    monday = [s for s in slots if s.starts_at.date() == MONDAY]
    assert friday[0].starts_at == datetime(2026, 3, 27, 8, 0)  # 09.00 winter time (UTC+1)
    assert monday[0].starts_at == datetime(2026, 3, 30, 7, 0)  # 09.00 summer time (UTC+2)
    assert monday[-1].ends_at == datetime(2026, 3, 30, 10, 30)  # 12.30 closing time
    assert {s.starts_at.date() for s in slots} == {FRIDAY, MONDAY}  # no weekend, no day 4
    assert all(s.location_slug == "gemeentehuis" for s in slots)
    assert all((s.ends_at - s.starts_at).seconds == 15 * 60 for s in slots)
    assert slots == sorted(slots, key=lambda s: s.starts_at)


def test_the_autumn_clock_change_too(backend, stub):
    stub.today = date(2026, 10, 19)

    slots = backend.free_slots("rijbewijs", "gemeentehuis", 1, date(2026, 10, 23), 4)

    assert slots[0].starts_at == datetime(2026, 10, 23, 7, 0)  # Friday, UTC+2
    monday = next(s for s in slots if s.starts_at.date() == date(2026, 10, 26))
    assert monday.starts_at == datetime(2026, 10, 26, 8, 0)  # Monday, UTC+1


def test_more_people_take_longer_and_must_fit_before_closing(backend, stub):
    slots = backend.free_slots("paspoort-aanvragen", "gemeentehuis", 3, MONDAY, 1)

    assert all((s.ends_at - s.starts_at).seconds == 35 * 60 for s in slots)
    assert slots[-1].ends_at <= datetime(2026, 3, 30, 10, 30)
    assert any("numberOfCustomers=2" in r["path"] for r in stub.requests)


def test_an_unmapped_type_or_location_has_no_slots(backend, stub):
    assert backend.free_slots("huwelijk", "gemeentehuis", 1, MONDAY, 7) == []
    assert backend.free_slots("paspoort-aanvragen", "thuis", 1, MONDAY, 7) == []
    assert stub.requests == []


def test_reserve_then_confirm_books_the_time(backend, stub):
    reservation = backend.reserve(
        "paspoort-aanvragen", "gemeentehuis", datetime(2026, 3, 30, 7, 15), 1
    )

    assert reservation.starts_at == datetime(2026, 3, 30, 7, 15)
    assert reservation.ends_at == datetime(2026, 3, 30, 7, 30)
    assert stub.appointments[reservation.external_ref]["status"] == 10
    reserve = stub.requests[-1]
    assert reserve["method"] == "POST"
    assert reserve["path"].endswith(
        f"/v2/branches/{TOWN_HALL}/dates/2026-03-30/times/09:15/reserve"
        ";servicePublicId=Paspoort_ID_aanvragen"
    )
    assert reserve["json"]["services"] == [{"publicId": "Paspoort_ID_aanvragen"}]

    booking = backend.confirm(
        reservation.external_ref, name="Jan de Vries", email="jan@example.org", phone=None
    )

    assert booking == reservation.external_ref
    booked = stub.appointments[booking]
    assert booked["status"] == 20
    customer = booked["customers"][0]
    assert (customer["firstName"], customer["lastName"]) == ("Jan", "de Vries")
    assert customer["email"] == "jan@example.org" and "phone" not in customer
    slots = backend.free_slots("paspoort-aanvragen", "gemeentehuis", 1, MONDAY, 1)
    assert datetime(2026, 3, 30, 7, 15) not in [s.starts_at for s in slots]


def test_a_time_someone_else_took_is_net_bezet(backend, stub):
    slots = backend.free_slots("paspoort-aanvragen", "gemeentehuis", 1, MONDAY, 1)
    stub.take(TOWN_HALL, "Rijbewijs", datetime(2026, 3, 30, 9, 0))

    with pytest.raises(BackendSlotTaken):
        backend.reserve("paspoort-aanvragen", "gemeentehuis", slots[0].starts_at, 1)


def test_two_residents_reserving_the_same_time_one_wins(backend):
    moment = datetime(2026, 3, 27, 9, 0)
    backend.reserve("paspoort-aanvragen", "gemeentehuis", moment, 1)

    with pytest.raises(BackendSlotTaken):
        backend.reserve("paspoort-aanvragen", "gemeentehuis", moment, 1)


def test_an_expired_reservation_cannot_be_confirmed(backend, stub):
    reservation = backend.reserve(
        "paspoort-aanvragen", "gemeentehuis", datetime(2026, 3, 30, 8, 0), 1
    )
    stub.expire(reservation.external_ref)

    with pytest.raises(BackendSlotTaken):
        backend.confirm(reservation.external_ref, name="Jan", email=None, phone="0612345678")


def test_cancel_frees_the_time_and_an_unknown_reference_is_fine(backend, stub):
    moment = datetime(2026, 3, 30, 8, 30)
    reservation = backend.reserve("paspoort-aanvragen", "gemeentehuis", moment, 1)
    backend.confirm(reservation.external_ref, name="Jan", email=None, phone=None)

    backend.cancel(reservation.external_ref)
    backend.cancel(reservation.external_ref)
    backend.cancel("bestaat/niet?")

    assert stub.appointments == {}
    assert stub.requests[-1]["method"] == "DELETE"
    # Quoted into one path segment: unquoted, "?" would have started a query string.
    assert stub.requests[-1]["path"].endswith("/v1/appointments/bestaat/niet?")
    slots = backend.free_slots("paspoort-aanvragen", "gemeentehuis", 1, MONDAY, 1)
    assert moment in [s.starts_at for s in slots]


def test_every_call_carries_the_key(backend, stub):
    backend.free_slots("paspoort-aanvragen", "gemeentehuis", 1, MONDAY, 1)
    backend.reserve("paspoort-aanvragen", "gemeentehuis", datetime(2026, 3, 30, 9, 0), 1)

    assert stub.requests
    assert all(r["headers"].get("X-Api-Key") == TOKEN for r in stub.requests)


def test_a_wrong_key_is_unavailable_not_retried(stub):
    backend = QmaticBackend(stub.url, "wrong", parse_map(BRANCH_MAP), parse_map(SERVICE_MAP))

    with pytest.raises(BackendUnavailable):
        backend.free_slots("paspoort-aanvragen", "gemeentehuis", 1, MONDAY, 1)
    assert len(stub.requests) == 1


@pytest.mark.parametrize("mode", ["down", "slow", "garbage"])
def test_a_broken_server_is_unavailable(backend, stub, mode):
    stub.mode = mode

    with pytest.raises(BackendUnavailable):
        backend.free_slots("paspoort-aanvragen", "gemeentehuis", 1, MONDAY, 1)
    if mode != "garbage":  # a cancel needs no answer, only a good status
        with pytest.raises(BackendUnavailable):
            backend.cancel("abc")


def test_a_server_that_is_not_there_is_unavailable():
    backend = QmaticBackend("http://127.0.0.1:9", TOKEN, {"a": "b"}, {"c": "d"}, timeout=TIMEOUT)

    with pytest.raises(BackendUnavailable):
        backend.reserve("c", "a", datetime(2026, 3, 30, 9, 0), 1)


def test_one_failure_is_retried(backend, stub):
    stub.fail_next = 1

    assert backend.free_slots("paspoort-aanvragen", "gemeentehuis", 1, MONDAY, 1)


def test_a_slow_reserve_is_not_sent_twice(backend, stub):
    backend.free_slots("paspoort-aanvragen", "gemeentehuis", 1, MONDAY, 1)
    stub.requests.clear()
    stub.mode = "slow"

    with pytest.raises(BackendUnavailable):
        backend.reserve("paspoort-aanvragen", "gemeentehuis", datetime(2026, 3, 30, 9, 0), 1)

    assert [r["method"] for r in stub.requests].count("POST") == 1


def test_no_personal_data_in_the_logs(backend, stub, caplog):
    caplog.set_level(logging.DEBUG)
    reservation = backend.reserve(
        "paspoort-aanvragen", "gemeentehuis", datetime(2026, 3, 30, 9, 30), 1
    )
    stub.expire(reservation.external_ref)
    with pytest.raises(BackendSlotTaken):
        backend.confirm(
            reservation.external_ref,
            name="Fatima el Idrissi",
            email="fatima@example.org",
            phone="+31612345678",
        )
    stub.mode = "down"
    with pytest.raises(BackendUnavailable):
        backend.confirm("x", name="Fatima el Idrissi", email="fatima@example.org", phone=None)

    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "Qmatic confirm" in logged
    for personal in ("Fatima", "Idrissi", "fatima@example.org", "612345678"):
        assert personal not in logged
