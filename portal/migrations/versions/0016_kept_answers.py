"""kept answers: what was typed on a request step when the session had ended

A step posted after the idle time-out (or at too low a level of assurance) is kept here until
the same person signs in again, then shown in the step again and removed. A new table only.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 14:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "requests_kept_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_token", sa.String(32), nullable=False),
        sa.Column("step_name", sa.String(100), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("kept_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requests_kept_answers")),
        sa.UniqueConstraint("draft_token", "step_name", name="uq_requests_kept_step"),
    )
    op.create_index(
        op.f("ix_requests_kept_answers_kept_at"), "requests_kept_answers", ["kept_at"], unique=False
    )


def downgrade():
    op.drop_index(op.f("ix_requests_kept_answers_kept_at"), table_name="requests_kept_answers")
    op.drop_table("requests_kept_answers")
