"""requests: drafts of requests and their uploaded files

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('requests_draft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('product_slug', sa.String(length=100), nullable=False),
    sa.Column('form_version', sa.Integer(), nullable=False),
    sa.Column('party_kind', sa.String(length=20), nullable=False),
    sa.Column('party_key', sa.String(length=64), nullable=False),
    sa.Column('actor_key', sa.String(length=100), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('review_reason', sa.Text(), nullable=True),
    sa.Column('submission_key', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('case_number', sa.String(length=20), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_requests_draft')),
    sa.UniqueConstraint('submission_key', name=op.f('uq_requests_draft_submission_key')),
    sa.UniqueConstraint('token', name=op.f('uq_requests_draft_token'))
    )
    with op.batch_alter_table('requests_draft', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requests_draft_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index('ix_requests_draft_owner', ['party_kind', 'party_key', 'actor_key'], unique=False)

    op.create_table('requests_upload',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('field', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['draft_id'], ['requests_draft.id'], name=op.f('fk_requests_upload_draft_id_requests_draft')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_requests_upload')),
    sa.UniqueConstraint('token', name=op.f('uq_requests_upload_token'))
    )
    with op.batch_alter_table('requests_upload', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requests_upload_draft_id'), ['draft_id'], unique=False)


def downgrade():
    with op.batch_alter_table('requests_upload', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_requests_upload_draft_id'))

    op.drop_table('requests_upload')
    with op.batch_alter_table('requests_draft', schema=None) as batch_op:
        batch_op.drop_index('ix_requests_draft_owner')
        batch_op.drop_index(batch_op.f('ix_requests_draft_expires_at'))

    op.drop_table('requests_draft')
