"""Fast inserts for generated rows (`flask scale-data`): COPY on PostgreSQL, executemany in
batches on SQLite, with the columns a row leaves out filled from their defaults."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from itertools import chain, islice

from sqlalchemy import Table, func, select, text

from portal.extensions import db

BATCH = 5000


def is_postgres() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def next_id(model) -> int:
    return (db.session.scalar(select(func.max(model.id))) or 0) + 1


def move_sequences(*models) -> None:
    """Rows were given their ids; PostgreSQL's sequences must hand out the next ones."""
    if not is_postgres():
        return
    for model in models:
        table = model.__tablename__
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        )


def _defaults(table: Table) -> dict:
    """What each column gets when a row leaves it out: its scalar default, else NULL."""
    values = {}
    for column in table.columns:
        default = column.default
        if default is not None and default.is_scalar:
            values[column.name] = default.arg
        elif default is not None and default.is_callable:
            values[column.name] = default.arg(None)
        else:
            values[column.name] = None
    return values


def write(table: Table, rows: Iterable[dict]) -> None:
    """Insert the rows: COPY on PostgreSQL, executemany in batches on SQLite. Columns a row
    leaves out (other than an id the database numbers) get their defaults."""
    rows = iter(rows)
    head = list(islice(rows, 1))
    if not head:
        return
    base = _defaults(table)
    names = [c.name for c in table.columns if c.name in head[0] or c.name != "id"]
    json_columns = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}
    postgres = is_postgres()

    def values(row: dict) -> tuple:
        merged = {**base, **row}
        out = []
        for name in names:
            value = merged[name]
            if name in json_columns and value is not None:
                value = json.dumps(value)
            elif not postgres and isinstance(value, datetime):
                value = value.strftime("%Y-%m-%d %H:%M:%S.%f")
            elif not postgres and isinstance(value, date):
                value = value.isoformat()
            out.append(value)
        return tuple(out)

    everything = (values(row) for row in chain(head, rows))
    connection = db.session.connection()
    columns = ", ".join(names)
    if postgres:
        cursor = connection.connection.driver_connection.cursor()
        with cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
            for row in everything:
                copy.write_row(row)
        cursor.close()
        return
    statement = f"INSERT INTO {table.name} ({columns}) VALUES ({', '.join('?' * len(names))})"  # noqa: S608
    cursor = connection.connection.driver_connection.cursor()
    while batch := list(islice(everything, BATCH)):
        cursor.executemany(statement, batch)
    cursor.close()
