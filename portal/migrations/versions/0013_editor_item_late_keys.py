"""editor items' two late foreign keys on PostgreSQL

0010 declares editor_item.live_version_id and publish_version_id as `use_alter` keys to
editor_version. SQLite writes them inline with the table; on PostgreSQL create_table leaves
them out, so they are added here, once both tables exist.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 08:45:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

KEYS = (
    ("fk_editor_item_live_version", "live_version_id"),
    ("fk_editor_item_publish_version", "publish_version_id"),
)


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        return
    for name, column in KEYS:
        op.create_foreign_key(name, "editor_item", "editor_version", [column], ["id"])


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        return
    for name, _column in reversed(KEYS):
        op.drop_constraint(name, "editor_item", type_="foreignkey")
