"""Booking an appointment as a resident: the product page's button, the four steps, "net
bezet" with the nearest free times, held details kept, types that cannot be booked online,
bad input, signed-in pre-filling and Mijn afspraken."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from portal.appointments import availability, booking, wording
from portal.appointments.models import Appointment
from portal.extensions import db
from portal.notifications.models import OutboxEvent

TYPE = "paspoort-id-aanvragen"
START = f"/afspraak/{TYPE}"
TIMES = f"/afspraak/{TYPE}/tijd?personen=3&locatie=gemeentehuis"
TIME_VALUE = re.compile(r'name="tijd" value="([0-9T:-]+)"')
DAY_LINK = re.compile(r'href="([^"]+#tijden)"')


def _times(client, url: str = TIMES) -> list[str]:
    page = client.get(url)
    assert page.status_code == 200
    return TIME_VALUE.findall(page.get_data(as_text=True))


def _choose(client, value: str, persons: int = 3):
    return client.post_form(
        f"/afspraak/{TYPE}/tijd",
        {"personen": persons, "locatie": "gemeentehuis", "tijd": value},
        page=TIMES,
    )


def _details(client, **fields):
    data = {"naam": "Fatima el Amrani", "email": "fatima@example.org", "telefoon": "", **fields}
    return client.post_form(f"/afspraak/{TYPE}/gegevens", data)


def _someone_else_takes(value: str, persons: int = 3) -> None:
    booking.book(
        TYPE,
        "gemeentehuis",
        availability.parse_start(value),
        booking.Booker(name="Ander", email="ander@example.org"),
        persons=persons,
    )
    db.session.commit()


def test_the_product_page_offers_booking_and_the_phone(client, demo_types):
    page = client.get("/producten/reisdocument-aanvragen").get_data(as_text=True)
    assert f'href="{START}"' in page
    assert "Maak een afspraak" in page
    assert "Liever bellen?" in page


def test_booking_for_three_people_from_start_to_confirmation(client, demo_types):
    start = client.get(START).get_data(as_text=True)
    assert "Een paspoort voor uzelf en twee kinderen? Kies 3." in start
    assert "Marktplein 1, 1234 AB Voorbeeld" in start

    chosen = client.post_form(START, {"personen": "3", "locatie": "gemeentehuis"})
    assert chosen.status_code == 302
    assert chosen.location.endswith("/tijd?personen=3&locatie=gemeentehuis")

    value = _times(client)[0]
    held = _choose(client, value)
    assert held.location.endswith("/gegevens")
    appointment = db.session.scalars(select(Appointment)).one()
    assert appointment.status == "held"
    assert appointment.ends_at - appointment.starts_at == timedelta(minutes=45)

    assert _details(client).location.endswith("/controleren")
    check = client.get(f"/afspraak/{TYPE}/controleren").get_data(as_text=True)
    assert "Fatima el Amrani" in check and "3 personen" in check

    done = client.post_form(f"/afspraak/{TYPE}/controleren", follow_redirects=True)
    page = done.get_data(as_text=True)
    assert "Uw afspraak is gemaakt" in page
    assert "Zet in uw agenda" in page
    assert "Een pasfoto van iedereen die een document aanvraagt" in page
    db.session.expire_all()
    assert appointment.status == "booked"
    [row] = db.session.scalars(select(OutboxEvent)).all()
    assert (row.audience, row.event) == ("appointment", "booked")


def test_a_time_someone_just_took_shows_the_nearest_free_times(client, demo_types):
    value = _times(client)[0]
    _someone_else_takes(value)
    # The same time on every desk: the town hall has four.
    for _ in range(3):
        _someone_else_takes(value)
    answer = _choose(client, value)
    assert answer.status_code == 409
    page = answer.get_data(as_text=True)
    assert "Dit tijdstip is net bezet" in page
    assert "Deze tijden zijn nog vrij:" in page
    assert "Fout" not in page.split("</title>")[0]


def test_a_hold_that_ran_out_and_went_keeps_the_details(client, demo_types):
    value = _times(client)[0]
    _choose(client, value)
    _details(client, telefoon="06 12345678")
    held = db.session.scalars(select(Appointment)).one()
    held.held_until = availability.utc_now() - timedelta(minutes=1)
    db.session.commit()
    for _ in range(4):
        _someone_else_takes(value)

    answer = client.post_form(f"/afspraak/{TYPE}/controleren")
    assert answer.status_code == 409
    assert "Dit tijdstip is net bezet" in answer.get_data(as_text=True)
    near = TIME_VALUE.findall(answer.get_data(as_text=True))[0]
    again = _choose(client, near)
    assert again.location.endswith("/controleren")  # no need to type the details again
    check = client.get(f"/afspraak/{TYPE}/controleren").get_data(as_text=True)
    assert "Fatima el Amrani" in check and "06 12345678" in check


def test_a_phone_number_that_is_not_one_is_explained(client, demo_types):
    _choose(client, _times(client)[0])
    answer = _details(client, telefoon="12345")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "<title>Fout: " in page
    assert "Vul een telefoonnummer in zoals 06 12345678" in page
    assert 'value="Fatima el Amrani"' in page  # nothing typed is lost
    assert _details(client, telefoon="+32 470 12 34 56").location.endswith("/controleren")


def test_bad_input_never_breaks(client, demo_types):
    assert client.get("/afspraak/bestaat-niet").status_code == 404
    assert client.get("/afspraak/" + "x" * 500).status_code == 404
    wrong = client.get(f"/afspraak/{TYPE}/tijd?personen=99&locatie=gemeentehuis")
    assert wrong.status_code == 302 and wrong.location.endswith(START)
    assert client.get(f"/afspraak/{TYPE}/tijd?personen=1&locatie=maan").status_code == 302
    assert client.get(TIMES + "&vanaf=niet-een-datum").status_code == 200
    assert client.get(TIMES + "&vanaf=1999-01-01").status_code == 200
    for value in ("2001-01-01T09:00", "morgen", "9" * 300):
        answer = _choose(client, value)
        assert answer.status_code in (400, 409)
        assert "Kies een tijd uit de lijst" in answer.get_data(as_text=True) or (
            "net bezet" in answer.get_data(as_text=True)
        )
    assert client.get(f"/afspraak/{TYPE}/gegevens").location.endswith(START)
    assert client.get(f"/afspraak/{TYPE}/controleren").location.endswith(START)
    assert client.get(f"/afspraak/{TYPE}/bevestiging").location.endswith(START)


def test_a_type_that_is_not_booked_online_says_what_to_do(client, demo_types):
    page = client.get("/afspraak/wmo-huisbezoek")
    assert page.status_code == 200
    assert "Deze afspraak maakt u niet online" in page.get_data(as_text=True)
    assert client.get("/afspraak/wmo-huisbezoek/tijd?personen=1&locatie=thuis").status_code == 200


def test_the_time_list_pages_through_the_horizon(client, demo_types):
    page = client.get(TIMES).get_data(as_text=True)
    assert "Latere tijden" in page and "Eerdere tijden" not in page
    later = re.search(r'href="([^"]+)">Latere tijden', page).group(1).replace("&amp;", "&")
    next_page = client.get(later).get_data(as_text=True)
    assert "Eerdere tijden" in next_page


def _day_links(page: str) -> list[str]:
    return [link.replace("&amp;", "&") for link in DAY_LINK.findall(page)]


def test_the_times_of_one_day_show_with_the_other_days_as_links(client, demo_types):
    page = client.get(TIMES).get_data(as_text=True)
    first_day = {wording.local_day(availability.parse_start(v)) for v in TIME_VALUE.findall(page)}
    links = _day_links(page)
    assert len(first_day) == 1 and len(links) >= 2
    assert page.count('aria-current="date"') == 1

    other = client.get(links[1]).get_data(as_text=True)
    other_day = {wording.local_day(availability.parse_start(v)) for v in TIME_VALUE.findall(other)}
    assert len(other_day) == 1 and other_day != first_day
    assert f"Vrije tijden op {wording.day_text(other_day.pop(), 'nl')}" in other
    assert _day_links(other) == links  # the same week, another day


def test_going_on_without_a_time_keeps_the_day(client, demo_types):
    links = _day_links(client.get(TIMES).get_data(as_text=True))
    second = parse_qs(urlsplit(links[1]).query)
    answer = client.post_form(
        f"/afspraak/{TYPE}/tijd",
        {
            "personen": 3,
            "locatie": "gemeentehuis",
            "vanaf": second["vanaf"][0],
            "dag": second["dag"][0],
        },
        page=TIMES,
    )
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert "<title>Fout: " in page and 'href="#eerste-tijd"' in page
    assert 'id="tijd-error"' in page and 'aria-invalid="true"' in page
    days = {wording.local_day(availability.parse_start(v)) for v in TIME_VALUE.findall(page)}
    assert [day.isoformat() for day in days] == second["dag"]


def test_signed_in_the_details_are_filled_and_mijn_afspraken_lists_it(client, sign_in, demo_types):
    sign_in("inwoner")
    _choose(client, _times(client)[0])
    details = client.get(f"/afspraak/{TYPE}/gegevens").get_data(as_text=True)
    assert "Wij hebben ingevuld wat wij al van u weten." in details
    _details(client)
    client.post_form(f"/afspraak/{TYPE}/controleren")
    mine = client.get("/mijn-afspraken").get_data(as_text=True)
    assert "Paspoort of ID-kaart aanvragen" in mine
    assert "/afspraak/beheren/" in mine


def test_mijn_afspraken_needs_sign_in(client):
    assert client.get("/mijn-afspraken").status_code == 302
