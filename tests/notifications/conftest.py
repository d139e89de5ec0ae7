"""Fixtures for the notifications area: a real local SMTP server, cases made through the cases
services, and contact details the test decides.

Sign-in (Party, pseudonym) and the profile (contact_for) belong to other areas. The real
modules are used when they are there; while one is not (yet) in the tree, a small stand-in
that follows docs/architecture.md takes its place for the test only. `contact_for` is always
replaced, so each test says what the profile holds.
"""

import hashlib
import importlib
import sys
import types
from dataclasses import dataclass

import pytest

from portal.cases import services as case_services
from portal.cases.services import ProductFacts
from portal.devtools.smtp_catcher import MailCatcher
from portal.extensions import db
from portal.notifications.models import OutboxEvent

BSN = "999990007"
OTHER_BSN = "999990019"


@dataclass(frozen=True)
class _Party:
    kind: str
    identifier: str
    branch: str | None = None


@dataclass(frozen=True)
class Contact:
    email: str | None
    email_verified: bool = True
    phone: str | None = None
    language: str | None = "nl"
    notify_by_email: bool = True


def _stand_in_pseudonym(value: str) -> str:
    return "p-" + hashlib.sha256(value.encode()).hexdigest()[:16]


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
    monkeypatch.setattr(
        case_services,
        "product_facts",
        lambda slug: ProductFacts("Parkeervergunning voor bewoners", 5, "parkeren"),
    )
    _install(monkeypatch, "portal.auth.principal", Party=_Party)
    _install(monkeypatch, "portal.auth.pseudonym", pseudonym=_stand_in_pseudonym)


@pytest.fixture
def contacts(monkeypatch, contracts) -> dict:
    """What the profile holds per identifier; a party not in the dict has no contact yet."""
    known: dict[str, Contact] = {}
    profile = _install(monkeypatch, "portal.profile.services", contact_for=None)
    monkeypatch.setattr(profile, "contact_for", lambda party: known.get(party.identifier))
    return known


@pytest.fixture
def party():
    def make(identifier: str = BSN, kind: str = "person", branch: str | None = None):
        return importlib.import_module("portal.auth.principal").Party(
            kind=kind, identifier=identifier, branch=branch
        )

    return make


@pytest.fixture
def new_case(party):
    """A case made the way the request forms make it; the "received" event is enqueued by the
    cases services through the real outbox."""
    counter = iter(range(1, 10_000))

    def make(identifier: str = BSN):
        return case_services.create_case(
            product_slug="parkeervergunning-bewoners",
            party=party(identifier),
            actor=None,
            answers={"kenteken": "AB-123-C"},
            idempotency_key=f"notifications-{next(counter)}",
        )

    return make


@pytest.fixture
def mail(app):
    catcher = MailCatcher(port=0).start()
    app.config["SMTP_PORT"] = catcher.port
    yield catcher
    catcher.stop()


@pytest.fixture
def rows():
    def all_rows() -> list[OutboxEvent]:
        db.session.expire_all()
        return list(db.session.scalars(db.select(OutboxEvent).order_by(OutboxEvent.id)))

    return all_rows
