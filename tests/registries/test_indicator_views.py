"""What the BRP says beyond plain data, on Mijn gegevens and at sign-in: one persona per
indicator (portal.registries.demo BRP_DETAILS, portal.testprovider.personas)."""

import re

import pytest

from portal.registries.records import Person
from portal.registries.services import may_pass_to_third_party
from tests.support.auth import sign_in

INVESTIGATION = "De gemeente onderzoekt of dit gegeven klopt."


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("inwoner-woonboot", "Woonboot De Reiger, ligplaats tegenover Havenkade 30"),
        ("inwoner-buitenland", "Rue de la Paix 12, 75002 Paris, Frankrijk"),
        ("inwoner-rni", "Ingeschreven als niet-ingezetene (RNI), Hauptstraße 5, 10115 Berlin"),
        ("inwoner-adres-onbekend", "Adres Adres onbekend De gemeente weet niet waar"),
        ("inwoner-geboortejaar", "Geboortedatum 1950"),
        ("inwoner-jonkheer", "jonkheer Willem Frederik van den Aedel"),
        ("inwoner-jonkheer", "Hoogwelgeboren heer"),
        ("inwoner-naam-partner", "Anna van Velzen-in het Veld"),
        ("inwoner-naam-partner", "Geachte mevrouw Van Velzen-in het Veld"),
        ("inwoner-geheim", "Geheimhouding Ja."),
        ("inwoner", "Geachte mevrouw El Amrani"),
    ],
)
def test_mijn_gegevens_shows_what_the_brp_says(client, demo_data, persona, expected):
    sign_in(client, persona)
    response = client.get("/mijn-gegevens")
    assert response.status_code == 200
    assert expected in text_of(response)


def test_data_under_investigation_gets_a_notice_next_to_it(client, demo_data):
    sign_in(client, "inwoner-in-onderzoek")
    page = text_of(client.get("/mijn-gegevens"))
    address = page.index("Parklaan 10, 9999 AP Voorbeeld")
    assert page.index(INVESTIGATION) > address
    assert page.count(INVESTIGATION) == 1


def test_a_plain_persona_gets_no_investigation_notice(client, demo_data):
    sign_in(client, "inwoner")
    assert INVESTIGATION not in text_of(client.get("/mijn-gegevens"))


def test_no_one_signs_in_to_act_for_a_deceased_person(client, demo_data):
    response = sign_in(client, "zoon-namens-overleden-vader")
    assert response.status_code == 400
    assert "U kunt geen zaken meer regelen voor deze persoon" in text_of(response)
    assert client.get("/mijn-gegevens").status_code == 302  # not signed in


def test_secret_data_never_goes_to_a_third_party():
    assert may_pass_to_third_party(Person(bsn="999990007")) is True
    assert may_pass_to_third_party(Person(bsn="999990445", secret=True)) is False
    assert may_pass_to_third_party(None) is False
