"""Fixtures for the cases area: products with known norms, a spy on the outbox, principals, and
real sign-in as the test provider's personas.

The principals are the sign-in area's own dataclasses, shaped the way it makes them from the
personas' claims (see portal/testprovider/personas.py). View tests sign in for real:
`sign_in("inwoner")` goes through the local OIDC provider.
"""

from dataclasses import dataclass, field

import pytest

from portal.auth.principal import Party
from portal.cases import creation
from portal.cases.creation import ProductFacts
from portal.notifications import outbox as outbox_module
from tests.support import principals

FATIMA = "999990007"  # persona "inwoner"
JOOST = "999990172"  # persona "inwoner-midden"
HENK = "999990111"  # represented by persona "dochter-namens-vader"
CAFE_KVK, CAFE_BRANCH = "90001234", "000012345678"  # persona "ondernemer"

PRODUCTS = {
    "parkeervergunning-bewoners": ProductFacts("Parkeervergunning voor bewoners", 5, "parkeren"),
    "uittreksel-brp": ProductFacts("Uittreksel uit de BRP", 1, "burgerzaken"),
    "hulp-bij-het-huishouden": ProductFacts("Hulp bij het huishouden", None, "wmo", 6),
    "terrasvergunning": ProductFacts("Terrasvergunning", None, "vergunningen", 8),
    "vraag-over-woz": ProductFacts("Vraag over de WOZ", None, "klantcontact"),
}


@dataclass
class RecordingOutbox:
    """What the cases services enqueued: (event, case number, party, payload)."""

    events: list = field(default_factory=list)

    def named(self, event: str) -> list:
        return [e for e in self.events if e[0] == event]


@pytest.fixture(autouse=True)
def outbox(monkeypatch, app) -> RecordingOutbox:
    """Known products; every notification still goes into the real outbox, and is recorded."""
    monkeypatch.setattr(creation, "product_facts", lambda slug: PRODUCTS[slug])
    recording = RecordingOutbox()
    real_enqueue = outbox_module.enqueue

    def enqueue(event, *, case, party, payload=None):
        recording.events.append((event, case.number, party, payload or {}))
        return real_enqueue(event, case=case, party=party, payload=payload)

    monkeypatch.setattr(outbox_module, "enqueue", enqueue)
    return recording


@pytest.fixture
def make_party():
    def make(kind: str = "person", identifier: str = FATIMA, branch: str | None = None):
        return Party(kind=kind, identifier=identifier, branch=branch)

    return make


@pytest.fixture
def resident():
    def make(bsn: str = FATIMA, name: str = ""):
        return principals.resident(bsn, name)

    return make


@pytest.fixture
def representative():
    def make(services_covered=("hulp-bij-het-huishouden",), for_bsn: str = HENK):
        return principals.representative(
            "999990068", "Sanne Bakker", for_bsn, services_covered, for_name="Henk Bakker"
        )

    return make


@pytest.fixture
def company():
    def make(kvk: str = CAFE_KVK, branch: str | None = CAFE_BRANCH):
        return principals.entrepreneur(kvk, branch)

    return make


@pytest.fixture
def handler():
    def make(name: str = "Maria Visser", team: str = "burgerzaken"):
        return principals.staff(name, team)

    return make


@pytest.fixture
def new_case(make_party):
    """A factory for cases, created the way the request forms create them."""
    counter = iter(range(1, 10_000))

    def make(product_slug: str = "parkeervergunning-bewoners", party=None, actor=None, **extra):
        return creation.create_case(
            product_slug=product_slug,
            party=party or make_party(),
            actor=actor,
            answers=extra.pop("answers", {"kenteken": "AB-123-C"}),
            idempotency_key=extra.pop("idempotency_key", f"test-{next(counter)}"),
            **extra,
        )

    return make
