""" "Mijn overzicht": the landing page after sign-in, with counts from cases and drafts."""

from bs4 import BeautifulSoup

from portal.cli import load_demo_data
from tests.support.auth import sign_in


def _text(response) -> str:
    return " ".join(BeautifulSoup(response.get_data(as_text=True), "html.parser").stripped_strings)


def test_sign_in_lands_on_the_overview(client):
    load_demo_data()
    response = sign_in(client, "inwoner")
    assert response.headers["Location"] == "/mijn-overzicht"
    page = _text(client.get("/mijn-overzicht"))
    assert "Welkom, Fatima el Amrani." in page
    assert "Mijn gegevens" in page
    assert "U heeft geen aanvragen die nog niet verstuurd zijn." in page


def test_counts_follow_the_cases_and_drafts(client):
    load_demo_data()
    sign_in(client, "inwoner")
    before = _text(client.get("/mijn-overzicht"))
    client.get("/aanvragen/uittreksel-brp/beginnen")
    after = _text(client.get("/mijn-overzicht"))
    assert "U bent aan 1 aanvraag begonnen." in after
    assert "zaak loopt nog" in before or "zaken lopen nog" in before


def test_a_representative_sees_whom_they_act_for(client):
    load_demo_data()
    sign_in(client, "dochter-namens-vader")
    page = _text(client.get("/mijn-overzicht"))
    assert "U regelt hier zaken namens Henk Bakker." in page
    assert "Mijn gegevens" in page  # her mandate covers persoonsgegevens
    assert "Welkom" not in page


def test_staff_and_anonymous_visitors_do_not_get_it(client):
    assert client.get("/mijn-overzicht").status_code == 302
    sign_in(client, "behandelaar")
    assert client.get("/mijn-overzicht").status_code == 403


def test_without_a_personal_data_mandate_there_is_no_data_link(client):
    load_demo_data()
    sign_in(client, "buurman-namens-henk")
    page = _text(client.get("/mijn-overzicht"))
    assert "U regelt hier zaken namens Henk Bakker." in page
    assert "Mijn gegevens" not in page
