"""The Alembic migrations on an empty database of their own: upgraded one step at a time from
the first to the head, the schema then matches the models; downgraded one step at a time back
to the start, nothing of ours is left; and upgraded again, the schema matches once more.

The session database (tests/conftest.py) is migrated in one go; a release upgrades an older
database step by step, so each step must work on what the step before left behind.
"""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from portal import create_app
from portal.extensions import db
from portal.models import import_all_models
from tests.conftest import test_config as config_for
from tests.support.database import session_database


@pytest.fixture
def empty_database_app(tmp_path):
    with session_database(tmp_path) as url:
        app = create_app(config_for(url))
        with app.app_context():
            yield app
            db.session.remove()
            db.engine.dispose()


def revisions_first_to_last(app) -> list[str]:
    script = ScriptDirectory(app.extensions["migrate"].directory)
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


def current_revision() -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def schema_differences() -> list:
    import_all_models()
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def tables() -> set[str]:
    db.engine.dispose()  # a fresh look, not a cached inspector
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_each_migration_upgrades_and_downgrades_step_by_step(empty_database_app):
    revisions = revisions_first_to_last(empty_database_app)
    assert revisions[0] == "0001" and "0010" in revisions and len(revisions) >= 11

    for revision in revisions:
        upgrade(revision=revision)
        assert current_revision() == revision
    assert schema_differences() == []
    all_tables = tables()
    assert {"cases_case", "operations_job_run"} <= all_tables

    for previous in reversed(["base", *revisions[:-1]]):
        downgrade(revision=previous)
        assert current_revision() == (None if previous == "base" else previous)
        if previous == "0010":  # 0011's tables are gone, 0010's stay
            assert "operations_job_run" not in tables()
            assert "editor_item" in tables()
    assert tables() == set()

    upgrade(revision="heads")
    assert schema_differences() == []
    assert tables() == all_tables
