"""The BAG adapter against a local BAG that follows the published specification
(API Individuele Bevragingen 2.0.0, GET /adressen; tests/registries/fixtures/bag/)."""

import logging

import pytest
import requests

from portal.registries.base import LookupRequest, RegistryAnswerInvalid, RegistryRefusedRequest
from portal.registries.http import HttpAddressRegister
from portal.registries.http import bag as bag_module
from tests.registries.bag_server import BagServer, Spot
from tests.registries.contracts import PLAIN_HTTP, documented_headers

ASK = LookupRequest("verhuizing", "test")
LONG = "Burgemeester van Oud-Voorbeeldenlaan"  # 36 characters: the BAG adds a korteNaam


@pytest.fixture(scope="module")
def server():
    running = BagServer().start()
    yield running
    running.stop()


@pytest.fixture
def bag(server):
    server.reset()
    server.spots.extend(
        [
            Spot("Lindelaan", 45, "9999AC", letter="B"),
            Spot("Lindelaan", 45, "9999AC", letter="A", addition="10"),
            Spot("Lindelaan", 45, "9999AC"),
            Spot("Lindelaan", 45, "9999AC", letter="A", addition="2"),
            Spot("Lindelaan", 45, "9999AC", letter="A"),
            Spot(LONG, 7, "9999AD", short="Burg v Oud-Voorbeeldenln"),
        ]
    )
    return server


def register(server, key="bag-key") -> HttpAddressRegister:
    return HttpAddressRegister(server.api_url, key, 2.0)


def lines(found) -> list[str]:
    return [a.street_line for a in found]


def test_every_request_and_answer_follows_the_specification(bag):
    register(bag).addresses("9999 ac", 45, ASK)
    register(bag).addresses("9999AC", 45, ASK, house_letter="A", addition="2")
    assert len(bag.exchanges) == 2
    for exchange in bag.exchanges:
        bag.api.validate_request(exchange.openapi_request)
        bag.api.validate_response(exchange.openapi_request, exchange.openapi_response)
        sent = {name.lower() for name, _value in exchange.request.headers.items()}
        # X-Api-Key only: /adressen has no geometry, so no Accept-Crs
        assert sent - PLAIN_HTTP == {"x-api-key"} <= documented_headers(bag.spec)
    assert dict(bag.exchanges[0].request.args) == {
        "postcode": "9999AC",
        "huisnummer": "45",
        "pageSize": "100",
    }
    assert dict(bag.exchanges[1].request.args) == {
        "postcode": "9999AC",
        "huisnummer": "45",
        "huisletter": "A",
        "huisnummertoevoeging": "2",
        "exacteMatch": "true",
        "pageSize": "100",
    }


def test_the_request_check_catches_a_request_without_the_api_key(bag):
    with pytest.raises(Exception):  # noqa: B017 - the client's kind of refusal is not ours
        register(bag, key="").addresses("9999AC", 45, ASK)
    exchange = bag.exchanges[0]
    assert exchange.response.status_code == 401
    with pytest.raises(Exception, match=r"(?i)security"):
        bag.api.validate_request(exchange.openapi_request)


def test_letters_and_additions_come_in_house_order(bag):
    found = register(bag).addresses("9999AC", 45, ASK)
    assert lines(found) == [
        "Lindelaan 45",
        "Lindelaan 45A",
        "Lindelaan 45A-2",
        "Lindelaan 45A-10",
        "Lindelaan 45B",
    ]
    assert {(a.postcode, a.city) for a in found} == {("9999AC", "Voorbeeld")}


def test_an_exact_match_gives_only_that_address(bag):
    assert lines(register(bag).addresses("9999AC", 45, ASK, house_letter="A")) == ["Lindelaan 45A"]
    assert lines(register(bag).addresses("9999AC", 45, ASK, house_letter="a", addition="10")) == [
        "Lindelaan 45A-10"
    ]


def test_the_short_and_the_official_street_name_are_both_kept(bag):
    (address,) = register(bag).addresses("9999AD", 7, ASK)
    assert address.street == "Burg v Oud-Voorbeeldenln"
    assert address.official_street == LONG


def test_nothing_found_is_an_empty_list(bag):
    assert register(bag).addresses("9999AC", 46, ASK) == []
    assert bag.exchanges[0].response.status_code == 200


@pytest.mark.parametrize(
    ("postcode", "number", "letter", "addition"),
    [
        ("0999AA", 1, "", ""),
        ("9999A", 1, "", ""),
        ("9999AA", 0, "", ""),
        ("9999AA", 1, "AB", ""),
        ("9999AA", 1, "", "12345"),
    ],
)
def test_what_cannot_be_an_address_is_not_sent(bag, postcode, number, letter, addition):
    found = register(bag).addresses(postcode, number, ASK, house_letter=letter, addition=addition)
    assert found == []
    assert bag.exchanges == []


