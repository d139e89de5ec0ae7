"""Opening hours, closures and holidays: typed hours are checked per weekday; a closure is
for the future, blocks booking (availability offers nothing in it), warns about appointments
already in it and needs a second "yes" then; every change is audited."""

from datetime import date, datetime, time, timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.administration import hours
from portal.administration.staff import AdminError
from portal.appointments.availability import free_slots, to_local, to_utc
from portal.appointments.models import Appointment, Closure, Location
from portal.cases.calendar import is_public_holiday
from portal.components import clock
from portal.extensions import db
from tests.administration.conftest import BASE, audit_rows
from tests.appointments.factories import coming_day, make_closure, make_location, make_type

WEEK = {f"day_{d}": "" for d in range(7)}


@pytest.fixture
def town_hall(app) -> Location:
    place = make_location(opening_hours={str(d): [["09:00", "12:30"]] for d in range(5)})
    make_type()
    db.session.commit()
    return place


# --- Typing opening hours -------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("", []),
        ("9.00-12.30", [["09:00", "12:30"]]),
        ("13.30 - 17.00, 9-12.30", [["09:00", "12:30"], ["13:30", "17:00"]]),
        ("9:00–12:00 en 18.00 tot 20.00", [["09:00", "12:00"], ["18:00", "20:00"]]),
    ],
)
def test_typed_hours_are_read(typed, stored):
    assert hours.parse_day(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12.30-9.00", "De sluitingstijd moet na de openingstijd liggen"),
        ("9.00-9.00", "De sluitingstijd moet na de openingstijd liggen"),
        ("25.00-26.00", "Schrijf de tijden zo"),
        ("9.75-12.00", "Schrijf de tijden zo"),
        ("open", "Schrijf de tijden zo"),
        ("9.00-12.00, 11.00-13.00", "Twee tijdvakken lopen door elkaar"),
        (", ".join(["9-10"] * 7), "Gebruik maximaal 6 tijdvakken"),
    ],
)
def test_wrong_hours_are_refused(typed, message):
    with pytest.raises(AdminError) as raised:
        hours.parse_day(typed)
    assert message in str(raised.value.message)


def test_stored_hours_are_shown_as_typed(town_hall):
    assert hours.week_texts(town_hall) == ["9.00-12.30"] * 5 + ["", ""]


def test_changing_opening_hours_is_audited_per_weekday(admin, town_hall):
    week = {**WEEK, **{f"day_{d}": "9.00-12.30" for d in range(5)}}
    week["day_3"] = "9.00-12.30, 18.00-20.00"
    week["day_4"] = ""
    response = admin.post_form(f"{BASE}/openingstijden/gemeentehuis", week)
    assert response.status_code == 302
    db.session.refresh(town_hall)
    assert town_hall.opening_hours["3"] == [["09:00", "12:30"], ["18:00", "20:00"]]
    assert "4" not in town_hall.opening_hours
    changes = [(e.target, e.detail) for e in audit_rows("admin.opening_hours_changed")]
    assert changes == [
        ("gemeentehuis/Donderdag", "9.00-12.30→9.00-12.30, 18.00-20.00"),
        ("gemeentehuis/Vrijdag", "9.00-12.30→—"),
    ]


def test_closing_before_opening_is_refused_and_nothing_is_saved(admin, town_hall):
    week = {**WEEK, "day_0": "17.00-9.00", "day_1": "9.00-12.00"}
    response = admin.post_form(f"{BASE}/openingstijden/gemeentehuis", week)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="day_0-error"' in page
    assert "De sluitingstijd moet na de openingstijd liggen: 17.00-9.00" in page
    assert 'value="9.00-12.00"' in page  # what was typed stays
    db.session.refresh(town_hall)
    assert town_hall.opening_hours["1"] == [["09:00", "12:30"]]
    assert audit_rows("admin.opening_hours_changed") == []


def test_huge_or_nul_input_is_refused(admin, town_hall):
    for typed in ("9" * 5000, "9.00-12.00\x00"):
        response = admin.post_form(f"{BASE}/openingstijden/gemeentehuis", {**WEEK, "day_0": typed})
        assert response.status_code == 422


def test_unknown_location_is_404(admin, town_hall):
    assert admin.get(f"{BASE}/openingstijden/bestaat-niet").status_code == 404
    assert admin.get(f"{BASE}/openingstijden/%00").status_code == 404


