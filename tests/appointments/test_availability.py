"""Which times can be booked: opening hours, lunch, capacity, holidays, closures, lead time,
horizon, several people, the daylight-saving change, and the cost of asking."""

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import event

from portal.appointments import availability
from portal.appointments.availability import (
    duration_for,
    free_slots,
    local_day,
    nearest_free,
    to_local,
    to_utc,
)
from portal.appointments.models import Appointment, SlotClaim
from portal.extensions import db
from tests.appointments.factories import make_closure, make_location, make_type

MONDAY = date(2026, 6, 15)
BEFORE = datetime(2026, 6, 10, 8, 0)  # naive UTC, days before MONDAY


def _local_times(slots) -> list[str]:
    return [to_local(slot.starts_at).strftime("%H:%M") for slot in slots]


def _day(persons: int = 1, day: date = MONDAY, now: datetime = BEFORE, **kwargs):
    return free_slots(
        "paspoort", "gemeentehuis", persons=persons, start_day=day, days=1, now=now, **kwargs
    )


def _claim(
    desk: int,
    local_start: time,
    day: date = MONDAY,
    *,
    status: str = "booked",
    held_until: datetime | None = None,
    units: int = 1,
) -> None:
    start = to_utc(day, local_start)
    appointment = Appointment(
        reference=f"T-{desk}-{start:%m%d%H%M}",
        key=f"k{desk}{start:%m%d%H%M}",
        uid=f"u{desk}{start:%m%d%H%M}@test",
        type_slug="paspoort",
        location_slug="gemeentehuis",
        desk=desk,
        starts_at=start,
        ends_at=start + timedelta(minutes=15 * units),
        status=status,
        held_until=held_until,
        created_at=BEFORE,
        updated_at=BEFORE,
    )
    db.session.add(appointment)
    db.session.flush()
    for unit in range(units):
        db.session.add(
            SlotClaim(
                appointment_id=appointment.id,
                location_slug="gemeentehuis",
                desk=desk,
                unit_start=start + timedelta(minutes=15 * unit),
            )
        )
    db.session.flush()


@pytest.fixture
def town_hall(app):
    make_location()
    make_type()
    return app


def test_slots_follow_opening_hours_and_stop_for_lunch(town_hall):
    times = _local_times(_day())

    assert times[0] == "09:00" and times[-1] == "16:45"
    assert "12:15" in times and "12:30" not in times and "13:15" not in times
    assert "13:30" in times
    assert len(times) == 14 + 14


def test_duration_grows_with_persons_and_rounds_up_to_whole_units(town_hall):
    assert duration_for("paspoort", 1) == timedelta(minutes=15)
    assert duration_for("paspoort", 3) == timedelta(minutes=45)  # 35 minutes → 3 units


def test_a_longer_appointment_is_offered_only_where_it_fits_before_lunch_and_closing(town_hall):
    slots = _day(persons=3)
    times = _local_times(slots)

    assert "11:45" in times and "12:00" not in times  # 11:45 + 45 minutes = 12:30
    assert times[-1] == "16:15"
    assert all(slot.ends_at - slot.starts_at == timedelta(minutes=45) for slot in slots)


def test_more_persons_than_the_type_allows_gives_no_slots(town_hall):
    assert _day(persons=6) == []
    assert _day(persons=0) == []


def test_unknown_type_or_location_or_a_location_the_type_does_not_use(town_hall):
    make_location("video", kind="video")
    assert free_slots("onbekend", "gemeentehuis", now=BEFORE) == []
    assert free_slots("paspoort", "onbekend", now=BEFORE) == []
    assert free_slots("paspoort", "video", now=BEFORE) == []


def test_public_holidays_are_closed(town_hall):
    kings_day = date(2026, 4, 27)
    liberation_day = date(2026, 5, 5)  # every year, not only in lustrum years
    now = datetime(2026, 4, 20, 8)

    assert _day(day=kings_day, now=now) == []
    assert _day(day=liberation_day, now=now) == []
    assert _day(day=kings_day + timedelta(days=1), now=now) != []


def test_a_closure_of_the_location_or_of_all_locations_removes_its_time(town_hall):
    make_closure(to_utc(MONDAY, time(9)), to_utc(MONDAY, time(10)), location_slug="gemeentehuis")
    make_closure(to_utc(MONDAY, time(16)), to_utc(MONDAY, time(17)), location_slug=None)

    times = _local_times(_day())

    assert times[0] == "10:00" and times[-1] == "15:45"


def test_a_blocked_desk_leaves_the_other_desks(town_hall):
    availability.get_location("gemeentehuis").capacity = 2
    make_closure(
        to_utc(MONDAY, time(9)), to_utc(MONDAY, time(17)), location_slug="gemeentehuis", desk=1
    )

    slots = _day()

    assert len(slots) == 28 and {slot.desk for slot in slots} == {2}


def test_capacity_counts_desks(town_hall):
    availability.get_location("gemeentehuis").capacity = 2
    _claim(1, time(9))
    assert _day()[0].desk == 2 and _local_times(_day())[0] == "09:00"

    _claim(2, time(9))
    assert _local_times(_day())[0] == "09:15"


def test_a_longer_appointment_needs_one_desk_for_its_whole_time(town_hall):
    availability.get_location("gemeentehuis").capacity = 2
    _claim(1, time(9, 15))
    _claim(2, time(9, 30))  # 15 and 30 minutes free at 09:00, together enough, apart not

    assert "09:00" not in _local_times(_day(persons=3))
    assert "09:00" in _local_times(_day(persons=2))


