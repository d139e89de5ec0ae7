"""The rules of paying for a request, as plain functions that flush and never commit.

A request for a product with a fee becomes a case only when the provider says it is paid.
The check page starts a payment (`start`); the resident goes to the provider's page and comes
back to the payment's page, which asks the provider again (`refresh`). The provider also calls
the webhook with only the payment's id; we never trust the call itself and always ask the
provider (`handle_webhook`). A status only moves forward (open → pending → failed, canceled or
expired → paid), so a late or repeated call changes nothing. The first time a payment is seen
as paid the draft is submitted with what was kept at the check page; a second paid payment
for the same request is refunded.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from flask import current_app, url_for
from sqlalchemy import select

from portal.auth.audit import record_event
from portal.auth.principal import Principal
from portal.extensions import db
from portal.payments.adapters import ProviderError, provider
from portal.payments.models import Payment, Refund

OPEN, PENDING, PAID = "open", "pending", "paid"
FAILED, CANCELED, EXPIRED = "failed", "canceled", "expired"
WAITING = {OPEN, PENDING}
_RANK = {OPEN: 0, PENDING: 1, FAILED: 2, CANCELED: 2, EXPIRED: 2, PAID: 3}
PROVIDER_ID_MAX = 64


class PaymentUnavailable(Exception):
    """The provider cannot start a payment now."""


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def enabled() -> bool:
    return bool(current_app.config.get("PAYMENTS_ENABLED"))


def needs_payment(product) -> bool:
    return enabled() and bool(product.cost_cents and product.cost_cents > 0)


def _public(endpoint: str, **values) -> str:
    return current_app.config["PUBLIC_URL"].rstrip("/") + url_for(endpoint, **values)


def _new(draft_token: str, product, pending: dict, principal) -> Payment:
    moment = now()
    reference = "MG-" + secrets.token_hex(4).upper()
    payment = Payment(
        token=secrets.token_hex(16),
        reference=reference,
        draft_token=draft_token,
        product_slug=product.slug,
        provider=current_app.config["PAYMENT_PROVIDER"],
        amount_cents=product.cost_cents,
        # What the bank statement shows: our reference and the product, never a BSN.
        description=f"{reference} {product.name}"[:255],
        status=OPEN,
        pending=pending,
        created_at=moment,
        updated_at=moment,
    )
    db.session.add(payment)
    db.session.flush()
    try:
        started = provider().create_payment(
            payment.amount_cents,
            payment.description,
            _public("payments.status", token=payment.token),
            _public("payments.webhook"),
        )
    except ProviderError as error:
        record_event("payments.start", "unavailable", principal, target=reference)
        raise PaymentUnavailable from error
    payment.provider_id = started.id
    payment.checkout_url = started.checkout_url
    payment.status = started.status if started.status in _RANK else OPEN
    record_event("payments.start", "ok", principal, target=reference)
    db.session.flush()
    return payment


def start(draft, product, principal, facts: dict) -> Payment:
    """A payment for a checked draft; what the submission needs is kept until it is paid."""
    return _new(draft.token, product, {"principal": principal.to_dict(), "facts": facts}, principal)


def pay_again(payment: Payment, product, principal) -> Payment:
    """A new payment for the same request, after a failed, cancelled or unfinished one."""
    return _new(payment.draft_token, product, payment.pending or {}, principal)


def by_token(token: str) -> Payment | None:
    return db.session.scalars(select(Payment).where(Payment.token == token)).first()


def latest_for_draft(draft_token: str) -> Payment | None:
    query = select(Payment).where(Payment.draft_token == draft_token)
    return db.session.scalars(query.order_by(Payment.id.desc())).first()


def for_case(case_number: str) -> list[Payment]:
    query = select(Payment).where(Payment.case_number == case_number).order_by(Payment.id)
    return list(db.session.scalars(query))


def recent(limit: int = 100) -> list[Payment]:
    return list(db.session.scalars(select(Payment).order_by(Payment.id.desc()).limit(limit)))


def moves_forward(old: str, new: str) -> bool:
    return new in _RANK and _RANK[new] > _RANK.get(old, 0)


def refresh(payment: Payment) -> bool:
    """Ask the provider for the payment's status and act on it; True when it changed."""
    if payment.provider_id is None:
        return False
    try:
        found = provider().get_payment(payment.provider_id)
    except ProviderError:
        return False  # the next webhook call or page view asks again
    if found is None or not moves_forward(payment.status, found.status):
        return False
    old = payment.status
    payment.status = found.status
    payment.updated_at = now()
    record_event("payments.status", found.status, None, target=payment.reference, detail=old)
    if found.status == PAID:
        payment.paid_at = payment.updated_at
        _complete(payment)
    db.session.flush()
    return True


def handle_webhook(provider_id: str) -> None:
    """The provider says something changed; ids we did not hand out change nothing."""
    if not provider_id or len(provider_id) > PROVIDER_ID_MAX:
        return
    payment = db.session.scalars(select(Payment).where(Payment.provider_id == provider_id)).first()
    if payment is None:
        record_event("payments.webhook", "unknown_id", None, target=provider_id[:40])
        return
    refresh(payment)


def _complete(payment: Payment) -> None:
    """Paid: submit the request (once); a second payment for one request is refunded."""
    from portal.catalog.services import get_product
    from portal.requests import services as requests
    from portal.requests.definition import definition_for

    pending = payment.pending or {}
    principal = Principal.from_dict(pending["principal"]) if pending.get("principal") else None
    draft = requests.draft_for(principal, payment.draft_token) if principal else None
    if draft is None:
        _refund(payment, "no_request", None)
        return
    if draft.submitted_at is not None:
        payment.case_number = draft.case_number
        payment.pending = None
        _refund(payment, "paid_twice", None)
        return
    product = get_product(payment.product_slug)
    definition = definition_for(payment.product_slug)
    case = requests.submit(draft, definition, principal, pending.get("facts") or {}, product)
    payment.case_number = case.number
    payment.pending = None  # the case holds it now
    record_event("payments.paid", "case_created", None, target=payment.reference)


def _refund(payment: Payment, reason: str, principal) -> Refund:
    refund = Refund(
        payment=payment,
        amount_cents=payment.amount_cents,
        reason=reason,
        status="failed",
        created_at=now(),
    )
    db.session.add(refund)
    description = f"Terugbetaling {payment.case_number or payment.reference}"
    try:
        done = provider().refund(payment.provider_id, payment.amount_cents, description)
        refund.provider_refund_id, refund.status = done.id, done.status
    except ProviderError:
        pass  # recorded as failed: the back office sees it and pays back by hand
    record_event(
        "payments.refund", refund.status, principal, target=payment.reference, detail=reason
    )
    db.session.flush()
    return refund


def refund_for_refusal(case, principal) -> list[Refund]:
    """A refused request gets its fee back, once."""
    return [
        _refund(payment, "refused", principal)
        for payment in for_case(case.number)
        if payment.status == PAID and not payment.refunds
    ]


# iDEAL payments expire after 15 minutes at the provider; a day is far past any late answer.
PENDING_KEPT = timedelta(days=1)


def forget_stale_pending() -> int:
    """An unpaid payment keeps the sign-in and register facts (with the BSN) only until it can no
    longer become paid. A provider that still says "paid" later gets the money refunded
    (`_complete` finds no request to submit)."""
    stale = db.session.scalars(
        select(Payment).where(
            Payment.pending.is_not(None),
            Payment.status != PAID,
            Payment.created_at <= now() - PENDING_KEPT,
        )
    ).all()
    for payment in stale:
        payment.pending = None
    db.session.flush()
    return len(stale)