def test_new_opening_hours_change_what_can_be_booked(admin, town_hall):
    day = _weekday_ahead(0)
    before = free_slots("paspoort", "gemeentehuis", start_day=day, days=1)
    assert to_local(before[-1].starts_at).time() == time(12, 15)
    week = {**WEEK, **{f"day_{d}": "9.00-12.30" for d in range(5)}, "day_0": "9.00-10.00"}
    admin.post_form(f"{BASE}/openingstijden/gemeentehuis", week)
    after = free_slots("paspoort", "gemeentehuis", start_day=day, days=1)
    assert [to_local(s.starts_at).strftime("%H:%M") for s in after] == [
        "09:00",
        "09:15",
        "09:30",
        "09:45",
    ]


# --- Closures -------------------------------------------------------------------------


def _weekday_ahead(weekday: int) -> date:
    """The first such weekday at least three days ahead that is not a public holiday."""
    day = coming_day(3)
    while day.weekday() != weekday or is_public_holiday(day):
        day += timedelta(days=1)
    return day


def _closure_form(day: date, **extra) -> dict:
    return {
        "location": "gemeentehuis",
        "desk": "",
        "start_day-day": str(day.day),
        "start_day-month": str(day.month),
        "start_day-year": str(day.year),
        "start_time": "",
        "end_day-day": "",
        "end_day-month": "",
        "end_day-year": "",
        "end_time": "",
        "reason": "Personeelsdag",
        **extra,
    }


def _closures() -> list[Closure]:
    db.session.expire_all()
    return list(db.session.scalars(select(Closure)))


def test_a_closure_blocks_availability_and_is_audited(admin, town_hall):
    day = _weekday_ahead(1)
    assert free_slots("paspoort", "gemeentehuis", start_day=day, days=1)
    response = admin.post_form(f"{BASE}/sluitingen/nieuw", _closure_form(day))
    assert response.status_code == 302
    (closure,) = _closures()
    assert (closure.starts_at, closure.ends_at) == (
        to_utc(day, time.min),
        to_utc(day + timedelta(days=1), time.min),
    )
    assert free_slots("paspoort", "gemeentehuis", start_day=day, days=1) == []
    assert free_slots("paspoort", "gemeentehuis", start_day=day + timedelta(days=1), days=1)
    (event,) = audit_rows("admin.closure_added")
    assert event.target == "gemeentehuis/alle balies"
    assert event.detail.startswith("—→") and event.detail.endswith(": Personeelsdag")


def test_a_closure_of_some_hours_blocks_only_those(admin, town_hall):
    day = _weekday_ahead(2)
    form = _closure_form(day, start_time="10.00", end_time="11.00")
    assert admin.post_form(f"{BASE}/sluitingen/nieuw", form).status_code == 302
    times = [
        to_local(s.starts_at).strftime("%H:%M")
        for s in free_slots("paspoort", "gemeentehuis", start_day=day, days=1)
    ]
    assert "09:45" in times and "11:00" in times
    assert not {"10:00", "10:15", "10:30", "10:45"} & set(times)


def _book(day: date, clock: time) -> Appointment:
    start = to_utc(day, clock)
    appointment = Appointment(
        reference="A-2099-000001",
        key="k1",
        uid="u1@test",
        type_slug="paspoort",
        location_slug="gemeentehuis",
        desk=1,
        starts_at=start,
        ends_at=start + timedelta(minutes=15),
        status="booked",
        created_at=datetime(2026, 1, 1),
        updated_at=datetime(2026, 1, 1),
    )
    db.session.add(appointment)
    db.session.commit()
    return appointment


def test_a_closure_over_booked_appointments_warns_and_needs_a_second_yes(admin, town_hall):
    day = _weekday_ahead(3)
    _book(day, time(10))
    first = admin.post_form(f"{BASE}/sluitingen/nieuw", _closure_form(day))
    assert first.status_code == 200
    page = first.get_data(as_text=True)
    assert "Er staat 1 afspraak in deze tijd" in page
    assert "A-2099-000001" in page
    assert _closures() == []
    assert audit_rows("admin.closure_added") == []

    soup = BeautifulSoup(page, "html.parser")
    confirmed = soup.find("input", attrs={"name": "confirmed"})["value"]
    token = soup.find("input", attrs={"name": "csrf_token"})["value"]
    second = admin.post(
        f"{BASE}/sluitingen/nieuw",
        data={**_closure_form(day), "confirmed": confirmed, "csrf_token": token},
    )
    assert second.status_code == 302
    assert len(_closures()) == 1
    # The appointment stays: staff of the agenda move or cancel it with a message.
    assert db.session.scalar(select(Appointment.status)) == "booked"


