"""cases: case, status history, documents, messages, tasks, audit trail, feedback, number counter

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('cases_case',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('idempotency_key', sa.String(length=200), nullable=False),
    sa.Column('product_slug', sa.String(length=100), nullable=False),
    sa.Column('product_name', sa.String(length=200), nullable=False),
    sa.Column('team', sa.String(length=100), nullable=False),
    sa.Column('party_kind', sa.String(length=20), nullable=False),
    sa.Column('party_identifier', sa.String(length=20), nullable=False),
    sa.Column('party_branch', sa.String(length=20), nullable=True),
    sa.Column('actor_kind', sa.String(length=20), nullable=False),
    sa.Column('actor_label', sa.String(length=200), nullable=False),
    sa.Column('actor_pseudonym', sa.String(length=100), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('contact', sa.JSON(), nullable=True),
    sa.Column('review_reason', sa.Text(), nullable=True),
    sa.Column('handler_name', sa.String(length=200), nullable=True),
    sa.Column('handler_ref', sa.String(length=200), nullable=True),
    sa.Column('handler_email', sa.String(length=200), nullable=True),
    sa.Column('norm_working_days', sa.Integer(), nullable=True),
    sa.Column('norm_weeks', sa.Integer(), nullable=True),
    sa.Column('expected_completion', sa.Date(), nullable=True),
    sa.Column('deadline_notified', sa.String(length=20), nullable=True),
    sa.Column('delay_reason', sa.Text(), nullable=True),
    sa.Column('result', sa.String(length=40), nullable=True),
    sa.Column('result_reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases_case')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_cases_case_idempotency_key')),
    sa.UniqueConstraint('number', name=op.f('uq_cases_case_number'))
    )
    with op.batch_alter_table('cases_case', schema=None) as batch_op:
        batch_op.create_index('ix_cases_case_party', ['party_kind', 'party_identifier'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_case_product_slug'), ['product_slug'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_case_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_case_team'), ['team'], unique=False)

    op.create_table('cases_number_counter',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_cases_number_counter'))
    )
    op.create_table('cases_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(length=500), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases_case.id'], name=op.f('fk_cases_document_case_id_cases_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases_document'))
    )
    with op.batch_alter_table('cases_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_document_case_id'), ['case_id'], unique=False)

    op.create_table('cases_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('actor_label', sa.String(length=200), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases_case.id'], name=op.f('fk_cases_event_case_id_cases_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases_event'))
    )
    with op.batch_alter_table('cases_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_event_case_id'), ['case_id'], unique=False)

    op.create_table('cases_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('mark', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases_case.id'], name=op.f('fk_cases_feedback_case_id_cases_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases_feedback')),
    sa.UniqueConstraint('case_id', name=op.f('uq_cases_feedback_case_id'))
    )
    op.create_table('cases_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('sender_label', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases_case.id'], name=op.f('fk_cases_message_case_id_cases_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases_message'))
    )
    with op.batch_alter_table('cases_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_message_case_id'), ['case_id'], unique=False)

    op.create_table('cases_status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('note_for_resident', sa.Text(), nullable=True),
    sa.Column('actor_label', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases_case.id'], name=op.f('fk_cases_status_change_case_id_cases_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases_status_change'))
    )
    with op.batch_alter_table('cases_status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_status_change_case_id'), ['case_id'], unique=False)

    op.create_table('cases_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('completed_at', sa.DateTime(), nullable=True),
    sa.Column('answer_text', sa.Text(), nullable=True),
    sa.Column('answer_document_id', sa.Integer(), nullable=True),
    sa.Column('last_reminded_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['answer_document_id'], ['cases_document.id'], name=op.f('fk_cases_task_answer_document_id_cases_document')),
    sa.ForeignKeyConstraint(['case_id'], ['cases_case.id'], name=op.f('fk_cases_task_case_id_cases_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases_task'))
    )
    with op.batch_alter_table('cases_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_task_case_id'), ['case_id'], unique=False)



def downgrade():
    with op.batch_alter_table('cases_task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_task_case_id'))

    op.drop_table('cases_task')
    with op.batch_alter_table('cases_status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_status_change_case_id'))

    op.drop_table('cases_status_change')
    with op.batch_alter_table('cases_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_message_case_id'))

    op.drop_table('cases_message')
    op.drop_table('cases_feedback')
    with op.batch_alter_table('cases_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_event_case_id'))

    op.drop_table('cases_event')
    with op.batch_alter_table('cases_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_document_case_id'))

    op.drop_table('cases_document')
    op.drop_table('cases_number_counter')
    with op.batch_alter_table('cases_case', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_case_team'))
        batch_op.drop_index(batch_op.f('ix_cases_case_status'))
        batch_op.drop_index(batch_op.f('ix_cases_case_product_slug'))
        batch_op.drop_index('ix_cases_case_party')

    op.drop_table('cases_case')
