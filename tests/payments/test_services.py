"""Paying for a request: the amount before sending, a case only when paid, pay again, a payment
that never completes, paying twice, and a refund when the request is refused."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from portal.auth.models import AuditEvent
from portal.cases.texts import REFUSED
from portal.extensions import db
from portal.payments import services
from portal.payments.models import Refund
from tests.payments.conftest import cases, the_payment, transaction, webhook
from tests.requests.conftest import text_of as raw_text
from tests.support.principals import resident, sign_in_principal, staff


def text_of(response) -> str:
    return raw_text(response).replace("\xa0", " ")  # Babel puts a no-break space after €


def path(url: str) -> str:
    """The provider sends the resident back to PUBLIC_URL; the test client stays on its host."""
    return urlsplit(url).path


def choose(client, checkout_url: str, outcome: str):
    return client.post_form(checkout_url, {"uitkomst": outcome})


def test_the_check_page_says_what_it_costs_and_what_for(checked, client):
    page = text_of(client.get(checked.location))
    assert "U betaalt € 16,10 voor Uittreksel" in page
    assert "Versturen en betalen" in page


def test_the_product_page_says_it_is_paid_online(paying, demo, client):
    page = text_of(client.get("/producten/uittreksel-brp"))
    assert "U betaalt € 16,10 online met iDEAL" in page


def test_without_paying_there_is_no_case(at_provider, client):
    assert cases() == []
    payment = the_payment()
    assert (payment.status, payment.amount_cents, payment.case_number) == ("open", 1610, None)
    page = text_of(client.get(f"/betalen/{payment.token}"))
    assert "Wacht op betaling" in page and "Opnieuw betalen" in page


def test_a_paid_request_becomes_a_case_with_the_amount_on_the_confirmation(at_provider, client):
    response = choose(client, at_provider, "paid")
    assert response.status_code == 303
    assert response.location.endswith(f"/betalen/{the_payment().token}")
    back = client.get(path(response.location))
    assert back.status_code == 302 and back.location.endswith("/verstuurd")
    [case] = cases()
    payment = the_payment()
    assert (payment.status, payment.case_number, payment.pending) == ("paid", case.number, None)
    page = text_of(client.get(back.location))
    assert f"U heeft € 16,10 betaald. Het kenmerk van uw betaling is {payment.reference}" in page


def test_a_failed_payment_can_be_paid_again(at_provider, client):
    first = the_payment()
    response = choose(client, at_provider, "failed")
    page = text_of(client.get(path(response.location)))
    assert "De betaling is niet gelukt" in page and cases() == []
    response = client.post_form(
        f"/betalen/{first.token}/opnieuw", {}, page=f"/betalen/{first.token}"
    )
    assert response.status_code == 303 and "/test-betaalprovider/tr_" in response.location
    second = the_payment()
    assert second.id != first.id and second.draft_token == first.draft_token
    choose(client, response.location, "paid")
    client.get(f"/betalen/{second.token}")
    assert len(cases()) == 1
    assert the_payment().case_number == cases()[0].number


def test_a_cancelled_payment_says_so_and_offers_to_pay_again(at_provider, client):
    response = choose(client, at_provider, "canceled")
    page = text_of(client.get(path(response.location)))
    assert "U heeft de betaling gestopt" in page and "Opnieuw betalen" in page
    assert cases() == []


def test_a_payment_left_open_stays_open_and_the_request_waits(at_provider, client):
    response = choose(client, at_provider, "open")
    page = text_of(client.get(path(response.location)))
    assert "Wacht op betaling" in page
    assert the_payment().status == "open" and cases() == []


def test_a_payment_that_never_completes_expires_clearly(at_provider, client):
    payment = the_payment()
    transaction(payment).created_at -= timedelta(minutes=16)
    db.session.commit()
    page = text_of(client.get(f"/betalen/{payment.token}"))
    assert "De tijd om te betalen is voorbij" in page and "Opnieuw betalen" in page
    assert the_payment().status == "expired" and cases() == []


def test_the_resident_going_back_to_her_request_sees_it_waits_for_payment(at_provider, client):
    payment = the_payment()
    response = client.get(f"/aanvragen/uittreksel-brp/{payment.draft_token}")
    assert response.status_code == 302 and response.location.endswith(f"/betalen/{payment.token}")


def test_someone_else_cannot_see_the_payment(at_provider, client):
    payment = the_payment()
    sign_in_principal(client, resident("999990068", "Sanne Bakker"))
    assert client.get(f"/betalen/{payment.token}").status_code == 404
    refused = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "payments.page")
    ).all()
    assert [event.result for event in refused] == ["refused"]


def test_paying_twice_for_one_request_refunds_the_second(at_provider, client):
    first = the_payment()
    response = client.post_form(
        f"/betalen/{first.token}/opnieuw", {}, page=f"/betalen/{first.token}"
    )
    second = the_payment()
    choose(client, response.location, "paid")
    client.get(f"/betalen/{second.token}")
    choose(client, at_provider, "paid")
    client.get(f"/betalen/{first.token}")
    assert len(cases()) == 1
    refunds = db.session.scalars(select(Refund)).all()
    assert [(r.payment_id, r.reason, r.status) for r in refunds] == [
        (first.id, "paid_twice", "pending")
    ]


def test_refusing_a_paid_request_refunds_it_once(at_provider, client, app):
    from portal.backoffice import services as office

    choose(client, at_provider, "paid")
    client.get(f"/betalen/{the_payment().token}")
    [case] = cases()
    handler = staff()
    office.close_case(case, REFUSED, "U woont niet in onze gemeente.", handler)
    db.session.commit()
    payment = the_payment()
    [refund] = payment.refunds
    assert (refund.reason, refund.status, refund.amount_cents) == ("refused", "pending", 1610)
    assert transaction(payment).refunded_cents == 1610
    assert services.refund_for_refusal(case, handler) == []  # asked again: nothing new
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "payments.refund" in actions


def test_the_provider_gets_no_bsn(at_provider):
    payment = the_payment()
    sent = transaction(payment).description
    assert "999990007" not in sent and payment.reference in sent


@pytest.mark.parametrize(
    ("old", "new", "moves"),
    [
        ("open", "paid", True),
        ("open", "pending", True),
        ("paid", "open", False),
        ("paid", "failed", False),
        ("failed", "paid", True),
        ("expired", "canceled", False),
        ("open", "nonsense", False),
    ],
)
def test_a_status_only_moves_forward(old, new, moves):
    assert services.moves_forward(old, new) is moves


def test_the_back_office_sees_waiting_paid_and_refunded_payments(at_provider, client):
    from portal.backoffice import services as office

    waiting = the_payment()
    sign_in_principal(client, staff())
    page = text_of(client.get("/medewerkers/betalingen"))
    assert waiting.reference in page and "Wacht op betaling" in page and "Nog geen zaak" in page
    transaction(waiting).status = "paid"
    db.session.commit()
    webhook(client, waiting.provider_id)
    [case] = cases()
    office.close_case(case, REFUSED, "U woont niet in onze gemeente.", staff())
    db.session.commit()
    page = text_of(client.get("/medewerkers/betalingen"))
    assert "Betaald" in page and case.number in page and "Aanvraag afgewezen" in page
    detail = text_of(client.get(f"/medewerkers/zaken/{case.number}"))
    assert "Betaling" in detail and waiting.reference in detail
    assert "Terugbetaling van € 16,10: Aangevraagd." in detail


def test_a_resident_cannot_open_the_back_office_list(at_provider, client):
    assert client.get("/medewerkers/betalingen").status_code in (302, 403)


def test_the_receipt_shows_the_amount_paid(at_provider, client, app):
    from portal.cases.receipt import receipt_html

    payment = the_payment()
    transaction(payment).status = "paid"
    db.session.commit()
    webhook(client, payment.provider_id)
    [case] = cases()
    with app.test_request_context():
        html = receipt_html(case, "Uittreksel BRP").replace("\xa0", " ")
    assert "€ 16,10" in html and payment.reference in html


def test_an_unpaid_payment_forgets_who_asked_after_a_day(at_provider, client):
    from portal.requests.jobs import purge_past_retention

    payment = the_payment()
    assert payment.pending and payment.pending.get("principal")
    purge_past_retention()
    assert the_payment().pending, "kept while it can still be paid"
    the_payment().created_at -= timedelta(days=1, minutes=1)
    db.session.commit()
    purge_past_retention()
    db.session.commit()
    assert the_payment().pending is None
    choose(client, at_provider, "paid")  # a late "paid" after all: the money goes back
    webhook(client, the_payment().provider_id)
    assert cases() == []
    assert [refund.reason for refund in the_payment().refunds] == ["no_request"]


def test_paying_again_after_a_day_checks_the_answers_first(at_provider, client):
    from portal.requests.jobs import purge_past_retention

    payment = the_payment()
    payment.created_at -= timedelta(days=2)
    db.session.commit()
    purge_past_retention()
    db.session.commit()
    again = client.post_form(
        f"/betalen/{payment.token}/opnieuw", {}, page=f"/betalen/{payment.token}"
    )
    assert again.status_code == 303 and again.location.endswith("/controleren")
    assert the_payment().id == payment.id, "no payment without what the request needs"
