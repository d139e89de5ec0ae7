"""Tables of the payments area: a payment per attempt to pay for a request, refunds, and the
transactions of the local test payment provider.

A request for a product with a fee becomes a case only when paid. Until then the payment keeps
what the submission needs (`pending`: the principal and the register facts as they were at
the check page); it is emptied as soon as the case exists. The provider only ever receives
the amount, a description with our reference and two addresses: never a BSN.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db


class Payment(db.Model):
    __tablename__ = "payments_payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Random; the payment's name in URLs and the reference the resident sees.
    token: Mapped[str] = mapped_column(String(32), unique=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    draft_token: Mapped[str] = mapped_column(String(32), index=True)
    product_slug: Mapped[str] = mapped_column(String(100))
    provider: Mapped[str] = mapped_column(String(20))
    provider_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    checkout_url: Mapped[str | None] = mapped_column(String(500))
    amount_cents: Mapped[int]
    description: Mapped[str] = mapped_column(String(255))
    # open | pending | paid | failed | canceled | expired (the provider's words).
    status: Mapped[str] = mapped_column(String(20), index=True)
    pending: Mapped[dict | None] = mapped_column(JSON)
    case_number: Mapped[str | None] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    paid_at: Mapped[datetime | None]

    refunds: Mapped[list["Refund"]] = relationship(
        back_populates="payment", order_by="Refund.id", cascade="all, delete-orphan"
    )


class Refund(db.Model):
    """Money back: asked of the provider when a paid request is refused, or paid twice."""

    __tablename__ = "payments_refund"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments_payment.id"), index=True)
    provider_refund_id: Mapped[str | None] = mapped_column(String(64))
    amount_cents: Mapped[int]
    # refused | paid_twice
    reason: Mapped[str] = mapped_column(String(20))
    # The provider's status (queued, pending, refunded) or "failed" when it could not be asked.
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime]

    payment: Mapped[Payment] = relationship(back_populates="refunds")


class TestTransaction(db.Model):
    """A payment at the local test payment provider (development and tests only)."""

    __tablename__ = "payments_test_transaction"
    __test__ = False  # not a pytest class

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    amount_cents: Mapped[int]
    description: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(20))
    redirect_url: Mapped[str] = mapped_column(String(500))
    webhook_url: Mapped[str] = mapped_column(String(500))
    refunded_cents: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
