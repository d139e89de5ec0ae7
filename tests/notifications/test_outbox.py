"""Writing to the outbox: same transaction as the change, no BSN, the right audience."""

import json

import pytest

from portal.extensions import db
from portal.notifications.models import PENDING
from portal.notifications.outbox import enqueue
from tests.notifications.conftest import BSN


def test_a_new_case_writes_a_received_event(new_case, rows):
    case = new_case()
    [row] = rows()
    assert (row.event, row.audience, row.case_number) == ("received", "resident", case.number)
    assert row.status == PENDING
    assert row.attempts == 0


def test_the_event_is_rolled_back_with_the_change(new_case, rows):
    new_case()
    db.session.rollback()
    assert rows() == []


def test_the_event_survives_when_the_change_commits(new_case, rows):
    new_case()
    db.session.commit()
    db.session.remove()
    assert [row.event for row in rows()] == ["received"]


def test_the_outbox_holds_no_bsn(new_case, rows):
    new_case()
    [row] = rows()
    stored = json.dumps(
        {column.name: str(getattr(row, column.name)) for column in row.__table__.columns}
    )
    assert BSN not in stored
    assert row.recipient and row.recipient != BSN


def test_a_team_event_goes_to_the_team_mailbox(new_case, party, rows):
    case = new_case()
    enqueue(
        "deadline_at_risk",
        case=case,
        party=party(),
        payload={"recipient": "team", "team_email": "parkeren@voorbeeld.example"},
    )
    assert rows()[-1].audience == "team"


def test_an_email_confirmation_needs_no_case(party, rows):
    enqueue(
        "email_confirmation",
        case=None,
        party=party(),
        payload={"email": "nieuw@example.org", "link": "http://x/bevestig/abc", "language": "en"},
    )
    [row] = rows()
    assert (row.audience, row.case_number, row.language) == ("address", None, "en")
    assert "language" not in row.payload


@pytest.mark.parametrize(
    ("event", "with_case", "payload"),
    [
        ("something_else", True, {}),
        ("status_changed", False, {}),
        ("email_confirmation", False, {"email": "a@example.org"}),
        ("deadline_missed", True, {"recipient": "team"}),
    ],
)
def test_a_wrong_event_is_refused(new_case, party, event, with_case, payload):
    case = new_case() if with_case else None
    with pytest.raises(ValueError):
        enqueue(event, case=case, party=party(), payload=payload)
