"""Fixtures for the cases area: products with known norms, a recording outbox, principals.

The catalogue, the outbox and the sign-in dataclasses belong to other areas. Tests use the real
modules when they are there; while one is not (yet) in the tree, a small stand-in that follows
the contract in docs/architecture.md takes its place for the test only.
"""

import importlib
import sys
import types
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from portal.cases import services
from portal.cases.services import ProductFacts

PRODUCTS = {
    "parkeervergunning-bewoners": ProductFacts("Parkeervergunning voor bewoners", 5, "parkeren"),
    "uittreksel-brp": ProductFacts("Uittreksel uit de BRP", 1, "burgerzaken"),
    "hulp-bij-het-huishouden": ProductFacts("Hulp bij het huishouden", None, "wmo", 6),
    "terrasvergunning": ProductFacts("Terrasvergunning", None, "vergunningen", 8),
    "vraag-over-woz": ProductFacts("Vraag over de WOZ", None, "klantcontact"),
}


@dataclass(frozen=True)
class _Party:
    kind: str
    identifier: str
    branch: str | None = None


@dataclass(frozen=True)
class _Principal:
    means: str
    level: str
    signed_in_at: datetime
    bsn: str | None = None
    kvk: str | None = None
    branch: str | None = None
    acting_subject: str | None = None
    display_name: str = ""
    represented: _Party | None = None
    represented_name: str = ""
    mandate_services: tuple = ()
    roles: tuple = ()
    team: str | None = None

    @property
    def subject(self):
        if self.represented is not None:
            return self.represented
        if self.kvk:
            return _Party("company", self.kvk, self.branch)
        return _Party("person", self.bsn)

    @property
    def acts_for_other(self) -> bool:
        return self.represented is not None

    def covers(self, service: str) -> bool:
        return not self.acts_for_other or service in self.mandate_services


def _install(monkeypatch, name: str, **attributes) -> types.ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError:
        module = types.ModuleType(name)
        for key, value in attributes.items():
            setattr(module, key, value)
        monkeypatch.setitem(sys.modules, name, module)
        parent, _, child = name.rpartition(".")
        monkeypatch.setattr(importlib.import_module(parent), child, module, raising=False)
        return module


@dataclass
class RecordingOutbox:
    events: list = field(default_factory=list)

    def named(self, event: str) -> list:
        return [e for e in self.events if e[0] == event]


@pytest.fixture(autouse=True)
def contracts(monkeypatch, app):
    """Known products, and the sign-in and outbox modules (real, or a stand-in)."""
    monkeypatch.setattr(services, "product_facts", lambda slug: PRODUCTS[slug])
    _install(monkeypatch, "portal.auth.principal", Party=_Party, Principal=_Principal)
    _install(monkeypatch, "portal.auth.pseudonym", pseudonym=lambda value: f"pseudo-{value[-3:]}")
    outbox = _install(monkeypatch, "portal.notifications.outbox", enqueue=None)
    recording = RecordingOutbox()
    real_enqueue = outbox.enqueue

    def enqueue(event, *, case, party, payload=None):
        recording.events.append((event, case.number, party, payload or {}))
        if real_enqueue is not None:
            real_enqueue(event, case=case, party=party, payload=payload)

    monkeypatch.setattr(outbox, "enqueue", enqueue)
    return recording


@pytest.fixture
def outbox(contracts) -> RecordingOutbox:
    return contracts


def _principal_class():
    return importlib.import_module("portal.auth.principal").Principal


def _party_class():
    return importlib.import_module("portal.auth.principal").Party


@pytest.fixture
def make_party(contracts):
    def make(kind: str = "person", identifier: str = "999990007", branch: str | None = None):
        return _party_class()(kind=kind, identifier=identifier, branch=branch)

    return make


@pytest.fixture
def resident(contracts):
    def make(bsn: str = "999990007", name: str = "Fatima el Amrani"):
        return _principal_class()(
            means="digid",
            level="substantieel",
            signed_in_at=datetime.now(UTC),
            bsn=bsn,
            display_name=name,
        )

    return make


@pytest.fixture
def representative(contracts, make_party):
    def make(services_covered=("hulp-bij-het-huishouden",), for_bsn: str = "999990111"):
        return _principal_class()(
            means="digid",
            level="substantieel",
            signed_in_at=datetime.now(UTC),
            bsn="999990068",
            display_name="Sanne Bakker",
            represented=make_party("person", for_bsn),
            represented_name="Henk Bakker",
            mandate_services=tuple(services_covered),
        )

    return make


@pytest.fixture
def company(contracts):
    def make(kvk: str = "90001234", branch: str | None = "000012345678"):
        return _principal_class()(
            means="eherkenning",
            level="eh3",
            signed_in_at=datetime.now(UTC),
            kvk=kvk,
            branch=branch,
            acting_subject="ahmed-yilmaz-7f3a",
            display_name="Ahmed Yilmaz",
        )

    return make


@pytest.fixture
def handler(contracts):
    def make(name: str = "Maria Visser", team: str = "burgerzaken"):
        return _principal_class()(
            means="staff",
            level="staff",
            signed_in_at=datetime.now(UTC),
            acting_subject=name.lower().replace(" ", "-"),
            display_name=name,
            roles=("case_handler",),
            team=team,
        )

    return make


@pytest.fixture
def new_case(make_party, resident):
    """A factory for cases, created the way the request forms create them."""
    counter = iter(range(1, 10_000))

    def make(product_slug: str = "parkeervergunning-bewoners", party=None, actor=None, **extra):
        party = party or make_party()
        return services.create_case(
            product_slug=product_slug,
            party=party,
            actor=actor,
            answers=extra.pop("answers", {"kenteken": "AB-123-C"}),
            idempotency_key=extra.pop("idempotency_key", f"test-{next(counter)}"),
            **extra,
        )

    return make


@pytest.fixture
def sign_in(monkeypatch, contracts):
    """Sign a principal in for the views. Uses the sign-in area's decorator when it is there;
    until then a stand-in with the same contract (None signed in → 401)."""
    import portal.auth

    signed_in = {"principal": None}

    def standin_required(means=(), level=None, service=None):
        def decorate(view):
            def guarded(**kwargs):
                principal = signed_in["principal"]
                if principal is None or principal.means not in means:
                    from flask import abort

                    abort(401)
                return view(**kwargs)

            return guarded

        return decorate

    _install(monkeypatch, "portal.auth.access", sign_in_required=standin_required)
    monkeypatch.setattr(
        portal.auth, "current_principal", lambda: signed_in["principal"], raising=False
    )

    def sign_in_as(principal) -> None:
        signed_in["principal"] = principal

    return sign_in_as
