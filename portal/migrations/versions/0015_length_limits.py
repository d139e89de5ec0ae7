"""length limits: every text column that stores what people type has a bound

The forms refuse longer text with a message (`portal.components.limits`); the database
refuses it too, so a path that skips a form cannot store 200 KB in a note. The bound is
`length(column) <= n` in characters, the same on both databases:

- PostgreSQL: a CHECK constraint, added in place (no table rewrite).
- SQLite: cannot add a CHECK to an existing table without copying it, and copying a table
  that other tables refer to (cases_case, editor_version) makes SQLite's implicit DELETE of
  the old table fire the children's ON DELETE actions. Two triggers per column (insert,
  update) raise the same constraint error instead.

Text that is already longer (no form allowed it) is cut to the bound first; otherwise the
constraint could not be added.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 11:00:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TEXT = 5000  # notes, reasons, descriptions, answers
BODY = 20000  # messages and the editor's page texts

BOUNDS = (
    ("appointments_appointment", "notes", TEXT),
    ("appointments_appointment", "change_note", TEXT),
    ("appointments_appointment", "mark_comment", TEXT),
    ("cases_case", "review_reason", TEXT),
    ("cases_case", "delay_reason", TEXT),
    ("cases_case", "result_reason", TEXT),
    ("cases_feedback", "comment", TEXT),
    ("cases_message", "body", BODY),
    ("cases_status_change", "note_for_resident", TEXT),
    ("cases_status_text", "text", TEXT),
    ("cases_task", "text", TEXT),
    ("cases_task", "answer_text", TEXT),
    ("catalog_faq", "staff_notes", BODY),
    ("catalog_faq_text", "answer", BODY),
    ("catalog_life_event_text", "intro", BODY),
    ("catalog_notice", "staff_notes", BODY),
    ("catalog_notice_text", "body", BODY),
    ("catalog_product", "staff_notes", BODY),
    ("catalog_product_text", "summary", BODY),
    ("catalog_product_text", "body", BODY),
    ("catalog_product_text", "who", BODY),
    ("catalog_product_text", "cost_text", BODY),
    ("catalog_product_text", "norm_text", BODY),
    ("catalog_product_text", "contact_text", BODY),
    ("catalog_product_text", "conditions", BODY),
    ("editor_version", "change_note", TEXT),
    ("editor_version", "review_note", TEXT),
    ("knowledge_contact", "note", TEXT),
    ("reports_reopen", "reason", TEXT),
    ("reports_report", "description", TEXT),
    ("reports_report", "result_text", TEXT),
    ("reports_status", "note", TEXT),
    ("requests_draft", "review_reason", TEXT),
)


def _name(table: str, column: str) -> str:
    # As the models' naming convention names `length_check`: ck_<table>_<column>_len.
    return f"ck_{table}_{column}_len"


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column, limit in BOUNDS:
        # Names and numbers from BOUNDS above, nothing typed.
        op.execute(
            f"UPDATE {table} SET {column} = substr({column}, 1, {limit}) "  # noqa: S608
            f"WHERE length({column}) > {limit}"
        )
        name = _name(table, column)
        if not sqlite:
            op.create_check_constraint(op.f(name), table, f"length({column}) <= {limit}")
            continue
        for event, when in (("insert", "INSERT"), ("update", f"UPDATE OF {column}")):
            op.execute(
                f"CREATE TRIGGER {name}_{event} BEFORE {when} ON {table} "
                f"WHEN length(NEW.{column}) > {limit} "
                f"BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {name}'); END"
            )


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column, _limit in reversed(BOUNDS):
        name = _name(table, column)
        if not sqlite:
            op.drop_constraint(op.f(name), table, type_="check")
            continue
        for event in ("insert", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}_{event}")
