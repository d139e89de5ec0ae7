"""Numbers counted per year (Z-2026-000123 for cases, A-2026-000045 for appointments), and
the INSERT ... ON CONFLICT that both databases understand.

The counter's UPDATE locks the year's row on PostgreSQL and the whole database on SQLite until
the request commits, so no number is given twice. INSERT ... ON CONFLICT DO NOTHING starts a
new year without a savepoint (pysqlite does not nest savepoints inside its implicit
transactions reliably).
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from portal.extensions import db


def dialect_insert():
    """`insert` with `on_conflict_do_nothing` for the database of this session."""
    return pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert


def next_in_year(counter: type, year: int) -> int:
    """The next number of `year` in `counter`, a model with the columns `year` and `last`."""
    db.session.execute(dialect_insert()(counter).values(year=year, last=0).on_conflict_do_nothing())
    return db.session.execute(
        update(counter)
        .where(counter.year == year)
        .values(last=counter.last + 1)
        .returning(counter.last)
    ).scalar_one()
