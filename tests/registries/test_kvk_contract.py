"""The KVK adapter against a local KVK that follows the published specifications
(API Basisprofiel 1.5.0, API Vestigingsprofiel 1.4; tests/registries/fixtures/kvk/)."""

import logging

import pytest

from portal.registries.base import LookupRequest, RegistryAccessDenied, RegistryAnswerInvalid
from portal.registries.http import HttpCompanyRegister
from tests.registries.contracts import PLAIN_HTTP, documented_headers
from tests.registries.kvk_server import KvkServer, Site

ASK = LookupRequest("ondernemer", "test")
CAFE = "90001234"
MAIN = Site("000012345678", "Café De Zon", True, "Marktplein", 1, "", "", "9999AB", "Voorbeeld")
TERRACE = Site(
    "000012345679", "Terras De Zon", False, "Stationsstraat", 5, "A", "2", "9999AC", "Voorbeeld"
)


@pytest.fixture(scope="module")
def server():
    running = KvkServer().start()
    yield running
    running.stop()


@pytest.fixture
def kvk(server):
    server.reset()
    server.add(CAFE, "Café De Zon B.V.", "Besloten Vennootschap", TERRACE, MAIN)
    return server


def register(server, key="kvk-key") -> HttpCompanyRegister:
    return HttpCompanyRegister(server.url, key, 2.0)


def test_every_request_and_answer_follows_the_specifications(kvk):
    register(kvk).company(CAFE, ASK)
    assert [e.request.path for e in kvk.exchanges] == [
        f"/v1/basisprofielen/{CAFE}",
        f"/v1/basisprofielen/{CAFE}/vestigingen",
        "/v1/vestigingsprofielen/000012345678",
        "/v1/vestigingsprofielen/000012345679",
    ]
    for exchange in kvk.exchanges:
        profile = exchange.request.path.startswith("/v1/vestigingsprofielen/")
        data, api = (
            (kvk.vestigingsprofiel, kvk.vestigingsprofiel_api)
            if profile
            else (kvk.basisprofiel, kvk.basisprofiel_api)
        )
        api.validate_request(exchange.openapi_request)
        api.validate_response(exchange.openapi_request, exchange.openapi_response)
        sent = {name.lower() for name, _value in exchange.request.headers.items()}
        assert sent - PLAIN_HTTP <= documented_headers(data) == {"apikey"}
        assert exchange.request.headers["apikey"] == "kvk-key"
        assert not exchange.request.args  # geoData is not asked


def test_the_request_check_catches_a_request_without_the_api_key(kvk):
    with pytest.raises(RegistryAccessDenied):
        register(kvk, key="").company(CAFE, ASK)
    exchange = kvk.exchanges[0]
    assert exchange.response.status_code == 401
    with pytest.raises(Exception, match=r"(?i)security"):
        kvk.basisprofiel_api.validate_request(exchange.openapi_request)


def test_padded_values_are_trimmed_and_branch_addresses_built_from_their_parts(kvk):
    kvk.pad = True
    company = register(kvk).company(CAFE, ASK)
    assert company.name == "Café De Zon B.V."
    assert company.legal_form == "Besloten Vennootschap"
    main, terrace = company.branches
    assert (main.number, main.name, main.is_main) == ("000012345678", "Café De Zon", True)
    assert main.address_line == "Marktplein 1, 9999 AB Voorbeeld"
    assert terrace.name == "Terras De Zon"
    assert terrace.address.street == "Stationsstraat"
    assert (terrace.address.house_letter, terrace.address.addition) == ("A", "2")
    assert terrace.address_line == "Stationsstraat 5A-2, 9999 AC Voorbeeld"
    assert terrace.address_text == "Stationsstraat 5A 2 9999AC Voorbeeld"  # padding gone


def test_a_branch_without_a_trade_name_carries_the_company_name(kvk):
    kvk.add("90005678", "Bakkerij Jansen", "Eenmanszaak", Site("000099990001", "", True))
    company = register(kvk).company("90005678", ASK)
    assert company.branches[0].name == "Bakkerij Jansen"


def test_a_branch_without_a_profile_keeps_the_line_from_the_list(kvk):
    kvk.pad = True
    kvk.override["/v1/vestigingsprofielen/000012345679"] = (404, '{"fout": []}')
    terrace = register(kvk).company(CAFE, ASK).branch("000012345679")
    assert terrace.address is None
    assert terrace.address_line == "Stationsstraat 5A 2 9999AC Voorbeeld"


def test_a_shielded_address_is_not_asked_for(kvk):
    kvk.add(
        "90007777",
        "Stil B.V.",
        "Besloten Vennootschap",
        Site("000077770001", "Stil", True, shielded=True),
    )
    branch = register(kvk).company("90007777", ASK).branches[0]
    assert branch.address is None and branch.address_line == ""
    assert all("vestigingsprofielen" not in e.request.path for e in kvk.exchanges)


def test_an_unknown_company_is_none(kvk):
    assert register(kvk).company("12345678", ASK) is None
    assert kvk.exchanges[0].response.status_code == 404


def test_a_number_that_cannot_be_a_kvk_number_is_not_sent(kvk):
    assert register(kvk).company("1234", ASK) is None
    assert register(kvk).company("9000123X", ASK) is None
    assert register(kvk).company("\uff19" * 8, ASK) is None  # full-width digits
    assert kvk.exchanges == []


def test_the_server_refuses_a_malformed_number_as_the_spec_says(kvk):
    import requests

    answer = requests.get(f"{kvk.url}/v1/basisprofielen/1234", headers={"apikey": "k"}, timeout=2)
    assert answer.status_code == 400
    assert answer.json()["fout"][0]["omschrijving"]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        (f"/v1/basisprofielen/{CAFE}", '{"kvkNummer": "90001234", "naam": 12}', "naam"),
        (f"/v1/basisprofielen/{CAFE}", '{"handelsnamen": "Zon"}', "handelsnamen"),
        (f"/v1/basisprofielen/{CAFE}/vestigingen", '{"vestigingen": {"a": 1}}', "vestigingen"),
        (
            f"/v1/basisprofielen/{CAFE}/vestigingen",
            '{"vestigingen": [{"eersteHandelsnaam": "Zon"}]}',
            "vestigingen.0.vestigingsnummer",
        ),
        (
            "/v1/vestigingsprofielen/000012345678",
            '{"adressen": [{"straatnaam": "Markt", "huisnummer": "een"}]}',
            "adressen.0.huisnummer",
        ),
    ],
)
def test_an_answer_in_the_wrong_shape_is_refused_with_a_log_line(kvk, caplog, path, body, field):
    kvk.override[path] = (200, body)
    with caplog.at_level(logging.ERROR), pytest.raises(RegistryAnswerInvalid) as raised:
        register(kvk).company(CAFE, ASK)
    assert raised.value.register == "kvk"
    assert any(field in record.getMessage() for record in caplog.records)


def test_only_the_first_branches_are_asked_for_their_address(kvk, monkeypatch, caplog):
    from portal.registries.http import kvk as kvk_module

    monkeypatch.setattr(kvk_module, "MAX_PROFILES", 1)
    with caplog.at_level(logging.WARNING):
        main, terrace = register(kvk).company(CAFE, ASK).branches
    assert main.address is not None and terrace.address is None
    assert terrace.address_line == "Stationsstraat 5A 2 9999AC Voorbeeld"
    assert sum("vestigingsprofielen" in e.request.path for e in kvk.exchanges) == 1
    assert "addresses asked for the first 1" in caplog.text
