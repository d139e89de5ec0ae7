"""demo persons: what the BRP says beyond plain data

The embedded BRP keeps, per demo person, the indicators a real BRP answer can carry
(deceased, secrecy, data under investigation, title or predicate, name use, a residence that
is no Dutch street address, an incomplete birth date) in one JSON column, so that the demo
register can answer like the real one.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 10:40:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("registry_demo_person") as batch:
        batch.add_column(sa.Column("brp_details", sa.JSON(), nullable=False, server_default="{}"))


def downgrade():
    with op.batch_alter_table("registry_demo_person") as batch:
        batch.drop_column("brp_details")
