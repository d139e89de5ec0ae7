"""Payment providers behind one small interface.

`TestProvider` is the embedded default: the portal's own test payment page (development and
tests only), whose transactions live in a table of ours. `MollieProvider` speaks Mollie's
Payments API through `mollie-api-python`, with a configurable API address so tests run it
against a local server that follows Mollie's published API.

Statuses are Mollie's words: open, pending, paid, failed, canceled, expired.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from flask import current_app, url_for

from portal.extensions import db


class ProviderError(Exception):
    """The provider could not be reached or refused the call."""


@dataclass(frozen=True)
class ProviderPayment:
    id: str
    status: str
    checkout_url: str | None = None


@dataclass(frozen=True)
class ProviderRefund:
    id: str
    status: str


class PaymentProvider(Protocol):
    name: str

    def create_payment(
        self, amount_cents: int, description: str, redirect_url: str, webhook_url: str
    ) -> ProviderPayment: ...

    def get_payment(self, provider_id: str) -> ProviderPayment | None:
        """None when the provider does not know the id (a forged webhook call)."""

    def refund(self, provider_id: str, amount_cents: int, description: str) -> ProviderRefund: ...


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def euros(amount_cents: int) -> str:
    """Mollie wants the amount as a string with exactly two decimals."""
    return f"{amount_cents // 100}.{amount_cents % 100:02d}"


class TestProvider:
    """The local test payment provider: a page in the portal where one chooses the outcome."""

    __test__ = False
    name = "test"

    def create_payment(self, amount_cents, description, redirect_url, webhook_url):
        from portal.payments.models import TestTransaction

        transaction = TestTransaction(
            id="tr_" + secrets.token_hex(10),
            amount_cents=amount_cents,
            description=description,
            status="open",
            redirect_url=redirect_url,
            webhook_url=webhook_url,
            created_at=_now(),
        )
        db.session.add(transaction)
        db.session.flush()
        checkout = url_for("testpayments.checkout", transaction_id=transaction.id)
        return ProviderPayment(transaction.id, "open", checkout)

    def get_payment(self, provider_id):
        from portal.payments.models import TestTransaction

        transaction = db.session.get(TestTransaction, provider_id)
        if transaction is None:
            return None
        # Like Mollie, a payment left open expires after a while.
        minutes = int(current_app.config.get("PAYMENT_EXPIRY_MINUTES", 15))
        if transaction.status == "open" and transaction.created_at < _now() - timedelta(
            minutes=minutes
        ):
            transaction.status = "expired"
            db.session.flush()
        return ProviderPayment(transaction.id, transaction.status)

    def refund(self, provider_id, amount_cents, description):
        from portal.payments.models import TestTransaction

        transaction = db.session.get(TestTransaction, provider_id)
        if transaction is None or transaction.status != "paid":
            raise ProviderError("only a paid transaction can be refunded")
        transaction.refunded_cents += amount_cents
        db.session.flush()
        return ProviderRefund("re_" + secrets.token_hex(10), "pending")


class MollieProvider:
    name = "mollie"

    def __init__(self, api_key: str, api_url: str, timeout: float = 10) -> None:
        from mollie.api.client import Client
        from mollie.api.error import Error

        self.client = Client(api_endpoint=api_url, timeout=timeout, retry=0)
        try:
            self.client.set_api_key(api_key)
        except Error as error:  # no key or a malformed one: payments are unavailable
            raise ProviderError(str(error)) from error

    def create_payment(self, amount_cents, description, redirect_url, webhook_url):
        from mollie.api.error import Error

        try:
            payment = self.client.payments.create(
                {
                    "amount": {"currency": "EUR", "value": euros(amount_cents)},
                    "description": description,
                    "redirectUrl": redirect_url,
                    "webhookUrl": webhook_url,
                    "method": "ideal",
                    "locale": "nl_NL",
                }
            )
        except Error as error:
            raise ProviderError(str(error)) from error
        return ProviderPayment(payment.id, payment.status, payment.checkout_url)

    def get_payment(self, provider_id):
        from mollie.api.error import Error, NotFoundError

        try:
            payment = self.client.payments.get(provider_id)
        except NotFoundError:
            return None
        except Error as error:
            raise ProviderError(str(error)) from error
        return ProviderPayment(payment.id, payment.status, payment.checkout_url)

    def refund(self, provider_id, amount_cents, description):
        from mollie.api.error import Error

        try:
            payment = self.client.payments.get(provider_id)
            refund = payment.refunds.create(
                {
                    "amount": {"currency": "EUR", "value": euros(amount_cents)},
                    "description": description,
                }
            )
        except Error as error:
            raise ProviderError(str(error)) from error
        return ProviderRefund(refund.id, refund.status)


def provider() -> PaymentProvider:
    config = current_app.config
    if config["PAYMENT_PROVIDER"] == "mollie":
        return MollieProvider(
            config["MOLLIE_API_KEY"],
            config["MOLLIE_API_URL"],
            float(config.get("MOLLIE_TIMEOUT_SECONDS", 10)),
        )
    return TestProvider()
