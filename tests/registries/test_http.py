"""The HTTP registers: the requests they send, timeouts, one retry, failing gracefully."""

import pytest

from portal.devtools.smtp_catcher import free_port
from portal.registries import purposes
from portal.registries.base import LookupRequest, RegistryUnavailable
from portal.registries.http import HttpAddressRegister, HttpCompanyRegister, HttpPersonRegister
from tests.registries.conftest import STUB_TIMEOUT

ASK = LookupRequest(
    "mijn-gegevens",
    "Gemeente Voorbeeld MijnGemeente: mijn-gegevens",
    purposes.SHOW_NAME.person_fields,
)


def brp(stub) -> HttpPersonRegister:
    return HttpPersonRegister(f"{stub.url}/brp", "brp-key", "00000001999999999000", STUB_TIMEOUT)


def test_brp_is_asked_with_the_query_type_fields_and_purpose_headers(registry_stub):
    brp(registry_stub).person("999990007", ASK)
    sent = registry_stub.requests[-1]
    assert sent["method"] == "POST" and sent["path"] == "/brp/personen"
    assert sent["json"] == {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": ["999990007"],
        "fields": list(purposes.SHOW_NAME.person_fields),
    }
    headers = {k.lower(): v for k, v in sent["headers"].items()}
    assert headers["x-api-key"] == "brp-key"  # gateway headers: test_brp_contract.py


def test_the_residents_count_uses_the_address_search(registry_stub):
    assert brp(registry_stub).residents_at("9999010000000007", ASK) == 9
    body = registry_stub.requests[-1]["json"]
    assert body["type"] == "ZoekMetAdresseerbaarObjectIdentificatie"
    assert body["adresseerbaarObjectIdentificatie"] == "9999010000000007"
    assert body["fields"] == ["burgerservicenummer"]


def test_kvk_and_bag_get_their_api_keys(registry_stub):
    HttpCompanyRegister(f"{registry_stub.url}/kvk", "kvk-key", STUB_TIMEOUT).company(
        "90001234", ASK
    )
    kvk = registry_stub.requests[0]
    assert kvk["path"] == "/kvk/v1/basisprofielen/90001234"
    assert kvk["headers"]["Apikey"] == "kvk-key"
    assert registry_stub.requests[1]["path"] == "/kvk/v1/basisprofielen/90001234/vestigingen"

    HttpAddressRegister(f"{registry_stub.url}/bag", "bag-key", STUB_TIMEOUT).addresses(
        "9999AA", 12, ASK
    )
    bag = registry_stub.requests[-1]
    assert bag["args"] == {"postcode": "9999AA", "huisnummer": "12", "pageSize": "100"}
    assert bag["headers"]["X-Api-Key"] == "bag-key"


@pytest.mark.parametrize("mode", ["slow", "down"])
def test_a_slow_or_broken_register_is_tried_twice_then_unavailable(registry_stub, mode):
    registry_stub.mode = mode
    with pytest.raises(RegistryUnavailable) as raised:
        brp(registry_stub).person("999990007", ASK)
    assert raised.value.register == "brp"
    assert len(registry_stub.requests) == 2


def test_a_register_that_recovers_on_the_retry_answers(registry_stub):
    registry_stub.fail_next = 1
    assert brp(registry_stub).person("999990007", ASK).full_name == "Fatima el Amrani"
    assert len(registry_stub.requests) == 2


def test_a_register_that_cannot_be_reached_is_unavailable():
    register = HttpPersonRegister(f"http://127.0.0.1:{free_port()}", "", "", STUB_TIMEOUT)
    with pytest.raises(RegistryUnavailable):
        register.person("999990007", ASK)


def test_a_refused_request_is_not_retried(registry_stub):
    registry_stub.mode = "refuse"
    with pytest.raises(RegistryUnavailable):
        brp(registry_stub).person("999990007", ASK)
    assert len(registry_stub.requests) == 1
