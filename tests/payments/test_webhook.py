"""The webhook: it only carries an id, so the portal always asks the provider. Replayed,
forged or out-of-order calls change nothing they should not, and every answer is an empty
200."""

from sqlalchemy import func, select

from portal.auth.models import AuditEvent
from portal.extensions import db
from portal.payments.models import Payment, TestTransaction
from tests.payments.conftest import cases, the_payment, transaction, webhook


def _events(action: str) -> int:
    return db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == action)
    )


def _provider_says(payment: Payment, status: str) -> None:
    transaction(payment).status = status
    db.session.commit()


def test_the_webhook_fetches_the_status_and_makes_the_case(at_provider, client):
    payment = the_payment()
    _provider_says(payment, "paid")
    response = webhook(client, payment.provider_id)
    assert (response.status_code, response.get_data()) == (200, b"")
    assert the_payment().status == "paid" and len(cases()) == 1


def test_a_replayed_webhook_changes_nothing_the_second_time(at_provider, client):
    payment = the_payment()
    _provider_says(payment, "paid")
    webhook(client, payment.provider_id)
    changes, number = _events("payments.status"), cases()[0].number
    response = webhook(client, payment.provider_id)
    assert response.status_code == 200
    assert _events("payments.status") == changes
    assert [case.number for case in cases()] == [number]


def test_the_call_itself_proves_nothing(at_provider, client):
    """The provider still says open: a call claiming otherwise cannot make it paid."""
    payment = the_payment()
    webhook(client, payment.provider_id)
    assert the_payment().status == "open" and cases() == []


def test_a_forged_id_changes_nothing_and_answers_the_same(at_provider, client):
    before = db.session.scalar(select(func.count()).select_from(Payment))
    for forged in ("tr_doesnotexist", "", "x" * 5000, "<script>"):
        response = webhook(client, forged)
        assert (response.status_code, response.get_data()) == (200, b"")
    assert db.session.scalar(select(func.count()).select_from(Payment)) == before
    assert the_payment().status == "open" and cases() == []


def test_a_paid_id_of_someone_else_at_the_provider_changes_nothing(at_provider, client):
    stray = TestTransaction(
        id="tr_stray",
        amount_cents=1,
        description="x",
        status="paid",
        redirect_url="/",
        webhook_url="/",
        created_at=the_payment().created_at,
    )
    db.session.add(stray)
    db.session.commit()
    assert webhook(client, "tr_stray").status_code == 200
    assert the_payment().status == "open" and cases() == []


def test_a_late_open_after_paid_never_downgrades(at_provider, client):
    payment = the_payment()
    _provider_says(payment, "paid")
    webhook(client, payment.provider_id)
    _provider_says(payment, "open")
    webhook(client, payment.provider_id)
    _provider_says(payment, "failed")
    webhook(client, payment.provider_id)
    assert the_payment().status == "paid" and len(cases()) == 1


def test_the_webhook_needs_no_csrf_token_but_other_forms_do(at_provider, client):
    payment = the_payment()
    assert webhook(client, payment.provider_id).status_code == 200
    refused = client.post(f"/betalen/{payment.token}/opnieuw", data={})
    assert refused.status_code == 400


def test_the_webhook_is_rate_limited(paying, client):
    paying.config["RATELIMIT_ENABLED"] = True
    from portal.payments import views

    assert views.webhook.rate_limit_kind == ("webhook", ("POST",))
