"""Fixtures for the back office: cases of two teams, handlers, and a recorded audit log.

Sign-in (Principal, current_principal, staff_required, record_event) belongs to the auth
area. The real modules are used when they are there; while one is not (yet) in the tree, a
small stand-in that follows docs/architecture.md takes its place for the test only. The test
chooses who is signed in with `sign_in(principal)`.
"""

import importlib
import sys
import types
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import wraps

import pytest
from flask import abort

from portal.cases import services as case_services
from portal.cases.services import ProductFacts

PRODUCTS = {
    "uittreksel-brp": ProductFacts("Uittreksel uit de BRP", 1, "burgerzaken"),
    "verhuizing-doorgeven": ProductFacts("Verhuizing doorgeven", 5, "burgerzaken"),
    "parkeervergunning-bewoners": ProductFacts("Parkeervergunning voor bewoners", 5, "parkeren"),
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
        return self.represented or _Party("person", self.bsn)

    @property
    def acts_for_other(self) -> bool:
        return self.represented is not None


class _SignedIn:
    principal = None


def _stand_in_staff_required(role: str):
    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            principal = _SignedIn.principal
            if principal is None:
                abort(401)
            if principal.means != "staff" or role not in principal.roles:
                abort(403)
            return view(*args, **kwargs)

        return guarded

    return decorate


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


@pytest.fixture(autouse=True)
def contracts(monkeypatch, app):
    """Known products; sign-in, pseudonym and audit modules (real, or a stand-in)."""
    monkeypatch.setattr(case_services, "product_facts", lambda slug: PRODUCTS[slug])
    _install(monkeypatch, "portal.auth.principal", Party=_Party, Principal=_Principal)
    _install(monkeypatch, "portal.auth.pseudonym", pseudonym=lambda value: f"p-{value[-3:]}")
    _install(monkeypatch, "portal.auth.access", staff_required=_stand_in_staff_required)
    auth = importlib.import_module("portal.auth")
    if not hasattr(auth, "current_principal"):
        monkeypatch.setattr(auth, "current_principal", lambda: _SignedIn.principal, raising=False)
    monkeypatch.setattr(_SignedIn, "principal", None)


@pytest.fixture
def audit(monkeypatch, contracts) -> list:
    """Every security event the back office records: (action, result, target)."""
    recorded: list = []
    module = _install(monkeypatch, "portal.auth.audit", record_event=None)
    real = module.record_event

    def record_event(action, result, principal=None, target=None):
        recorded.append((action, result, target))
        if real is not None:
            real(action, result, principal=principal, target=target)

    monkeypatch.setattr(module, "record_event", record_event)
    return recorded


@pytest.fixture
def sign_in(monkeypatch, contracts, audit):
    """Sign the test client in as `principal` (the stand-in reads it per request)."""

    def sign(principal) -> None:
        monkeypatch.setattr(_SignedIn, "principal", principal)

    return sign


def _principal(**fields):
    principal_class = importlib.import_module("portal.auth.principal").Principal
    return principal_class(signed_in_at=datetime.now(UTC), **fields)


@pytest.fixture
def handler(contracts):
    def make(name: str = "Maria Visser", team: str = "burgerzaken", roles=("case_handler",)):
        return _principal(
            means="staff",
            level="staff",
            acting_subject=name.lower().replace(" ", "-"),
            display_name=name,
            roles=tuple(roles),
            team=team,
        )

    return make


@pytest.fixture
def resident(contracts):
    return _principal(
        means="digid", level="substantieel", bsn="999990007", display_name="Fatima el Amrani"
    )


@pytest.fixture
def new_case(contracts):
    counter = iter(range(1, 10_000))

    def make(product_slug: str = "verhuizing-doorgeven", bsn: str = "999990007", **extra):
        party = importlib.import_module("portal.auth.principal").Party(
            kind="person", identifier=bsn, branch=None
        )
        return case_services.create_case(
            product_slug=product_slug,
            party=party,
            actor=None,
            answers=extra.pop("answers", {"nieuw_adres": "Dorpsstraat 1", "verhuisdatum": "1-12"}),
            idempotency_key=f"backoffice-{next(counter)}",
            **extra,
        )

    return make
