"""payments: payments for requests with a fee, refunds, the local test provider's transactions

New tables only.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 14:05:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "payments_payment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token", sa.String(32), nullable=False),
        sa.Column("reference", sa.String(20), nullable=False),
        sa.Column("draft_token", sa.String(32), nullable=False),
        sa.Column("product_slug", sa.String(100), nullable=False),
        sa.Column("provider", sa.String(20), nullable=False),
        sa.Column("provider_id", sa.String(64), nullable=True),
        sa.Column("checkout_url", sa.String(500), nullable=True),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(255), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("pending", sa.JSON(), nullable=True),
        sa.Column("case_number", sa.String(20), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("paid_at", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("token", name="uq_payments_payment_token"),
        sa.UniqueConstraint("reference", name="uq_payments_payment_reference"),
        sa.UniqueConstraint("provider_id", name="uq_payments_payment_provider_id"),
    )
    op.create_index("ix_payments_payment_draft_token", "payments_payment", ["draft_token"])
    op.create_index("ix_payments_payment_status", "payments_payment", ["status"])
    op.create_index("ix_payments_payment_case_number", "payments_payment", ["case_number"])
    op.create_table(
        "payments_refund",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("payment_id", sa.Integer(), sa.ForeignKey("payments_payment.id"), nullable=False),
        sa.Column("provider_refund_id", sa.String(64), nullable=True),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_payments_refund_payment_id", "payments_refund", ["payment_id"])
    op.create_table(
        "payments_test_transaction",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(255), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("redirect_url", sa.String(500), nullable=False),
        sa.Column("webhook_url", sa.String(500), nullable=False),
        sa.Column("refunded_cents", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )


def downgrade():
    op.drop_table("payments_test_transaction")
    op.drop_index("ix_payments_refund_payment_id", table_name="payments_refund")
    op.drop_table("payments_refund")
    op.drop_index("ix_payments_payment_case_number", table_name="payments_payment")
    op.drop_index("ix_payments_payment_status", table_name="payments_payment")
    op.drop_index("ix_payments_payment_draft_token", table_name="payments_payment")
    op.drop_table("payments_payment")
