"""Finding a company by KVK number or name: the KVK adapter against a local KVK that follows
API Zoeken 2.0.0 (tests/registries/fixtures/kvk/zoeken-openapi-2.0.0.yaml), and the embedded
register giving the same kind of answer from the demo data."""

import logging

import pytest
import requests

from portal.registries.base import RegistryAnswerInvalid, RegistryRefusedRequest
from portal.registries.embedded import EmbeddedCompanyRegister
from portal.registries.http import HttpCompanyRegister
from portal.registries.records import CompanyHit
from tests.registries.contracts import PLAIN_HTTP, documented_headers
from tests.registries.kvk_server import KvkServer, Site

CAFE, KOK = "90001234", "90009012"
MAIN = Site("000012345678", "Café De Zon", True, "Marktplein", 1, "", "", "9999AB", "Voorbeeld")
TERRACE = Site(
    "000012345679", "Terras De Zon", False, "Stationsstraat", 5, "A", "", "9999AC", "Voorbeeld"
)
WORKSHOP = Site("000098765432", "", True, "Industrieweg", 8, "", "", "9999AD", "Voorbeeld")


@pytest.fixture(scope="module")
def server():
    running = KvkServer().start()
    yield running
    running.stop()


@pytest.fixture
def kvk(server):
    server.reset()
    server.add(CAFE, "Café De Zon B.V.", "Besloten Vennootschap", MAIN, TERRACE)
    server.add(KOK, "Kok Installatietechniek", "Eenmanszaak", WORKSHOP)
    return server


def register(server, key="kvk-key") -> HttpCompanyRegister:
    return HttpCompanyRegister(server.url, key, 2.0)


def test_every_search_and_answer_follows_the_specification(kvk):
    register(kvk).search(kvk=CAFE)
    register(kvk).search(name="de zon", page=2, per_page=1)
    assert [e.request.path for e in kvk.exchanges] == ["/v2/zoeken", "/v2/zoeken"]
    for exchange in kvk.exchanges:
        kvk.zoeken_api.validate_request(exchange.openapi_request)
        kvk.zoeken_api.validate_response(exchange.openapi_request, exchange.openapi_response)
        sent = {name.lower() for name, _value in exchange.request.headers.items()}
        assert sent - PLAIN_HTTP <= documented_headers(kvk.zoeken) == {"apikey"}
    assert dict(kvk.exchanges[0].request.args) == {
        "kvkNummer": CAFE,
        "pagina": "1",
        "resultatenPerPagina": "10",
    }
    assert dict(kvk.exchanges[1].request.args) == {
        "naam": "de zon",
        "pagina": "2",
        "resultatenPerPagina": "1",
    }


def test_a_search_by_number_gives_each_branch_with_its_address(kvk):
    found = register(kvk).search(kvk=CAFE)
    assert (found.total, found.page, found.has_next) == (2, 1, False)
    assert found.hits == (
        CompanyHit(
            kvk=CAFE,
            name="Café De Zon",
            kind="hoofdvestiging",
            branch_number="000012345678",
            address_text="Marktplein 1, 9999 AB Voorbeeld",
            city="Voorbeeld",
        ),
        CompanyHit(
            kvk=CAFE,
            name="Terras De Zon",
            kind="nevenvestiging",
            branch_number="000012345679",
            address_text="Stationsstraat 5A, 9999 AC Voorbeeld",
            city="Voorbeeld",
        ),
    )


def test_a_search_by_name_pages_through_the_results(kvk):
    kvk.pad = True  # the real KVK pads names with spaces
    first = register(kvk).search(name="  De   Zon ", per_page=1)
    assert [hit.name for hit in first.hits] == ["Café De Zon"]
    assert (first.total, first.has_next) == (2, True)
    second = register(kvk).search(name="De Zon", page=2, per_page=1)
    assert [hit.name for hit in second.hits] == ["Terras De Zon"]
    assert second.has_next is False


def test_no_results_is_an_empty_page_not_an_error(kvk):
    found = register(kvk).search(name="Bakkerij")
    assert found.hits == () and found.total == 0
    assert kvk.exchanges[0].response.status_code == 404  # the spec's "geen resultaten"


@pytest.mark.parametrize("asked", [{"kvk": "1234"}, {"kvk": "9000123A"}, {}, {"name": "  "}])
def test_a_search_that_can_find_nothing_is_not_sent(kvk, asked):
    assert register(kvk).search(**asked).hits == ()
    assert kvk.exchanges == []


def test_paging_stays_within_the_specification(kvk):
    register(kvk).search(name="zon", page=5000, per_page=500)
    args = kvk.exchanges[0].request.args
    assert (args["pagina"], args["resultatenPerPagina"]) == ("1000", "100")


def test_the_server_refuses_what_the_spec_does_not_allow(kvk):
    answer = requests.get(
        f"{kvk.url}/v2/zoeken",
        params={"kvkNummer": "123", "resultatenPerPagina": 500},
        headers={"apikey": "k"},
        timeout=2,
    )
    assert answer.status_code == 400
    assert answer.json()["fout"][0]["omschrijving"]


def test_a_refused_search_is_our_bug_and_logged(kvk, caplog):
    kvk.override["/v2/zoeken"] = (
        400,
        '{"fout": [{"code": "IPD5200", "omschrijving": "Ongeldige parameter naam"}]}',
    )
    with caplog.at_level(logging.ERROR), pytest.raises(RegistryRefusedRequest):
        register(kvk).search(name="zon")
    assert "IPD5200 Ongeldige parameter naam" in caplog.text


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"resultaten": {"kvkNummer": "90001234"}}', "resultaten"),
        ('{"resultaten": [{"naam": "Café De Zon"}]}', "kvkNummer"),
        ('{"totaal": "veel", "resultaten": []}', "totaal"),
    ],
)
def test_an_answer_in_the_wrong_shape_is_refused_with_a_log_line(kvk, caplog, body, field):
    kvk.override["/v2/zoeken"] = (200, body)
    with caplog.at_level(logging.ERROR), pytest.raises(RegistryAnswerInvalid):
        register(kvk).search(name="zon")
    assert any(field in record.getMessage() for record in caplog.records)


def test_the_embedded_register_searches_the_demo_companies(demo_data):
    embedded = EmbeddedCompanyRegister()
    by_number = embedded.search(kvk=CAFE)
    assert {hit.kind for hit in by_number.hits} == {"hoofdvestiging", "nevenvestiging"}
    assert all(hit.kvk == CAFE for hit in by_number.hits)
    assert by_number.hits[0].kind == "hoofdvestiging"
    by_name = embedded.search(name="café de ZON", per_page=1)
    assert by_name.total == by_number.total and by_name.has_next
    assert by_name.hits[0] == by_number.hits[0]
    assert embedded.search(name="Bakkerij").total == 0
    assert embedded.search().hits == ()
