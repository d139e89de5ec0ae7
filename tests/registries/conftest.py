"""Fixtures for the registries tests: demo data, the register stub, both implementations."""

import pytest

from portal.registries import demo
from portal.registries.embedded import (
    EmbeddedAddressRegister,
    EmbeddedCompanyRegister,
    EmbeddedPersonRegister,
)
from portal.registries.http import HttpAddressRegister, HttpCompanyRegister, HttpPersonRegister
from tests.registries.stub_server import RegistryStub

STUB_TIMEOUT = 0.3


@pytest.fixture(scope="session")
def stub():
    server = RegistryStub(slow_seconds=STUB_TIMEOUT * 2).start()
    yield server
    server.stop()


@pytest.fixture
def registry_stub(stub):
    stub.mode, stub.fail_next = "ok", 0
    stub.requests.clear()
    yield stub
    stub.mode, stub.fail_next = "ok", 0


@pytest.fixture
def demo_data(app):
    demo.load()
    return app


def http_config(stub: RegistryStub) -> dict:
    return {
        "REGISTRY_BACKEND": "http",
        "REGISTRY_TIMEOUT_SECONDS": STUB_TIMEOUT,
        "REGISTRY_ORIGIN_OIN": "00000001999999999000",
        "BRP_API_URL": f"{stub.url}/brp",
        "BRP_API_KEY": "brp-key",
        "KVK_API_URL": f"{stub.url}/kvk",
        "KVK_API_KEY": "kvk-key",
        "BAG_API_URL": f"{stub.url}/bag",
        "BAG_API_KEY": "bag-key",
    }


@pytest.fixture(params=["embedded", "http"])
def registers(request, demo_data, registry_stub):
    """(person, company, address) registers of one implementation, on the same demo data."""
    if request.param == "embedded":
        return EmbeddedPersonRegister(), EmbeddedCompanyRegister(), EmbeddedAddressRegister()
    config = http_config(registry_stub)
    return (
        HttpPersonRegister(config["BRP_API_URL"], "brp-key", "00000001999999999000", STUB_TIMEOUT),
        HttpCompanyRegister(config["KVK_API_URL"], "kvk-key", STUB_TIMEOUT),
        HttpAddressRegister(config["BAG_API_URL"], "bag-key", STUB_TIMEOUT),
    )
