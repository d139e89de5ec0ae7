"""The embedded address search, the municipality's area, and the coordinate conversion."""

from __future__ import annotations

import math

import pytest

from portal.registries import demo
from portal.registries.records import Address
from portal.reports import geo
from portal.reports.locations import (
    draft_location,
    location_service,
    parse_point,
    place_for_address,
    place_for_point,
)
from portal.reports.locations.area import area, contains, who_else
from portal.reports.locations.base import DEMO_BOUNDS, DEMO_CENTER
from portal.reports.locations.embedded import REVERSE_RADIUS_M, EmbeddedLocationService, streets
from tests.reports.factories import offset

DORPSSTRAAT_12 = "adr-9999010000000001"


@pytest.fixture
def service(app):
    demo.load()
    return EmbeddedLocationService()


def labels(found) -> list[str]:
    return [suggestion.label for suggestion in found]


# --- suggest ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["Dorpsstraat 12", "dorpsstr 12", "DORPSSTRAAT   12", "9999AA 12", "9999 aa 12"]
)
def test_an_address_is_found_however_it_is_typed(service, typed):
    found = service.suggest(typed)
    assert found[0].id == DORPSSTRAAT_12
    assert found[0].label == "Dorpsstraat 12, 9999 AA Voorbeeld"


def test_a_street_without_a_number_is_a_place_and_comes_first(service):
    found = service.suggest("dorpsstraat")
    assert found[0].id == "weg-dorpsstraat"
    assert found[0].label == "Dorpsstraat, Voorbeeld"
    assert "Dorpsstraat 12, 9999 AA Voorbeeld" in labels(found)


def test_a_number_with_a_letter_or_an_addition_is_found(service):
    assert labels(service.suggest("lindelaan 45b")) == ["Lindelaan 45B, 9999 AC Voorbeeld"]
    assert labels(service.suggest("Lindelaan 45")) == [
        "Lindelaan 45A, 9999 AC Voorbeeld",
        "Lindelaan 45B, 9999 AC Voorbeeld",
    ]
    assert labels(service.suggest("beukenhof 8-2")) == ["Beukenhof 8-2, 9999 AF Voorbeeld"]


def test_the_exact_number_comes_before_longer_ones(service):
    assert labels(service.suggest("dorpsstraat 1"))[:2] == [
        "Dorpsstraat 1, 9999 AA Voorbeeld",
        "Dorpsstraat 12, 9999 AA Voorbeeld",
    ]


def test_part_of_a_street_name_and_the_town_name_are_forgiven(service):
    assert "weg-nieuwegracht" in [s.id for s in service.suggest("nieuwe gr")]
    assert service.suggest("Dorpsstraat 12 Voorbeeld")[0].id == DORPSSTRAAT_12


def test_nothing_is_suggested_for_a_number_alone_or_an_unknown_street(service):
    assert service.suggest("12") == []
    assert service.suggest("Kalverstraat 1") == []
    assert service.suggest("") == []


def test_a_postcode_gives_its_streets_and_addresses(service):
    found = service.suggest("9999 AH")
    assert found[0].id == "weg-nieuwegracht"
    assert [s.label for s in found[1:]] == [
        "Nieuwe Gracht 2, 9999 AH Voorbeeld",
        "Nieuwe Gracht 4, 9999 AH Voorbeeld",
    ]


def test_the_limit_is_kept(service):
    assert len(service.suggest("straat", limit=3)) == 3


# --- lookup and reverse -------------------------------------------------------------------


def test_lookup_gives_the_address_with_its_coordinates_and_area(service):
    place = service.lookup(DORPSSTRAAT_12)
    assert place.label == "Dorpsstraat 12, 9999 AA Voorbeeld"
    assert (place.street, place.house_number, place.postcode) == ("Dorpsstraat", "12", "9999 AA")
    assert place.area == "Centrum"
    assert (place.latitude, place.longitude) == demo.COORDINATES["9999010000000001"]


def test_lookup_of_a_street_gives_its_spot(service):
    place = service.lookup("weg-marktplein")
    assert place.street == "Marktplein" and place.house_number == ""
    assert (place.latitude, place.longitude) == DEMO_CENTER


@pytest.mark.parametrize("place_id", ["adr-0000", "weg-kalverstraat", "perceel-1", "", "adr-"])
def test_lookup_of_an_unknown_id_gives_none(service, place_id):
    assert service.lookup(place_id) is None


def test_reverse_gives_the_nearest_address_within_150_metres(service):
    latitude, longitude = demo.COORDINATES["9999010000000001"]
    assert service.reverse(*offset((latitude, longitude), east_m=20)).id == DORPSSTRAAT_12
    assert place_for_point(latitude, longitude).street_line == "Dorpsstraat 12"


def test_reverse_gives_none_far_from_every_address(service):
    # The river bank west of Havenkade: more than 150 m from every address.
    far = offset(demo.COORDINATES["9999010000000007"], north_m=-REVERSE_RADIUS_M * 2.5)
    assert service.reverse(*far) is None


def test_place_for_point_refuses_a_point_that_is_no_place(service):
    assert place_for_point(math.nan, 6.1) is None
    assert place_for_point(91, 6.1) is None


