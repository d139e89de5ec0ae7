"""Fixtures for the back office: cases of two teams, handlers, real staff sign-in and the audit
trail as the sign-in area stores it.

Staff sign in for real through the local OIDC provider (`sign_in("behandelaar")`). The
personas: behandelaar (Maria Visser, team burgerzaken), behandelaar-wmo (Eva de Jong, team
wmo), beheerder (Anouk Smits, administrator) and redacteur (Tom Peters, no case_handler role).
"""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from portal.auth.models import AuditEvent
from portal.auth.principal import Party, Principal
from portal.cases import creation as case_creation
from portal.cases.creation import ProductFacts
from portal.extensions import db
from portal.testprovider.personas import persona

PRODUCTS = {
    "uittreksel-brp": ProductFacts("Uittreksel uit de BRP", 1, "burgerzaken"),
    "verhuizing-doorgeven": ProductFacts("Verhuizing doorgeven", 5, "burgerzaken"),
    "parkeervergunning-bewoners": ProductFacts("Parkeervergunning voor bewoners", 5, "parkeren"),
}


@pytest.fixture(autouse=True)
def products(monkeypatch, app):
    """Products with known norms and teams."""
    monkeypatch.setattr(case_creation, "product_facts", lambda slug: PRODUCTS[slug])


class AuditTrail:
    """The security events in the database, as (action, result, target)."""

    def rows(self) -> list[tuple[str, str, str]]:
        db.session.expire_all()
        events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        return [(e.action, e.result, e.target) for e in events]

    def __contains__(self, item) -> bool:
        return item in self.rows()


@pytest.fixture
def audit() -> AuditTrail:
    return AuditTrail()


def staff_principal(persona_id: str) -> Principal:
    """The principal the sign-in area makes for a staff persona."""
    claims = persona(persona_id).claims
    return Principal(
        means="staff",
        level="staff",
        signed_in_at=datetime.now(UTC),
        display_name=claims["name"],
        roles=tuple(sorted(claims["roles"])),
        team=claims["team"],
        email=claims["email"],
        staff_id=persona(persona_id).sub,
    )


@pytest.fixture
def handler():
    """A staff principal: a persona by id, or a colleague who is not a persona by name."""

    def make(name: str = "behandelaar", team: str = "burgerzaken", roles=("case_handler",)):
        if " " not in name:
            return staff_principal(name)
        return Principal(
            means="staff",
            level="staff",
            signed_in_at=datetime.now(UTC),
            display_name=name,
            roles=tuple(roles),
            team=team,
            staff_id=name.lower().replace(" ", "-"),
        )

    return make


@pytest.fixture
def resident() -> Principal:
    return Principal(
        means="digid", level="substantieel", signed_in_at=datetime.now(UTC), bsn="999990007"
    )


@pytest.fixture
def new_case():
    counter = iter(range(1, 10_000))

    def make(product_slug: str = "verhuizing-doorgeven", bsn: str = "999990007", **extra):
        return case_creation.create_case(
            product_slug=product_slug,
            party=Party(kind="person", identifier=bsn),
            actor=None,
            answers=extra.pop("answers", {"nieuw_adres": "Dorpsstraat 1", "verhuisdatum": "1-12"}),
            idempotency_key=f"backoffice-{next(counter)}",
            **extra,
        )

    return make
