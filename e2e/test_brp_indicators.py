"""What the BRP says beyond plain data, as the resident sees it on "Mijn gegevens": one
browser test per indicator, each with its own persona (portal/testprovider/personas.py,
portal/registries/demo.py BRP_DETAILS). Every page passes axe at 1280 and 320 px."""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from e2e.support import sign_in

pytestmark = pytest.mark.browser

SOURCE = "Uit de Basisregistratie Personen (BRP)"


def fact(page: Page, label: str):
    """The value next to a label on Mijn gegevens (a term and its definition)."""
    term = page.get_by_role("term").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    return page.get_by_role("main").locator("div").filter(has=term).get_by_role("definition")


def open_my_data(page: Page, live_server: str, persona: str) -> None:
    sign_in(page, live_server, persona, next_path="/mijn-gegevens")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    check_page(page)


def test_no_one_signs_in_for_a_deceased_person(page: Page, live_server):
    sign_in(page, live_server, "zoon-namens-overleden-vader", next_path="/mijn-gegevens")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "U kunt geen zaken meer regelen voor deze persoon"
    )
    expect(page.get_by_role("main")).to_contain_text("Een machtiging stopt bij een overlijden.")
    check_page(page, state="refused")
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)


def test_data_under_investigation_has_a_notice_next_to_it(page: Page, live_server):
    open_my_data(page, live_server, "inwoner-in-onderzoek")
    address = fact(page, "Adres")
    expect(address).to_contain_text("Parklaan 10, 9999 AP Voorbeeld")
    expect(address).to_contain_text("De gemeente onderzoekt of dit gegeven klopt.")
    expect(fact(page, "Naam")).not_to_contain_text("onderzoekt")


def test_secrecy_is_shown_with_what_it_means(page: Page, live_server):
    open_my_data(page, live_server, "inwoner-geheim")
    expect(fact(page, "Geheimhouding")).to_contain_text(
        "De gemeente geeft deze gegevens niet aan organisaties buiten de gemeente"
    )


def test_an_address_abroad_is_shown(page: Page, live_server):
    open_my_data(page, live_server, "inwoner-buitenland")
    abroad = fact(page, "Adres in het buitenland")
    expect(abroad).to_contain_text("Rue de la Paix 12, 75002 Paris, Frankrijk")
    expect(abroad).to_contain_text("Volgens de BRP woont deze persoon in het buitenland.")


def test_a_non_resident_in_the_rni_is_shown(page: Page, live_server):
    open_my_data(page, live_server, "inwoner-rni")
    abroad = fact(page, "Adres in het buitenland")
    expect(abroad).to_contain_text("Ingeschreven als niet-ingezetene (RNI)")
    expect(abroad).to_contain_text("Hauptstraße 5, 10115 Berlin, Duitsland")
    expect(abroad).to_contain_text("De gegevens staan in de RNI.")


def test_an_unknown_address_is_said_plainly(page: Page, live_server):
    open_my_data(page, live_server, "inwoner-adres-onbekend")
    address = fact(page, "Adres")
    expect(address).to_contain_text("Adres onbekend")
    expect(address).to_contain_text("De gemeente weet niet waar deze persoon nu woont.")


def test_a_houseboat_shows_its_location_description(page: Page, live_server):
    open_my_data(page, live_server, "inwoner-woonboot")
    place = fact(page, "Verblijfplaats")
    expect(place).to_contain_text("Woonboot De Reiger, ligplaats tegenover Havenkade 30")
    expect(place).to_contain_text("Dit is geen gewoon adres, maar een plek.")


def test_a_birth_date_of_which_only_the_year_is_known(page: Page, live_server):
    open_my_data(page, live_server, "inwoner-geboortejaar")
    # Only the year: no day or month put in front of it.
    expect(fact(page, "Geboortedatum")).to_contain_text(
        re.compile(rf"^\s*1950\s*{re.escape(SOURCE)}")
    )


def test_a_predicate_is_in_the_name_and_the_salutation(page: Page, live_server):
    open_my_data(page, live_server, "inwoner-jonkheer")
    expect(fact(page, "Naam")).to_contain_text("jonkheer Willem Frederik van den Aedel")
    expect(fact(page, "Aanhef in een brief")).to_contain_text("Hoogwelgeboren heer")


def test_the_chosen_name_use_is_in_the_salutation(page: Page, live_server):
    open_my_data(page, live_server, "inwoner-naam-partner")
    expect(fact(page, "Naam")).to_contain_text("Anna in het Veld")
    expect(fact(page, "Naam die u gebruikt")).to_contain_text("Anna van Velzen-in het Veld")
    expect(fact(page, "Aanhef in een brief")).to_contain_text(
        "Geachte mevrouw Van Velzen-in het Veld"
    )