def test_the_own_register_address_is_found_through_the_search(service):
    address = Address("Lindelaan", 45, "9999AC", "Voorbeeld", house_letter="B")
    assert place_for_address(address).id == "adr-9999010000000003"
    assert place_for_address(Address("Lindelaan", 99, "9999AC", "Voorbeeld")) is None


def test_location_service_follows_the_setting(app):
    app.config["LOCATION_BACKEND"] = "pdok"
    assert type(location_service()).__name__ == "PdokLocationService"
    app.config["LOCATION_BACKEND"] = "embedded"
    assert isinstance(location_service(), EmbeddedLocationService)


# --- the demo data ------------------------------------------------------------------------


def test_every_demo_address_lies_in_the_municipality_beside_its_street(service):
    min_lat, max_lat, min_lon, max_lon = DEMO_BOUNDS
    by_name = {street.name: street for street in streets()}
    for object_id, street, *_rest in demo.ADDRESSES:
        latitude, longitude = demo.COORDINATES[object_id]
        assert min_lat < latitude < max_lat and min_lon < longitude < max_lon, object_id
        assert who_else(latitude, longitude) is None, object_id
        nearest = min(geo.distance_m(latitude, longitude, *p) for p in by_name[street].line)
        assert nearest < 700, object_id


def test_every_street_spot_lies_in_the_municipality(app):
    for street in streets():
        assert who_else(*street.spot) is None, street.name


# --- the area and who else to tell ----------------------------------------------------------


def test_the_centre_is_ours(app):
    assert who_else(*DEMO_CENTER) is None


@pytest.mark.parametrize(
    ("point", "organisation", "kind"),
    [
        ((52.3190, 6.1000), "Gemeente Noordveen", "municipality"),
        ((52.3000, 6.1290), "Gemeente Oosterbroek", "municipality"),
        ((52.2810, 6.1000), "Gemeente Zuiderwaard", "municipality"),
        ((52.3000, 6.0720), "Gemeente Westerhaven", "municipality"),
        ((52.3090, 6.1050), "ProRail", "railway"),
        ((52.3000, 6.1200), "Rijkswaterstaat", "motorway"),
        ((52.3000, 6.0830), "Waterschap Voorbeelddelta", "water"),
    ],
)
def test_who_else_names_the_organisation_for_a_place_that_is_not_ours(
    app, point, organisation, kind
):
    referral = who_else(*point)
    assert (referral.organisation, referral.kind) == (organisation, kind)
    assert referral.place and referral.url.startswith("https://")
    assert referral.phone_dial.isdigit()


def test_a_point_far_away_gets_the_general_answer(app):
    referral = who_else(40.0, -3.7)
    assert referral.organisation == "" and referral.id == "elders"


def test_the_answer_is_in_english_when_the_page_is(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert who_else(52.3090, 6.1050).place == "on or next to the railway"


def test_point_in_polygon_is_the_even_odd_rule(app):
    square = ((0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0))
    assert contains(square, 0.5, 0.5)
    assert not contains(square, 1.5, 0.5)
    assert not contains(square, 0.5, -0.1)
    assert len(area().boundary) >= 3


# --- points from a form ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        ("", "6.1"),
        ("abc", "6.1"),
        ("nan", "6.1"),
        ("inf", "6.1"),
        ("1e999", "6.1"),
        ("91", "6.1"),
        ("52.3", "181"),
        (None, None),
        ("5" * 40, "6.1"),
    ],
)
def test_a_bad_point_is_refused(latitude, longitude):
    with pytest.raises(ValueError):
        parse_point(latitude, longitude)


def test_a_point_may_use_a_comma(app):
    assert parse_point(" 52,3 ", "6.1") == (52.3, 6.1)


def test_the_draft_keeps_the_point_and_borrows_the_address_name(service):
    place = service.lookup(DORPSSTRAAT_12)
    kept = draft_location(place, "kaart", 52.30030, 6.09390)
    assert kept == {
        "latitude": 52.3003,
        "longitude": 6.0939,
        "label": "Dorpsstraat 12, 9999 AA Voorbeeld",
        "street": "Dorpsstraat",
        "area": "Centrum",
        "source": "kaart",
        "place_id": DORPSSTRAAT_12,
    }
    assert draft_location(None, "gps", 52.3, 6.1)["label"] == "52.30000, 6.10000"


# --- RD New and WGS84 ------------------------------------------------------------------------


def test_rd_and_wgs84_convert_back_and_forth(app):
    x, y = geo.to_rd(*DEMO_CENTER)
    assert 150_000 < x < 250_000 and 450_000 < y < 550_000
    latitude, longitude = geo.from_rd(x, y)
    assert geo.distance_m(latitude, longitude, *DEMO_CENTER) < 0.05


def test_a_known_rd_point_converts_to_its_place(app):
    # Amersfoort, the origin of RD New: x 155000, y 463000.
    latitude, longitude = geo.from_rd(155_000, 463_000)
    assert abs(latitude - 52.15517) < 0.0001 and abs(longitude - 5.38721) < 0.0001