def test_pages_are_followed_by_their_next_link(bag):
    bag.spots[:] = [Spot("Torenflat", 1, "9999AE", addition=str(n)) for n in range(250, 0, -1)]
    found = register(bag).addresses("9999AE", 1, ASK)
    assert [a.addition for a in found] == [str(n) for n in range(1, 251)]
    pages = [dict(e.request.args) for e in bag.exchanges]
    assert [p.get("page") for p in pages] == [None, "2", "3"]
    assert all(p["postcode"] == "9999AE" and p["pageSize"] == "100" for p in pages)
    for exchange in bag.exchanges:
        bag.api.validate_request(exchange.openapi_request)


def test_paging_stops_at_the_bound_with_a_log_line(bag, monkeypatch, caplog):
    monkeypatch.setattr(bag_module, "MAX_PAGES", 2)
    bag.spots[:] = [Spot("Torenflat", 1, "9999AE", addition=str(n)) for n in range(1, 251)]
    with caplog.at_level(logging.WARNING):
        found = register(bag).addresses("9999AE", 1, ASK)
    assert len(found) == 200 and len(bag.exchanges) == 2
    assert "more than 2 pages" in caplog.text


def test_a_next_link_to_another_host_is_not_followed(bag):
    bag.links_host = f"http://127.0.0.1:{bag.port + 1}"
    bag.spots[:] = [Spot("Torenflat", 1, "9999AE", addition=str(n)) for n in range(1, 120)]
    with pytest.raises(RegistryAnswerInvalid):
        register(bag).addresses("9999AE", 1, ASK)
    assert len(bag.exchanges) == 1


def test_the_server_answers_bad_parameters_with_problem_details(bag):
    url = f"{bag.api_url}/adressen"
    answer = requests.get(
        url, params={"postcode": "0000XX", "huisnummer": 1}, headers={"X-Api-Key": "k"}, timeout=2
    )
    assert answer.status_code == 400
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.json()["invalid-params"][0]["name"]
    beyond = requests.get(
        url,
        params={"postcode": "9999AC", "huisnummer": 45, "page": 9},
        headers={"X-Api-Key": "k"},
        timeout=2,
    )
    assert beyond.status_code == 400
    assert beyond.json()["invalid-params"][0]["name"] == "page"
    for exchange in bag.exchanges:
        bag.api.validate_response(exchange.openapi_request, exchange.openapi_response)


def test_a_refused_request_is_not_taken_for_no_addresses(bag):
    bag.override[f"{bag.api_url.removeprefix(bag.url)}/adressen"] = (
        400,
        '{"status": 400, "title": "Een of meerdere parameters zijn niet correct.",'
        ' "invalid-params": [{"name": "postcode", "code": "pattern", "reason": "x"}]}',
    )
    with pytest.raises(RegistryRefusedRequest):
        register(bag).addresses("9999AC", 45, ASK)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"_embedded": {"adressen": {"postcode": "9999AC"}}}', "_embedded.adressen"),
        (
            '{"_embedded": {"adressen": [{"openbareRuimteNaam": "Lindelaan", "huisnummer": "45a",'
            ' "woonplaatsNaam": "Voorbeeld"}]}}',
            "huisnummer",
        ),
        (
            '{"_embedded": {"adressen": [{"openbareRuimteNaam": "Lindelaan", "huisnummer": 45}]}}',
            "woonplaatsNaam",
        ),
        ('{"_links": {"next": {"title": "no href"}}}', "_links.next.href"),
    ],
)
def test_an_answer_in_the_wrong_shape_is_refused_with_a_log_line(bag, caplog, body, field):
    bag.override[f"{bag.api_url.removeprefix(bag.url)}/adressen"] = (200, body)
    with caplog.at_level(logging.ERROR), pytest.raises(RegistryAnswerInvalid) as raised:
        register(bag).addresses("9999AC", 45, ASK)
    assert raised.value.register == "bag"
    assert any(field in record.getMessage() for record in caplog.records)


def test_a_400_logs_the_names_of_the_wrong_parameters_the_spec_calls_invalid_params(bag, caplog):
    # The specification's `Error` schema names them `invalid-params` (its feature files
    # write `invalidParams`); either way the log must say which parameter was wrong.
    bag.override[f"{bag.api_url.removeprefix(bag.url)}/adressen"] = (
        400,
        '{"status": 400, "title": "Een of meerdere parameters zijn niet correct.",'
        ' "code": "paramsValidation", "invalid-params": [{"name": "postcode",'
        ' "code": "pattern", "reason": "Waarde voldoet niet aan patroon."}]}',
    )
    with caplog.at_level(logging.ERROR), pytest.raises(RegistryRefusedRequest):
        register(bag).addresses("9999AC", 45, ASK)
    assert "postcode: pattern Waarde voldoet niet aan patroon." in caplog.text
    assert "9999AC" not in caplog.text
