"""The Mollie adapter (mollie-api-python) against a local server that follows Mollie's
published Payments API, and a whole paid request through it."""

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.payments.adapters import MollieProvider, ProviderError, euros
from portal.payments.models import Refund
from tests.payments.conftest import cases, the_payment, webhook
from tests.payments.mollie_server import MollieServer

KEY = "test_localserver1234567890"


@pytest.fixture
def mollie():
    server = MollieServer(KEY).start()
    yield server
    server.stop()


@pytest.fixture
def adapter(mollie):
    return MollieProvider(KEY, mollie.url, timeout=5)


@pytest.fixture
def with_mollie(app, mollie):
    app.config.update(PAYMENT_PROVIDER="mollie", MOLLIE_API_KEY=KEY, MOLLIE_API_URL=mollie.url)
    return mollie


def test_amounts_have_two_decimals():
    assert [euros(1610), euros(8500), euros(5)] == ["16.10", "85.00", "0.05"]


def test_a_payment_is_created_open_with_a_checkout_link(adapter, mollie):
    payment = adapter.create_payment(1610, "MG-1 Uittreksel", "http://x/terug", "http://x/hook")
    assert payment.id.startswith("tr_") and payment.status == "open"
    assert payment.checkout_url == f"{mollie.url}/checkout/{payment.id}"
    [sent] = mollie.created
    assert sent["amount"] == {"currency": "EUR", "value": "16.10"}
    assert (sent["method"], sent["webhookUrl"]) == ("ideal", "http://x/hook")


def test_the_status_is_read_from_mollie(adapter, mollie):
    payment = adapter.create_payment(1610, "MG-1", "http://x/terug", "http://x/hook")
    mollie.set_status(payment.id, "paid")
    assert adapter.get_payment(payment.id).status == "paid"


def test_an_id_mollie_does_not_know_is_none(adapter):
    assert adapter.get_payment("tr_forged") is None


def test_a_refund_is_asked_for_a_paid_payment(adapter, mollie):
    payment = adapter.create_payment(1610, "MG-1", "http://x/terug", "http://x/hook")
    mollie.set_status(payment.id, "paid")
    refund = adapter.refund(payment.id, 1610, "Terugbetaling Z-1")
    assert refund.id.startswith("re_") and refund.status == "pending"
    assert mollie.refunds[0]["amount"] == {"currency": "EUR", "value": "16.10"}


def test_a_refund_mollie_refuses_is_an_error(adapter, mollie):
    payment = adapter.create_payment(1610, "MG-1", "http://x/terug", "http://x/hook")
    with pytest.raises(ProviderError):
        adapter.refund(payment.id, 1610, "Terugbetaling")


def test_a_wrong_key_is_an_error(mollie):
    with pytest.raises(ProviderError):
        MollieProvider("test_wrongwrongwrongwrong12", mollie.url).create_payment(
            1610, "MG-1", "http://x/terug", "http://x/hook"
        )


def test_mollie_unreachable_keeps_the_answers_and_says_so(checked, app):
    app.config.update(
        PAYMENT_PROVIDER="mollie", MOLLIE_API_KEY=KEY, MOLLIE_API_URL="http://127.0.0.1:9"
    )
    response = checked.post({"verklaring": "y"})
    assert response.status_code == 503
    assert "Betalen lukt nu niet" in response.get_data(as_text=True)
    assert cases() == []


def test_a_request_paid_through_mollie(checked, client, with_mollie):
    response = checked.post({"verklaring": "y"})
    assert response.status_code == 303
    assert response.location.startswith(f"{with_mollie.url}/checkout/tr_")
    payment = the_payment()
    [sent] = with_mollie.created
    assert "999990007" not in str(sent)  # no BSN goes to the provider
    assert sent["description"].startswith(payment.reference)
    assert sent["webhookUrl"].endswith("/betalen/webhook")
    webhook(client, payment.provider_id)
    assert cases() == []  # still open at Mollie
    with_mollie.set_status(payment.provider_id, "paid")
    webhook(client, payment.provider_id)
    webhook(client, payment.provider_id)
    assert len(cases()) == 1 and the_payment().status == "paid"
    with_mollie.set_status(payment.provider_id, "expired")
    webhook(client, payment.provider_id)
    assert the_payment().status == "paid"


def test_refusing_a_mollie_payment_asks_mollie_for_the_refund(checked, client, with_mollie):
    from portal.backoffice import services as office
    from portal.cases.texts import REFUSED
    from tests.support.principals import staff

    checked.post({"verklaring": "y"})
    payment = the_payment()
    with_mollie.set_status(payment.provider_id, "paid")
    webhook(client, payment.provider_id)
    [case] = cases()
    office.close_case(case, REFUSED, "U woont niet in onze gemeente.", staff())
    db.session.commit()
    [refund] = db.session.scalars(select(Refund)).all()
    assert refund.status == "pending" and refund.provider_refund_id.startswith("re_")
    assert with_mollie.refunds[0]["paymentId"] == payment.provider_id
