"""The case page reads what it shows in the same number of statements however much the case
holds, and commits only when it marked messages read."""

from datetime import timedelta

import pytest
from sqlalchemy import event

from portal.cases import handling, services
from portal.cases.models import Document
from portal.components import clock
from portal.extensions import db
from tests.support.queries import queries_for


@pytest.fixture
def case_url(client, sign_in, new_case, handler):
    # A request renews the session at most once a minute; that write is not the page's.
    client.application.config["SESSION_TOUCH_SECONDS"] = 24 * 3600
    sign_in("inwoner")
    case = new_case("parkeervergunning-bewoners")
    handling.assign(case, handler("Maria Visser", "parkeren"))
    db.session.commit()
    return case, f"/mijn-zaken/{case.number}"


def _counted(client, url: str):
    # Requests share the tests' session: what an earlier one loaded must be read again, as
    # it is in a request of its own.
    db.session.expire_all()
    return queries_for(client, url)


def _grow(case, handler, times: int) -> None:
    for number in range(times):
        handling.send_message(case, f"Bericht {number}", handler())
        handling.change_status(case, "in_behandeling", f"Stap {number}", handler())
        handling.request_information(case, f"Vraag {number}", clock.today() + timedelta(7))
        case.documents.append(
            Document(
                kind="besluit",
                name=f"besluit-{number}.pdf",
                content_type="application/pdf",
                size=10,
                path=None,
                created_at=services.now(),
            )
        )
    db.session.commit()


def test_the_case_page_costs_the_same_queries_with_little_or_much_on_it(client, case_url, handler):
    case, url = case_url
    client.get(url)
    little = _counted(client, url)
    _grow(case, handler, 12)
    client.get(url)  # marks the new messages read
    much = _counted(client, url)
    assert len(little) == len(much), much.report()
    assert len(much) <= 7, much.report()
    assert "Bericht 11" in much.body and "Vraag 11" in much.body


def test_a_case_page_with_nothing_new_commits_nothing(client, case_url, handler):
    case, url = case_url
    _grow(case, handler, 1)
    commits = []

    def committed(_connection):
        commits.append(True)

    event.listen(db.engine, "commit", committed)
    try:
        client.get(url)  # shows the message as new and marks it read
        assert len(commits) == 1
        client.get(url)
        assert len(commits) == 1
    finally:
        event.remove(db.engine, "commit", committed)
