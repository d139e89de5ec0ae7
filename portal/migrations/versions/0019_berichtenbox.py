"""berichtenbox: status changes, information requests and decisions as messages

A message in the case thread now says what kind it is ("message" written by a person, or
"status", "task", "decision" written when the case changed) and, for the kinds written on a
change, which change it reports (`event_key`). The unique index on (case_id, event_key) makes
writing the same change twice impossible; NULL keys (ordinary messages) do not collide.

Columns and an index only: SQLite adds both in place, without copying cases_message (which
has the length triggers of 0015).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 14:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "cases_message",
        sa.Column("kind", sa.String(20), nullable=False, server_default="message"),
    )
    op.add_column("cases_message", sa.Column("event_key", sa.String(60), nullable=True))
    op.create_index(
        "uq_cases_message_event", "cases_message", ["case_id", "event_key"], unique=True
    )


def downgrade():
    op.drop_index("uq_cases_message_event", table_name="cases_message")
    # Plain DROP COLUMN (SQLite 3.35+): a batch copy would lose the length triggers of 0015.
    op.drop_column("cases_message", "event_key")
    op.drop_column("cases_message", "kind")
