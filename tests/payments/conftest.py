"""Fixtures for payments: paying turned on (unit tests have it off), the local test payment
provider by default, and a resident who has filled in an uittreksel BRP (€ 16,10)."""

import pytest
from sqlalchemy import select

from portal.cases.models import Case
from portal.extensions import db
from portal.payments.models import Payment, TestTransaction
from tests.requests.conftest import demo, signed_in, walker  # noqa: F401 (fixtures)

# Nothing listens here: the test provider's webhook call fails, as a lost call would.
UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture
def paying(app):
    app.config.update(PAYMENTS_ENABLED=True, PUBLIC_URL=UNREACHABLE)
    return app


@pytest.fixture
def checked(signed_in, walker, paying):  # noqa: F811 (the fixtures imported above)
    """Fatima on the check page of her uittreksel BRP."""
    signed_in("inwoner")
    walker.begin("uittreksel-brp")
    walker.post({})
    walker.post({"soort": "huidig", "doel": "nederland"})
    walker.post({"email": "fatima@voorbeeld.example"})
    assert walker.step_name == "controleren"
    return walker


@pytest.fixture
def at_provider(checked, client):
    """Sent: the resident is on the test provider's page."""
    response = checked.post({"verklaring": "y"})
    assert response.status_code == 303
    assert response.location.startswith("/test-betaalprovider/tr_")
    return response.location


def cases() -> list[Case]:
    return list(db.session.scalars(select(Case)))


def the_payment() -> Payment:
    db.session.expire_all()
    return db.session.scalars(select(Payment).order_by(Payment.id.desc())).first()


def transaction(payment: Payment) -> TestTransaction:
    return db.session.get(TestTransaction, payment.provider_id)


def webhook(client, provider_id: str):
    return client.post("/betalen/webhook", data={"id": provider_id})
