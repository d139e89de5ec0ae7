"""How BRP data reads: salutations per the Haal Centraal aanhef rules, names with name use
and titles, incomplete dates, every kind of residence, and house numbers sorted as numbers."""

from dataclasses import replace

import pytest
from flask_babel import force_locale

from portal.registries import display
from portal.registries.records import Address, PartialDate, Person, Residence

VELD = Person(
    bsn="999990494",
    given_names="Anna",
    prefix="in het",
    surname="Veld",
    sex="V",
    partner_prefix="van",
    partner_surname="Velzen",
)
AEDEL = Person(
    bsn="999990482",
    given_names="Pieter",
    prefix="van den",
    surname="Aedel",
    sex="M",
    title_predicate="jonkheer",
    partner_prefix="de",
    partner_surname="Boer",
)
HOME = Address("Dorpsstraat", 12, "9999AA", "Voorbeeld")


@pytest.fixture
def nl(app):
    with app.test_request_context(), force_locale("nl"):
        yield


# The rows of summary.feature: person "in het Veld" with partner "van Velzen".
@pytest.mark.parametrize(
    ("name_use", "expected"),
    [
        ("E", "Geachte mevrouw In het Veld"),
        ("P", "Geachte mevrouw Van Velzen"),
        ("V", "Geachte mevrouw Van Velzen-in het Veld"),
        ("N", "Geachte mevrouw In het Veld-van Velzen"),
    ],
)
def test_the_salutation_follows_the_name_use(nl, name_use, expected):
    assert display.salutation(replace(VELD, name_use=name_use)) == expected


def test_without_a_partner_every_name_use_gives_the_own_name(nl):
    alone = replace(VELD, partner_prefix="", partner_surname="", name_use="V")
    assert display.salutation(alone) == "Geachte mevrouw In het Veld"


@pytest.mark.parametrize(
    ("sex", "expected"),
    [
        ("M", "Geachte heer Van Puffelen"),
        ("V", "Geachte mevrouw Van Puffelen"),
        ("O", "Geachte R.M. van Puffelen"),
        ("", "Geachte R.M. van Puffelen"),
    ],
)
def test_without_a_known_sex_the_initials_take_the_place_of_heer_or_mevrouw(nl, sex, expected):
    person = Person(bsn="1", given_names="Robin Melle", prefix="van", surname="Puffelen", sex=sex)
    assert display.salutation(person) == expected


# The rows of adellijke_titel_predicaat.feature.
@pytest.mark.parametrize(
    ("title", "sex", "name_use", "expected"),
    [
        ("jonkheer", "M", "E", "Hoogwelgeboren heer"),
        ("jonkheer", "M", "V", "Hoogwelgeboren heer"),
        ("jonkheer", "M", "P", "Geachte heer De Boer"),
        ("graaf", "M", "E", "Hooggeboren heer"),
        ("gravin", "V", "E", "Hooggeboren vrouwe"),
        ("baron", "O", "E", "Geachte P. van den Aedel"),
        ("prins", "O", "E", "Hoogheid"),
        # A married woman with a predicate is addressed by name.
        ("jonkvrouw", "V", "E", "Geachte mevrouw Van den Aedel"),
    ],
)
def test_a_title_or_predicate_changes_the_salutation(nl, title, sex, name_use, expected):
    person = replace(AEDEL, title_predicate=title, sex=sex, name_use=name_use)
    assert display.salutation(person) == expected


def test_the_name_shown_puts_a_predicate_first_and_a_title_before_the_surname(nl):
    assert display.display_name(AEDEL) == "jonkheer Pieter van den Aedel"
    baron = replace(AEDEL, title_predicate="baron")
    assert display.display_name(baron) == "Pieter baron van den Aedel"


def test_the_name_shown_follows_the_name_use_and_the_legal_name_does_not(nl):
    person = replace(VELD, name_use="V")
    assert display.display_name(person) == "Anna van Velzen-in het Veld"
    assert display.legal_name(person) == "Anna in het Veld"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (PartialDate(1950, 3, 3), "3 maart 1950"),
        (PartialDate(1950, 3), "maart 1950"),
        (PartialDate(1950), "1950"),
        (PartialDate(), "Onbekend"),
        (None, "Onbekend"),
        (PartialDate(1950, 13), "1950"),  # a month no calendar has: the year is still right
    ],
)
def test_an_incomplete_date_shows_what_is_known(nl, value, expected):
    assert display.partial_date(value) == expected


def test_an_incomplete_date_in_english(app):
    with app.test_request_context(), force_locale("en"):
        assert display.partial_date(PartialDate(1950, 3)) == "March 1950"


def test_a_dutch_address_uses_the_full_street_name(nl):
    short = Address(
        "Burg. Jansenln", 3, "9999AB", "Voorbeeld", official_street="Burgemeester Jansenlaan"
    )
    person = Person(bsn="1", address=short)
    assert display.address_lines(person) == ["Burgemeester Jansenlaan 3", "9999 AB Voorbeeld"]


@pytest.mark.parametrize(
    ("residence", "address", "expected"),
    [
        (
            Residence("locatie", description="Woonboot De Reiger"),
            None,
            ["Woonboot De Reiger"],
        ),
        (
            Residence(
                "buitenland", lines=("Rue de la Paix 12", "75002 Paris"), country="Frankrijk"
            ),
            None,
            ["Rue de la Paix 12", "75002 Paris", "Frankrijk"],
        ),
        (
            Residence("rni", country="België"),
            None,
            ["Ingeschreven als niet-ingezetene (RNI)", "België"],
        ),
        (Residence("onbekend"), None, ["Adres onbekend"]),
        (None, HOME, ["Dorpsstraat 12", "9999 AA Voorbeeld"]),
    ],
)
def test_every_kind_of_residence_is_shown(nl, residence, address, expected):
    person = Person(bsn="1", residence=residence, address=address)
    assert display.address_lines(person) == expected


def test_house_numbers_sort_as_numbers():
    addresses = [
        Address("Parklaan", 10, "9999AP", "Voorbeeld"),
        Address("Parklaan", 2, "9999AP", "Voorbeeld", addition="10"),
        Address("Parklaan", 2, "9999AP", "Voorbeeld", addition="2"),
        Address("Parklaan", 2, "9999AP", "Voorbeeld", house_letter="A"),
        Address("Parklaan", 4, "9999AP", "Voorbeeld"),
        Address("Parklaan", 2, "9999AP", "Voorbeeld"),
    ]
    ordered = sorted(addresses, key=display.address_sort_key)
    assert [a.street_line for a in ordered] == [
        "Parklaan 2",
        "Parklaan 2-2",
        "Parklaan 2-10",
        "Parklaan 2A",
        "Parklaan 4",
        "Parklaan 10",
    ]


def test_a_fact_under_investigation_is_marked_and_others_are_not(nl):
    person = Person(
        bsn="1",
        given_names="Lotte",
        surname="Jansen",
        address=HOME,
        under_investigation=frozenset({"verblijfplaats"}),
    )
    marked = {fact.label: fact.investigated for fact in display.person_facts(person)}
    assert marked["Adres"] is True
    assert marked["Naam"] is False
    assert marked["Geboortedatum"] is False
