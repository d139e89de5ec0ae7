"""Every example starts from the same data: the posts of one form run inside one transaction
that is never committed, and each example is rolled back to a savepoint when it is done.

Without this, 1,000 examples leave hundreds of messages and notes behind (each later page
renders slower), and the first example that closes a case or cancels an appointment leaves
the rest of the examples nothing to fuzz but a refusal. It also spares a disk write per post.

The app's session joins the transaction with `join_transaction_mode="create_savepoint"`:
its commits and rollbacks become savepoints inside the example's savepoint. The test
client's cookies are put back too, so the cookie never points at a row that was rolled back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app

from portal.extensions import db


@contextmanager
def examples_rolled_back(client) -> Iterator:
    """Yields `example()`: a context manager that undoes what one example did."""
    db.session.commit()
    db.session.remove()
    engines = db._app_engines[current_app._get_current_object()]
    engine = engines[None]
    connection = engine.connect()
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        # pysqlite starts and ends transactions on its own and so breaks savepoints; here
        # SQLAlchemy's statements alone decide (SQLAlchemy's documented work-around).
        connection.connection.driver_connection.isolation_level = None
    outer = connection.begin()
    if sqlite:
        connection.exec_driver_sql("BEGIN")
    engines[None] = connection
    factory = db.session.session_factory.kw
    before = factory.get("join_transaction_mode")
    factory["join_transaction_mode"] = "create_savepoint"

    @contextmanager
    def example() -> Iterator[None]:
        cookies = dict(client._cookies)
        savepoint = connection.begin_nested()
        try:
            yield
        finally:
            db.session.remove()
            if savepoint.is_active:
                savepoint.rollback()
            client._cookies.clear()
            client._cookies.update(cookies)

    try:
        yield example
    finally:
        db.session.remove()
        if before is None:
            factory.pop("join_transaction_mode")
        else:
            factory["join_transaction_mode"] = before
        engines[None] = engine
        outer.rollback()
        # The connection's transaction handling was changed: it must not go back to the pool.
        connection.invalidate()
        connection.close()
