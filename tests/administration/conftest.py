"""Fixtures for functional administration: a signed-in beheerder, the admin audit rows, an
administrator principal for service tests, and a staff persona the broker sends no roles for."""

from dataclasses import replace

import pytest
from sqlalchemy import select

from portal.auth.models import AuditEvent
from portal.extensions import db
from portal.testprovider import personas
from tests.support import principals

BASE = "/medewerkers/beheer"


@pytest.fixture
def admin(sign_in):
    """The test client, signed in as Anouk Smits (beheerder)."""
    return sign_in("beheerder")


@pytest.fixture
def administrator():
    """A hand-made administrator principal, for calling the services directly."""
    return replace(principals.staff("Anouk Smits", "informatievoorziening"), roles=("admin",))


def audit_rows(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    query = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
    return list(db.session.scalars(query))


@pytest.fixture
def roleless_persona(monkeypatch):
    """A staff persona whose broker sends no roles and no team (the provider runs in this
    process and reads the persona list per request). Returns the persona."""
    persona = personas.Persona(
        id="medewerker-zonder-rol",
        realm=personas.MEDEWERKERS,
        label="Iris Kok",
        description="Medewerker zonder rol bij de inlogdienst.",
        claims={"name": "Iris Kok", "email": "iris.kok@voorbeeld.example"},
        acr=personas.STAFF_ACR,
    )
    monkeypatch.setattr(personas, "PERSONAS", [*personas.PERSONAS, persona])
    return persona
