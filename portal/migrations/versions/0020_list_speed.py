"""list speed: the back-office queue's indexes on open cases, the dashboard's team-and-closed
index and its kept backlog counts

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 17:33:04.561669

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

OPEN = {
    "sqlite_where": sa.text("closed_at IS NULL"),
    "postgresql_where": sa.text("closed_at IS NULL"),
}


def upgrade():
    op.create_table(
        "dashboard_backlog",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("counted_at", sa.DateTime(), nullable=False),
        sa.Column("team", sa.String(length=100), nullable=False),
        sa.Column("product_slug", sa.String(length=100), nullable=False),
        sa.Column("product_name", sa.String(length=200), nullable=False),
        sa.Column("open", sa.Integer(), nullable=False),
        sa.Column("at_risk", sa.Integer(), nullable=False),
        sa.Column("late", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_backlog")),
    )
    with op.batch_alter_table("dashboard_backlog", schema=None) as batch_op:
        batch_op.create_index("ix_dashboard_backlog_day", ["day", "counted_at"], unique=False)

    with op.batch_alter_table("cases_case", schema=None) as batch_op:
        # id joins the key, so a page of the queue is read in index order without a sort.
        batch_op.drop_index("ix_cases_case_open_team", **OPEN)
        batch_op.create_index(
            "ix_cases_case_open_team", ["team", "expected_completion", "id"], unique=False, **OPEN
        )
        batch_op.create_index(
            "ix_cases_case_open_status",
            ["team", "status", "expected_completion", "id"],
            unique=False,
            **OPEN,
        )
        batch_op.create_index(
            "ix_cases_case_open_handler",
            ["team", "handler_ref", "expected_completion", "id"],
            unique=False,
            **OPEN,
        )
        batch_op.create_index(
            "ix_cases_case_open_product",
            ["team", "product_slug", "product_name"],
            unique=False,
            **OPEN,
        )
        batch_op.create_index("ix_cases_case_team_closed", ["team", "closed_at"], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        # Waiting for the resident, or any status but closed, says the case is open: without
        # knowing that, PostgreSQL takes "status = X and still open" for a handful of rows
        # and collects them all before counting the queue's first thousand.
        op.execute(
            "CREATE STATISTICS IF NOT EXISTS st_cases_case_open_status (mcv) "
            "ON team, status, (closed_at IS NULL) FROM cases_case"
        )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP STATISTICS IF EXISTS st_cases_case_open_status")
    with op.batch_alter_table("cases_case", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_case_team_closed")
        batch_op.drop_index("ix_cases_case_open_product", **OPEN)
        batch_op.drop_index("ix_cases_case_open_handler", **OPEN)
        batch_op.drop_index("ix_cases_case_open_status", **OPEN)
        batch_op.drop_index("ix_cases_case_open_team", **OPEN)
        batch_op.create_index(
            "ix_cases_case_open_team", ["team", "expected_completion"], unique=False, **OPEN
        )

    with op.batch_alter_table("dashboard_backlog", schema=None) as batch_op:
        batch_op.drop_index("ix_dashboard_backlog_day")

    op.drop_table("dashboard_backlog")