def test_a_hold_counts_until_it_runs_out(town_hall):
    _claim(1, time(9), status="held", held_until=BEFORE + timedelta(minutes=10))
    assert "09:00" not in _local_times(_day())

    later = BEFORE + timedelta(minutes=11)
    assert "09:00" in _local_times(_day(now=later))


def test_lead_time_and_times_already_past(town_hall):
    now = to_utc(MONDAY, time(8))  # lead time 2 hours
    assert _local_times(_day(now=now))[0] == "10:00"

    yesterday = free_slots(
        "paspoort", "gemeentehuis", start_day=MONDAY - timedelta(days=1), days=2, now=now
    )
    assert {local_day(slot.starts_at) for slot in yesterday} == {MONDAY}


def test_horizon_ends_the_list(town_hall):
    make_type("kort", location_slugs=["gemeentehuis"], horizon_days=3)
    slots = free_slots(
        "kort", "gemeentehuis", start_day=MONDAY, days=14, now=to_utc(MONDAY, time(6))
    )

    assert max(local_day(slot.starts_at) for slot in slots) == MONDAY + timedelta(days=3)


@pytest.mark.parametrize(
    ("change_day", "utc_before", "utc_after"),
    [(date(2026, 3, 29), 8, 7), (date(2026, 10, 25), 7, 8)],  # summer time starts / ends
)
def test_opening_hours_stay_local_across_the_daylight_saving_change(
    town_hall, change_day, utc_before, utc_after
):
    now = datetime.combine(change_day - timedelta(days=7), time(6))
    slots = free_slots(
        "paspoort", "gemeentehuis", start_day=change_day - timedelta(days=1), days=3, now=now
    )
    by_day: dict[date, list] = {}
    for slot in slots:
        by_day.setdefault(local_day(slot.starts_at), []).append(slot)

    assert [len(day) for day in by_day.values()] == [28, 28, 28]
    firsts = [day[0].starts_at for day in by_day.values()]
    assert [first.hour for first in firsts] == [utc_before, utc_after, utc_after]
    assert all(to_local(first).strftime("%H:%M") == "09:00" for first in firsts)


def test_a_period_over_the_spring_gap_has_only_the_real_hours(app):
    make_location(opening_hours={"6": [["01:00", "04:00"]]})
    make_type()
    sunday = date(2026, 3, 29)  # 02:00 becomes 03:00

    slots = _day(day=sunday, now=datetime(2026, 3, 20))

    assert len(slots) == 8  # two real hours
    assert _local_times(slots)[3:5] == ["01:45", "03:00"]


def test_nearest_free_gives_the_closest_times(town_hall):
    day = local_day(availability.utc_now()) + timedelta(days=7)
    while availability.is_public_holiday(day):
        day += timedelta(days=1)
    around = to_utc(day, time(11))

    slots = nearest_free("paspoort", "gemeentehuis", around, limit=3)

    assert [slot.starts_at - around for slot in slots] == [
        timedelta(minutes=-15),
        timedelta(0),
        timedelta(minutes=15),
    ]


def test_days_with_slots_groups_by_local_day(town_hall):
    days = availability.days_with_slots(
        "paspoort", "gemeentehuis", start_day=MONDAY, days=3, now=BEFORE
    )

    assert [day.day for day in days] == [MONDAY + timedelta(days=n) for n in range(3)]
    assert all(len(day.slots) == 28 for day in days)


def test_a_month_costs_one_query_for_the_claims_and_the_closures(town_hall):
    statements = []

    def count(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        free_slots("paspoort", "gemeentehuis", start_day=MONDAY, days=31, now=BEFORE)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)

    assert len(statements) <= 3  # the type, the location, the claims with the closures


def test_form_values_round_trip_and_nonsense_is_refused():
    start = datetime(2026, 6, 15, 7, 30)
    assert availability.parse_start(availability.slot_value(start)) == start
    for value in ("", None, "2026-13-01T07:30", "x" * 500, "2026-06-15"):
        assert availability.parse_start(value) is None


def test_the_demo_data_offers_passport_times_and_no_online_home_visits(app):
    from portal.appointments import demo
    from portal.appointments.backends.embedded import EmbeddedBackend

    assert demo.load() is True and demo.load() is False
    today = local_day(availability.utc_now())
    christmas_eve = date(today.year, 12, 24)  # every location closes at 12.00 uur
    now = to_utc(christmas_eve - timedelta(days=14), time(8))

    for place in ("gemeentehuis", "servicepunt-noord"):
        slots = free_slots(
            "paspoort-id-aanvragen", place, persons=3, start_day=christmas_eve, days=1, now=now
        )
        assert all(slot.ends_at <= to_utc(christmas_eve, time(12)) for slot in slots)
    thursday = date(2026, 12, 17)
    evening = free_slots(
        "gesprek-over-uw-vraag",
        "gemeentehuis",
        start_day=thursday,
        days=1,
        now=datetime(2026, 12, 1, 8),
    )
    assert _local_times(evening)[-1] == "19:30"
    assert availability.get_type("wmo-huisbezoek").bookable_online is False
    day = today + timedelta(days=7)
    backend_slots = EmbeddedBackend().free_slots("rijbewijs", "gemeentehuis", 1, day, 1)
    assert [s.starts_at for s in backend_slots] == [
        s.starts_at for s in free_slots("rijbewijs", "gemeentehuis", start_day=day, days=1)
    ]
