"""registries and profile: demo registers (person, address, company, branch), processing log,
profile

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('registry_demo_address',
    sa.Column('object_id', sa.String(length=16), nullable=False),
    sa.Column('street', sa.String(length=80), nullable=False),
    sa.Column('house_number', sa.Integer(), nullable=False),
    sa.Column('house_letter', sa.String(length=1), nullable=False),
    sa.Column('addition', sa.String(length=4), nullable=False),
    sa.Column('postcode', sa.String(length=6), nullable=False),
    sa.Column('city', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('object_id', name=op.f('pk_registry_demo_address'))
    )
    with op.batch_alter_table('registry_demo_address', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_demo_address_postcode'), ['postcode'], unique=False)

    op.create_table('registry_demo_company',
    sa.Column('kvk', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('legal_form', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('kvk', name=op.f('pk_registry_demo_company'))
    )

    op.create_table('registry_demo_person',
    sa.Column('bsn', sa.String(length=9), nullable=False),
    sa.Column('given_names', sa.String(length=200), nullable=False),
    sa.Column('prefix', sa.String(length=20), nullable=False),
    sa.Column('surname', sa.String(length=200), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('address_id', sa.String(length=16), nullable=True),
    sa.Column('partner_bsn', sa.String(length=9), nullable=True),
    sa.Column('parent1_bsn', sa.String(length=9), nullable=True),
    sa.Column('parent2_bsn', sa.String(length=9), nullable=True),
    sa.ForeignKeyConstraint(['address_id'], ['registry_demo_address.object_id'], name=op.f('fk_registry_demo_person_address_id_registry_demo_address')),
    sa.PrimaryKeyConstraint('bsn', name=op.f('pk_registry_demo_person'))
    )
    with op.batch_alter_table('registry_demo_person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_demo_person_address_id'), ['address_id'], unique=False)

    op.create_table('registry_demo_branch',
    sa.Column('number', sa.String(length=12), nullable=False),
    sa.Column('kvk', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('is_main', sa.Boolean(), nullable=False),
    sa.Column('address_id', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['address_id'], ['registry_demo_address.object_id'], name=op.f('fk_registry_demo_branch_address_id_registry_demo_address')),
    sa.ForeignKeyConstraint(['kvk'], ['registry_demo_company.kvk'], name=op.f('fk_registry_demo_branch_kvk_registry_demo_company')),
    sa.PrimaryKeyConstraint('number', name=op.f('pk_registry_demo_branch'))
    )
    with op.batch_alter_table('registry_demo_branch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_demo_branch_kvk'), ['kvk'], unique=False)

    op.create_table('registry_processing_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('subject', sa.String(length=128), nullable=False),
    sa.Column('actor', sa.String(length=128), nullable=False),
    sa.Column('actor_kind', sa.String(length=20), nullable=False),
    sa.Column('actor_name', sa.String(length=200), nullable=False),
    sa.Column('acting_for', sa.String(length=128), nullable=False),
    sa.Column('purpose', sa.String(length=40), nullable=False),
    sa.Column('register', sa.String(length=10), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_processing_log'))
    )
    with op.batch_alter_table('registry_processing_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_processing_log_occurred_at'), ['occurred_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_registry_processing_log_subject'), ['subject'], unique=False)

    op.create_table('profile',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('party_kind', sa.String(length=10), nullable=False),
    sa.Column('party_key', sa.String(length=128), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('email_confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('pending_email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('notify_by_email', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile')),
    sa.UniqueConstraint('party_kind', 'party_key', name='uq_profile_party')
    )


def downgrade():
    op.drop_table('profile')
    with op.batch_alter_table('registry_processing_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_processing_log_subject'))
        batch_op.drop_index(batch_op.f('ix_registry_processing_log_occurred_at'))
    op.drop_table('registry_processing_log')
    with op.batch_alter_table('registry_demo_branch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_demo_branch_kvk'))
    op.drop_table('registry_demo_branch')
    with op.batch_alter_table('registry_demo_person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_demo_person_address_id'))
    op.drop_table('registry_demo_person')
    op.drop_table('registry_demo_company')
    with op.batch_alter_table('registry_demo_address', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_demo_address_postcode'))
    op.drop_table('registry_demo_address')
