"""The PDOK Locatieserver adapter against a local stub in the published response shapes:
the requests it sends, what it reads from the answers, timeouts, one retry, failing calmly."""

from __future__ import annotations

import pytest

from portal.devtools.smtp_catcher import free_port
from portal.reports.locations import LocationUnavailable, location_service
from portal.reports.locations.pdok import PdokLocationService, parse_point
from tests.reports.pdok_stub import MUNICIPALITY_CODE, LocatieserverStub

TIMEOUT = 0.3


@pytest.fixture(scope="module")
def stub():
    server = LocatieserverStub(slow_seconds=TIMEOUT * 2).start()
    yield server
    server.stop()


@pytest.fixture
def pdok(stub):
    stub.mode, stub.fail_next = "ok", 0
    stub.requests.clear()
    yield PdokLocationService(stub.url, MUNICIPALITY_CODE, TIMEOUT)
    stub.mode, stub.fail_next = "ok", 0


def test_suggest_asks_for_addresses_and_streets_in_the_municipality(pdok, stub):
    found = pdok.suggest("Dorpsstraat 12", limit=5)
    assert [s.label for s in found] == ["Dorpsstraat 12, 9999AA Voorbeeld"]
    sent = stub.requests[-1]
    assert sent["endpoint"] == "suggest"
    assert sent["args"]["q"] == "Dorpsstraat 12"
    assert sent["args"]["rows"] == "5"
    assert sent["args"].getlist("fq") == ["gemeentecode:9999", "type:(adres OR weg)"]


def test_suggest_finds_streets_too(pdok):
    labels = [s.label for s in pdok.suggest("nieuwe gracht")]
    assert "Nieuwe Gracht, Voorbeeld" in labels
    assert "Nieuwe Gracht 2, 9999AH Voorbeeld" in labels


def test_search_syntax_is_not_passed_on(pdok, stub):
    pdok.suggest('type:perceel* OR "x"')
    assert stub.requests[-1]["args"]["q"] == "type perceel OR x"
    assert pdok.suggest(":*()") == []


def test_lookup_reads_the_place_from_the_document(pdok):
    suggestion = pdok.suggest("Lindelaan 45B")[0]
    place = pdok.lookup(suggestion.id)
    assert place.id == suggestion.id
    assert place.label == "Lindelaan 45B, 9999AC Voorbeeld"
    assert (place.street, place.house_number) == ("Lindelaan", "45B")
    assert (place.postcode, place.city, place.area) == ("9999 AC", "Voorbeeld", "Zuid")
    assert (place.latitude, place.longitude) == (52.29525, 6.09387)


def test_lookup_asks_for_the_fields_it_reads_within_the_municipality(pdok, stub):
    pdok.lookup("adr-00000001a1b2c3d4")
    args = stub.requests[-1]["args"]
    assert stub.requests[-1]["endpoint"] == "lookup"
    assert args["id"] == "adr-00000001a1b2c3d4"
    assert {"centroide_ll", "straatnaam", "huis_nlt", "postcode", "buurtnaam"} <= set(
        args["fl"].split()
    )
    assert args.getlist("fq") == ["gemeentecode:9999"]


def test_lookup_of_a_street_has_no_number(pdok):
    street = next(s for s in pdok.suggest("Marktplein") if s.id.startswith("weg-"))
    place = pdok.lookup(street.id)
    assert place.street == "Marktplein" and place.house_number == "" and place.postcode == ""
    assert (place.latitude, place.longitude) == (52.3, 6.1)


def test_an_unknown_id_gives_none(pdok):
    assert pdok.lookup("adr-doesnotexist") is None


def test_reverse_gives_the_nearest_address_within_150_metres(pdok, stub):
    place = pdok.reverse(52.30030, 6.09390)
    assert place.label == "Dorpsstraat 12, 9999AA Voorbeeld"
    args = stub.requests[-1]["args"]
    assert (args["type"], args["distance"], args["rows"]) == ("adres", "150", "1")
    assert args["fq"] == "gemeentecode:9999"
    assert pdok.reverse(52.2967, 6.0849) is None  # the river bank: no address near


def test_without_a_municipality_code_no_filter_is_sent(stub):
    stub.requests.clear()
    PdokLocationService(stub.url, "", TIMEOUT).suggest("Kerkweg")
    assert stub.requests[-1]["args"].getlist("fq") == ["type:(adres OR weg)"]


def test_one_failure_is_retried(pdok, stub):
    stub.fail_next = 1
    assert pdok.suggest("Kerkweg 3")[0].label == "Kerkweg 3, 9999AB Voorbeeld"
    assert len(stub.requests) == 2


@pytest.mark.parametrize("mode", ["down", "slow", "garbage"])
def test_a_server_that_does_not_answer_well_raises_location_unavailable(pdok, stub, mode):
    stub.mode = mode
    with pytest.raises(LocationUnavailable):
        pdok.suggest("Kerkweg 3")


def test_a_refused_request_is_not_retried(pdok, stub):
    with pytest.raises(LocationUnavailable):
        pdok._docs("suggest", {"q": "x", "unknown": "1"})
    assert len(stub.requests) == 1


def test_a_server_that_is_not_there_raises_location_unavailable():
    service = PdokLocationService(f"http://127.0.0.1:{free_port()}", "9999", TIMEOUT)
    with pytest.raises(LocationUnavailable):
        service.reverse(52.3, 6.1)


def test_an_empty_url_is_unavailable_not_a_crash(app):
    app.config.update(LOCATION_BACKEND="pdok", PDOK_LOCATIESERVER_URL="")
    with pytest.raises(LocationUnavailable):
        location_service().suggest("Kerkweg")


@pytest.mark.parametrize(
    ("wkt", "point"),
    [
        ("POINT(6.1 52.3)", (52.3, 6.1)),
        (" POINT( 6.09383  52.30025 ) ", (52.30025, 6.09383)),
        ("POINT(6.1)", None),
        ("LINESTRING(6.1 52.3, 6.2 52.4)", None),
        ("", None),
        (None, None),
    ],
)
def test_centroide_ll_is_read_longitude_first(wkt, point):
    assert parse_point(wkt) == point


def test_the_place_step_works_with_pdok(app, client, stub):
    from tests.reports.test_place_step import data_of, start_draft

    stub.mode = "ok"
    app.config.update(
        LOCATION_BACKEND="pdok", PDOK_LOCATIESERVER_URL=stub.url, MUNICIPALITY_CODE="9999"
    )
    draft = start_draft(client)
    page = client.get("/melding/plek", query_string={"zoek": "Kerkweg 3"}).get_data(as_text=True)
    assert "Kerkweg 3, 9999AB Voorbeeld" in page
    pdok_id = stub.docs[1]["id"]  # Kerkweg 3
    assert pdok_id in page
    response = client.post_form("/melding/plek", {"actie": "kiezen", "plek": pdok_id})
    assert response.status_code == 303
    location = data_of(draft)["location"]
    assert (location["place_id"], location["street"], location["area"]) == (
        pdok_id,
        "Kerkweg",
        "Centrum",
    )
    # Without demo streets to draw, the map shows the boundary only.
    assert "streets" not in client.get("/melding/kaart/achtergrond.json").get_json()
