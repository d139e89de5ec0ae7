"""Counting the SQL statements a request sends, to prove a page's queries do not grow with
the number of rows it lists.

    with count_queries() as counted:
        client.get("/mijn-zaken")
    assert len(counted) <= 12, counted.report()

Every statement on `db.engine` is counted, including the sign-in checks and the catalogue's
generation number, because those are paid on every request too.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import event

from portal.extensions import db


@dataclass
class Counted:
    statements: list[str] = field(default_factory=list)
    # The parameters each statement was sent with, to EXPLAIN it again (tests/test_indexes.py).
    parameters: list = field(default_factory=list)
    # The page's text, for tests that look at what the counted page showed.
    body: str = ""

    def __len__(self) -> int:
        return len(self.statements)

    def report(self) -> str:
        """The statements, numbered and shortened: what an assertion message shows."""
        return "\n".join(
            f"{number:3}. {' '.join(text.split())[:160]}"
            for number, text in enumerate(self.statements, 1)
        )


@contextmanager
def count_queries() -> Iterator[Counted]:
    counted = Counted()
    engine = db.engine

    def record(conn, cursor, statement, parameters, context, executemany):
        counted.statements.append(statement)
        counted.parameters.append(parameters)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield counted
    finally:
        event.remove(engine, "before_cursor_execute", record)


def queries_for(client, url: str, *, status: int = 200) -> Counted:
    """The statements one GET of `url` sends; the page must answer `status`."""
    with count_queries() as counted:
        response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    counted.body = response.get_data(as_text=True)
    return counted
