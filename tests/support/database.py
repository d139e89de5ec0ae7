"""A throw-away database per test session, migrated with the real Alembic migrations.

SQLite by default; with DATABASE_URL pointing at PostgreSQL each session (and each xdist
worker) gets its own database, so parallel runs never see each other's rows.
"""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy import delete, update
from sqlalchemy.engine import make_url

from portal.extensions import db
from portal.models import import_all_models


@contextmanager
def session_database(tmp_dir: Path) -> Iterator[str]:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        yield f"sqlite:///{tmp_dir / 'portal-test.sqlite3'}"
        return
    url = make_url(base.replace("postgres://", "postgresql://", 1)).set(drivername="postgresql")
    name = f"portal_test_{uuid.uuid4().hex[:10]}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name, drivername="postgresql+psycopg").render_as_string(
            hide_password=False
        )
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def empty_all_tables() -> None:
    """Remove every row but keep the schema (and Alembic's version row)."""
    import_all_models()
    db.session.rollback()
    # The two tables that point at each other (an item's live version) are untied first.
    from portal.editor.models import Item

    db.session.execute(update(Item).values(live_version_id=None, publish_version_id=None))
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(delete(table))
    db.session.commit()
