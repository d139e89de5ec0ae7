"""catalog: products, life events and their texts per language

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('catalog_product',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=100), nullable=False),
    sa.Column('audiences', sa.JSON(), nullable=False),
    sa.Column('min_levels', sa.JSON(), nullable=False),
    sa.Column('cost_cents', sa.Integer(), nullable=True),
    sa.Column('handling_level', sa.Integer(), nullable=False),
    sa.Column('handling_level_max', sa.Integer(), nullable=True),
    sa.Column('norm_working_days', sa.Integer(), nullable=True),
    sa.Column('norm_weeks', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('team', sa.String(length=100), nullable=False),
    sa.Column('partner', sa.JSON(), nullable=True),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalog_product')),
    sa.UniqueConstraint('slug', name=op.f('uq_catalog_product_slug'))
    )
    op.create_table('catalog_life_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalog_life_event')),
    sa.UniqueConstraint('slug', name=op.f('uq_catalog_life_event_slug'))
    )
    op.create_table('catalog_product_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('locale', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('who', sa.Text(), nullable=False),
    sa.Column('cost_text', sa.Text(), nullable=False),
    sa.Column('needs', sa.JSON(), nullable=False),
    sa.Column('norm_text', sa.Text(), nullable=False),
    sa.Column('synonyms', sa.JSON(), nullable=False),
    sa.Column('contact_text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['catalog_product.id'], name=op.f('fk_catalog_product_text_product_id_catalog_product'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalog_product_text')),
    sa.UniqueConstraint('product_id', 'locale', name=op.f('uq_catalog_product_text_product_id'))
    )
    op.create_table('catalog_life_event_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('life_event_id', sa.Integer(), nullable=False),
    sa.Column('locale', sa.String(length=10), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('intro', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['life_event_id'], ['catalog_life_event.id'], name=op.f('fk_catalog_life_event_text_life_event_id_catalog_life_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalog_life_event_text')),
    sa.UniqueConstraint('life_event_id', 'locale', name=op.f('uq_catalog_life_event_text_life_event_id'))
    )
    op.create_table('catalog_life_event_product',
    sa.Column('life_event_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['life_event_id'], ['catalog_life_event.id'], name=op.f('fk_catalog_life_event_product_life_event_id_catalog_life_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['catalog_product.id'], name=op.f('fk_catalog_life_event_product_product_id_catalog_product'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('life_event_id', 'product_id', name=op.f('pk_catalog_life_event_product'))
    )
    with op.batch_alter_table('catalog_life_event_product', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_catalog_life_event_product_product_id'), ['product_id'], unique=False)


def downgrade():
    with op.batch_alter_table('catalog_life_event_product', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catalog_life_event_product_product_id'))

    op.drop_table('catalog_life_event_product')
    op.drop_table('catalog_life_event_text')
    op.drop_table('catalog_product_text')
    op.drop_table('catalog_life_event')
    op.drop_table('catalog_product')
