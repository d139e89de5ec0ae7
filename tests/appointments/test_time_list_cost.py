"""What the list of free times costs: the same few queries however full the agenda is, and
times and days worded exactly as Babel words them (the words are kept per language)."""

import re
from datetime import time, timedelta

import pytest
from flask_babel import format_date, format_time

from portal.administration import hours
from portal.appointments import availability, booking, resident_services, wording
from portal.extensions import db
from tests.appointments.factories import make_closure
from tests.support import principals
from tests.support.queries import queries_for

TYPE = "paspoort-id-aanvragen"
TIMES = f"/afspraak/{TYPE}/tijd?personen=1&locatie=gemeentehuis"
TIME_VALUE = re.compile(r'name="tijd" value="([0-9T:-]+)"')


def _queries(client, url: str) -> tuple[int, str]:
    counted = queries_for(client, url)
    return len(counted), counted.body


def test_the_time_list_asks_as_much_for_a_full_agenda_as_for_an_empty_one(client, demo_types):
    client.get(TIMES)  # the first request of a process reads the catalogue
    empty, page = _queries(client, TIMES)
    for value in TIME_VALUE.findall(page)[:40]:
        booking.book(
            TYPE,
            "gemeentehuis",
            availability.parse_start(value),
            booking.Booker(name="Ander", email="ander@example.org"),
        )
    db.session.commit()

    full, _ = _queries(client, TIMES)

    # The claims with the closures, and the catalogue's number (the type and its places are
    # kept per process until it changes).
    assert empty == full <= 2
    counted = queries_for(client, TIMES)
    assert not any("appointments_type" in statement for statement in counted.statements)


def test_closed_weeks_are_skipped_with_one_more_query(client, demo_types):
    kind = availability.get_type(TYPE)
    place = availability.get_location("gemeentehuis")
    now = availability.utc_now()
    today = availability.local_day(now)
    open_from = today + timedelta(days=2 * resident_services.DAYS_PER_PAGE)
    make_closure(now - timedelta(hours=1), availability.to_utc(open_from, time.min))
    db.session.commit()
    client.get(TIMES)

    count, page = _queries(client, TIMES)
    window = resident_services.time_window(kind, place, 1, None, now)

    assert count <= 3
    assert window.first_day == open_from and window.days
    assert window.days[0].day >= open_from
    assert "Eerdere tijden" in page
    assert wording.day_text(window.days[0].day, "nl") in page


def test_a_fully_closed_horizon_ends_on_its_last_page(demo_types, app):
    kind = availability.get_type(TYPE)
    place = availability.get_location("gemeentehuis")
    now = availability.utc_now()
    make_closure(now - timedelta(hours=1), now + timedelta(days=kind.horizon_days + 2))
    db.session.flush()

    window = resident_services.time_window(kind, place, 1, None, now)

    assert window.days == [] and window.later is None
    assert (window.last_day - window.first_day).days < resident_services.DAYS_PER_PAGE


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_times_and_days_read_as_babel_writes_them(app, locale):
    with app.test_request_context(headers={"Accept-Language": locale}):
        day = availability.local_day(availability.utc_now())
        for hour in range(24):
            for minute in range(0, 60, 15):
                moment = availability.to_utc(day, time(hour, minute))
                clock = wording.local(moment).time().replace(tzinfo=None)
                expected = format_time(clock, "H.mm" if locale == "nl" else "short")
                assert wording.time_text(moment) == expected
        for offset in (0, 1, 200, 400):
            shown = day + timedelta(days=offset)
            pattern = "EEEE d MMMM" if shown.year == day.year else "EEEE d MMMM y"
            assert wording.day_text(shown) == format_date(shown, pattern)


def test_opening_hours_changed_by_the_administration_show_at_once(client, demo_types):
    assert TIME_VALUE.findall(client.get(TIMES).get_data(as_text=True))  # the copy is made
    place = availability.get_location("gemeentehuis")

    hours.set_opening_hours(place, {}, principals.staff("Anouk Smits", "informatievoorziening"))
    db.session.commit()

    page = client.get(TIMES).get_data(as_text=True)
    assert not TIME_VALUE.findall(page)
    assert "Er is nu geen tijd meer vrij." in page
