"""A resident refused someone else's case, or one outside their mandate, is written to the
audit log the way staff refusals are; a mistyped number is not."""

import pytest
from sqlalchemy import select

from portal.auth.models import AuditEvent
from portal.auth.principal import PERSON, Party
from portal.auth.pseudonym import pseudonym
from portal.cases import creation
from portal.catalog import demo as catalog_demo
from portal.extensions import db
from portal.registries import demo as registries_demo
from tests.support.auth import sign_in

FATIMA, HENK = "999990007", "999990111"
JOOST = "999990172"  # the persona "inwoner-midden"


@pytest.fixture
def case_of(app):
    registries_demo.load()
    catalog_demo.load()
    db.session.commit()
    made = iter(range(1, 100))

    def make(bsn: str, product_slug: str = "parkeervergunning-bewoners"):
        case = creation.create_case(
            product_slug=product_slug,
            party=Party(PERSON, bsn),
            actor=None,
            answers={"kenteken": "AB-123-C"},
            idempotency_key=f"refusal-audit-{next(made)}",
        )
        db.session.commit()
        return case.number

    return make


def refusals() -> list[AuditEvent]:
    db.session.expire_all()
    query = select(AuditEvent).where(AuditEvent.result == "refused").order_by(AuditEvent.id)
    return list(db.session.scalars(query))


def test_someone_elses_case_is_refused_and_audited(client, case_of):
    number = case_of(FATIMA)
    sign_in(client, "inwoner-midden")
    assert client.get(f"/mijn-zaken/{number}").status_code == 404
    [event] = refusals()
    assert event.action == "cases.case_refused"
    assert event.target == number
    assert event.actor == f"bsn:{pseudonym(JOOST)}"


def test_a_case_outside_the_mandate_is_refused_and_audited(client, case_of):
    outside = case_of(HENK, "parkeervergunning-bewoners")
    sign_in(client, "dochter-namens-vader")
    assert client.get(f"/mijn-zaken/{outside}").status_code == 404
    [event] = refusals()
    assert event.target == outside
    assert event.acting_for == f"person:{pseudonym(HENK)}"


def test_a_number_that_does_not_exist_is_not_an_attempt(client, case_of):
    sign_in(client, "inwoner-midden")
    assert client.get("/mijn-zaken/Z-2026-999999").status_code == 404
    assert refusals() == []
