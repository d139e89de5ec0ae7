"""mandates: representatives seen per represented party, and the block he can set

The represented person sees who acted for him and can end a mandate's use in the portal
(`blocked_at`); identifiers are the audit trail's pseudonyms. A new table only.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 14:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "mandates",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("subject", sa.String(80), nullable=False),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.Column("case_actor", sa.String(100), nullable=False),
        sa.Column("representative_name", sa.String(200), nullable=False),
        sa.Column("services", sa.JSON(), nullable=False),
        sa.Column("first_used_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blocked_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("subject", "actor", name="uq_mandates_subject_actor"),
    )
    op.create_index("ix_mandates_subject", "mandates", ["subject"])


def downgrade():
    op.drop_index("ix_mandates_subject", table_name="mandates")
    op.drop_table("mandates")
