"""The team queue: each case's norm status, filters, and the case page with the answers."""

from datetime import timedelta

import pytest

from portal.cases import handling as case_handling
from portal.cases import services as case_services
from portal.extensions import db


@pytest.fixture
def maria(sign_in, handler):
    """Maria Visser of team Burgerzaken, signed in."""
    sign_in("behandelaar")
    return handler("behandelaar")


def _cards(html: str) -> str:
    return html.split('class="card-list"', 1)[1] if 'class="card-list"' in html else ""


def test_the_queue_shows_the_teams_open_cases_with_their_norm(client, maria, new_case):
    on_time = new_case()
    late = new_case()
    late.expected_completion = case_services.today() - timedelta(days=3)
    other_team = new_case("parkeervergunning-bewoners")
    closed = new_case()
    case_handling.close_case(closed, "toegekend", None, None)
    db.session.commit()

    html = client.get("/medewerkers/zaken").get_data(as_text=True)

    cards = _cards(html)
    assert on_time.number in cards and late.number in cards
    assert other_team.number not in cards and closed.number not in cards
    # The late case comes first: due first, on top.
    assert cards.index(late.number) < cards.index(on_time.number)
    assert "Te laat" in cards and "Op tijd" in cards


def test_the_queue_filters_on_norm_status_and_handler(client, maria, new_case):
    mine = new_case()
    case_handling.assign(mine, maria)
    late = new_case()
    late.expected_completion = case_services.today() - timedelta(days=3)
    db.session.commit()

    only_late = _cards(client.get("/medewerkers/zaken?norm=late").get_data(as_text=True))
    only_mine = _cards(client.get("/medewerkers/zaken?mine=y").get_data(as_text=True))

    assert late.number in only_late and mine.number not in only_late
    assert mine.number in only_mine and late.number not in only_mine


def test_a_case_waiting_for_the_resident_has_its_clock_stopped(client, maria, new_case):
    case = new_case()
    case_handling.request_information(case, "Stuur een kopie van uw paspoort.", None)
    db.session.commit()

    cards = _cards(client.get("/medewerkers/zaken?norm=paused").get_data(as_text=True))

    assert case.number in cards
    assert "1 open taak voor de inwoner" in cards


def test_the_case_page_shows_the_answers_and_is_audited(client, maria, new_case, audit):
    case = new_case(answers={"nieuw_adres": "Dorpsstraat 1", "kinderen": ["Sam", "Noor"]})
    db.session.commit()

    html = client.get(f"/medewerkers/zaken/{case.number}").get_data(as_text=True)

    assert "Nieuw adres" in html and "Dorpsstraat 1" in html
    assert "Sam, Noor" in html
    assert ("backoffice.case_viewed", "success", case.number) in audit


def test_a_resident_message_waiting_for_an_answer_stands_out(client, maria, new_case, resident):
    case = new_case()
    case_handling.send_message(case, "Hoe lang duurt het nog?", resident)
    db.session.commit()

    cards = _cards(client.get("/medewerkers/zaken").get_data(as_text=True))

    assert "Nieuw bericht van de inwoner" in cards
    assert "Hoe lang" not in cards


def test_the_team_sees_the_residents_marks(client, maria, new_case, resident):
    from portal.cases import resident_services

    marked = []
    for mark, comment in ((8, "Snel geregeld."), (7, "")):
        case = new_case()
        case_handling.close_case(case, "toegekend", None, None)
        resident_services.give_feedback(case, mark, comment, resident)
        marked.append(case)
    other_team = new_case("parkeervergunning-bewoners")
    case_handling.close_case(other_team, "toegekend", None, None)
    resident_services.give_feedback(other_team, 1, "", resident)
    db.session.commit()

    html = client.get("/medewerkers/zaken").get_data(as_text=True)
    assert "Gemiddeld een 7,5, uit 2 cijfers van de afgelopen 12 maanden." in html
    detail = client.get(f"/medewerkers/zaken/{marked[0].number}").get_data(as_text=True)
    assert "De inwoner gaf een 8." in detail and "Wat beter kan: Snel geregeld." in detail


def test_the_marks_are_those_of_the_last_twelve_months(client, maria, new_case, resident):
    from portal.cases import resident_services

    for mark in (9, 4):
        case = new_case()
        case_handling.close_case(case, "toegekend", None, None)
        given = resident_services.give_feedback(case, mark, "", resident)
    given.created_at = case_services.now() - timedelta(days=400)  # the 4, long ago
    db.session.commit()

    html = client.get("/medewerkers/zaken").get_data(as_text=True)

    assert "Gemiddeld een 9,0, uit 1 cijfer van de afgelopen 12 maanden." in html
