"""Searching a person's cases by BSN: posted, the results in the answer to the post, only the
handler's own team, audited with a pseudonym, limited like the queue, and the BSN never in a
URL, a Location header or a log line."""

import logging

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.auth.models import AuditEvent
from portal.auth.pseudonym import pseudonym
from portal.extensions import db
from tests.hardening.conftest import limited_app_for
from tests.support.auth import sign_in as sign_in_client

SEARCH = "/medewerkers/zaken/zoeken"
BSN = "123456782"  # passes the 11-proof
OTHER_BSN = "999990007"


@pytest.fixture
def maria(sign_in, handler):
    """Maria Visser of team Burgerzaken, signed in."""
    sign_in("behandelaar")
    return handler("behandelaar")


def _search(client, text: str):
    return client.post_form(SEARCH, {"query": text})


def _found(response) -> list[str]:
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return [
        a.get_text(" ", strip=True).split(",")[0].strip() for a in soup.select(".card-list h3 a")
    ]


def _error(response) -> str:
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    message = soup.find(id="query-error")
    return message.get_text(" ", strip=True) if message else ""


def test_the_search_finds_the_persons_cases_of_the_team(client, maria, new_case):
    first = new_case(bsn=BSN)
    second = new_case("uittreksel-brp", bsn=BSN)
    someone_else = new_case(bsn=OTHER_BSN)
    db.session.commit()

    response = _search(client, BSN)

    assert response.status_code == 200
    assert sorted(_found(response)) == sorted([first.number, second.number])
    assert someone_else.number not in response.get_data(as_text=True)


@pytest.mark.parametrize("typed", ["123 456 782", "123.456.782", "123-456-782", " 1234 56 782 "])
def test_separators_and_spaces_are_accepted(client, maria, new_case, typed):
    case = new_case(bsn=BSN)
    db.session.commit()

    assert _found(_search(client, typed)) == [case.number]


def test_a_case_number_finds_that_case(client, maria, new_case):
    case = new_case(bsn=BSN)
    db.session.commit()

    assert _found(_search(client, case.number.lower())) == [case.number]


def test_nothing_found_says_so(client, maria, new_case):
    new_case(bsn=OTHER_BSN)
    db.session.commit()

    response = _search(client, BSN)

    assert response.status_code == 200
    assert _found(response) == []
    assert "Wij vonden geen zaken van uw team bij dit nummer" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("123456789", "Dit is geen geldig BSN. Er is een cijfer verkeerd."),
        ("12345", "Een BSN heeft 9 cijfers."),
        ("12345678a", "Een BSN heeft alleen cijfers."),
        ("١٢٣٤٥٦٧٨٢", "Een BSN heeft alleen cijfers."),
        ("", "Vul een BSN of een zaaknummer in"),
        ("1" * 5000, "Dit is te lang voor een BSN of een zaaknummer."),
    ],
)
def test_a_wrong_number_gets_a_message_next_to_the_field(client, maria, audit, typed, message):
    response = _search(client, typed)

    assert response.status_code == 422
    assert message in _error(response)
    assert message in response.get_data(as_text=True).split('id="query"')[0]  # in the summary
    assert not [row for row in audit.rows() if row[0] == "backoffice.case_search"]


def test_a_case_of_another_team_is_not_shown(client, maria, new_case):
    parking = new_case("parkeervergunning-bewoners", bsn=BSN)
    db.session.commit()

    by_bsn = _search(client, BSN)
    by_number = _search(client, parking.number)

    assert _found(by_bsn) == [] and _found(by_number) == []
    assert parking.number not in by_bsn.get_data(as_text=True)


def test_the_bsn_is_never_in_a_url_a_location_or_a_log_line(client, maria, new_case, caplog):
    new_case(bsn=BSN)
    db.session.commit()

    with caplog.at_level(logging.DEBUG):
        shown = client.get(SEARCH)
        response = _search(client, "123 456 782")
        wrong = _search(client, "123 456 789")

    assert shown.status_code == 200 and response.status_code == 200 and wrong.status_code == 422
    for answer in (response, wrong):
        assert answer.request.path == SEARCH and not answer.request.query_string
        assert "Location" not in answer.headers
        assert answer.headers["Cache-Control"] == "no-store"
        assert "123456782" not in answer.headers.get("Set-Cookie", "")
    form = BeautifulSoup(response.get_data(as_text=True), "html.parser").find("input", id="query")
    assert form.find_parent("form")["method"] == "post"
    lines = [record.getMessage() for record in caplog.records]
    assert any(
        SEARCH in line or getattr(r, "path", "") == SEARCH
        for line, r in zip(lines, caplog.records, strict=True)
    )
    for record, line in zip(caplog.records, lines, strict=True):
        text = line + " " + str(getattr(record, "path", ""))
        for variant in ("123456782", "123 456 782", "123456789", "123 456 789"):
            assert variant not in text, line
    with client.session_transaction() as session:
        assert "123456782" not in repr(dict(session))


def test_each_search_is_audited_with_a_pseudonym(client, maria, new_case):
    new_case(bsn=BSN)
    new_case(bsn=BSN)
    db.session.commit()

    _search(client, "123.456.782")
    _search(client, OTHER_BSN)

    db.session.expire_all()
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "backoffice.case_search")
    ).all()
    assert [(e.result, e.target, e.detail) for e in events] == [
        ("success", "bsn:" + pseudonym(BSN), "kind=bsn results=2"),
        ("not_found", "bsn:" + pseudonym(OTHER_BSN), "kind=bsn results=0"),
    ]
    assert all(e.actor == f"staff:{maria.staff_id}" for e in events)
    assert all(BSN not in e.target + e.detail for e in events)


def test_the_search_is_rate_limited_like_the_queue(database_url, oidc_provider, tmp_path):
    app = limited_app_for(database_url, oidc_provider, tmp_path)  # search: 3 per minute
    client = app.test_client()
    with app.app_context():
        sign_in_client(client, "behandelaar")
        answers = [client.post_form(SEARCH, {"query": BSN}).status_code for _ in range(4)]
        db.session.remove()
        db.engine.dispose()

    assert answers == [200, 200, 200, 429]
