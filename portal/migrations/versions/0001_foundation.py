"""foundation

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 01:57:30.820593

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