def test_a_changed_period_needs_a_new_yes(admin, town_hall):
    day = _weekday_ahead(3)
    _book(day, time(10))
    first = admin.post_form(f"{BASE}/sluitingen/nieuw", _closure_form(day))
    confirmed = BeautifulSoup(first.get_data(as_text=True), "html.parser").find(
        "input", attrs={"name": "confirmed"}
    )["value"]
    other = admin.post_form(
        f"{BASE}/sluitingen/nieuw", _closure_form(day, start_time="9.00", confirmed=confirmed)
    )
    assert other.status_code == 200
    assert _closures() == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"start_time": "12.00", "end_time": "11.00"}, "Het einde moet na het begin liggen."),
        ({"reason": ""}, "Schrijf op waarom de locatie dicht is"),
        ({"reason": "x" * 5000}, "Dit is te lang. Gebruik maximaal 200 tekens."),
        ({"reason": "Dicht\x00"}, "Hier staat een teken dat niet mag."),
        ({"location": "bestaat-niet"}, "Kies een locatie"),
        ({"desk": "7"}, "Deze locatie heeft geen balie 7."),
        ({"start_time": "25.00"}, "Vul een tijd in zoals 13.30"),
        ({"start_day-month": "13"}, "maand"),
    ],
)
def test_bad_closures_are_refused(admin, town_hall, change, message):
    day = _weekday_ahead(1)
    response = admin.post_form(f"{BASE}/sluitingen/nieuw", _closure_form(day, **change))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _closures() == []


def test_a_closure_in_the_past_is_refused(admin, town_hall):
    yesterday = clock.today() - timedelta(days=1)
    response = admin.post_form(f"{BASE}/sluitingen/nieuw", _closure_form(yesterday))
    assert response.status_code == 422
    assert _closures() == []


def test_a_closure_that_started_already_is_refused(admin, town_hall):
    today = clock.today()
    response = admin.post_form(
        f"{BASE}/sluitingen/nieuw",
        _closure_form(
            today,
            **{
                "end_day-day": str((today + timedelta(days=2)).day),
                "end_day-month": str((today + timedelta(days=2)).month),
                "end_day-year": str((today + timedelta(days=2)).year),
            },
        ),
    )
    assert response.status_code == 422
    assert "Dit begin is al voorbij" in response.get_data(as_text=True)


def test_removing_a_future_closure_is_audited(admin, town_hall):
    day = _weekday_ahead(1)
    closure = make_closure(
        to_utc(day, time(9)), to_utc(day, time(12)), location_slug="gemeentehuis", reason="Training"
    )
    db.session.commit()
    response = admin.post_form(
        f"{BASE}/sluitingen/{closure.id}/weghalen", page=f"{BASE}/openingstijden"
    )
    assert response.status_code == 302
    assert _closures() == []
    (event,) = audit_rows("admin.closure_removed")
    assert event.detail.endswith(": Training→—")
    assert (
        admin.post_form(
            f"{BASE}/sluitingen/{closure.id}/weghalen", page=f"{BASE}/openingstijden"
        ).status_code
        == 404
    )


def test_the_overview_shows_holidays_and_closures(admin, town_hall):
    day = _weekday_ahead(1)
    make_closure(
        to_utc(day, time(9)), to_utc(day, time(12)), location_slug=None, reason="Kerstavond"
    )
    db.session.commit()
    page = admin.get(f"{BASE}/openingstijden").get_data(as_text=True)
    assert "Kerstavond" in page
    assert "Eerste kerstdag" in page
    assert "9.00-12.30" in page


def test_holidays_are_the_calendars(app):
    with app.test_request_context():
        found = hours.national_holidays(date(2026, 1, 1), years=1)
    days = {holiday.day: holiday.name for holiday in found}
    assert days[date(2026, 5, 5)] == "Bevrijdingsdag"
    assert days[date(2026, 4, 27)] == "Koningsdag"
    assert days[date(2026, 12, 25)] == "Eerste kerstdag"
    assert len(days) == 11
