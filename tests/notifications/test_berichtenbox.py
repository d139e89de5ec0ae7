"""Status changes, information requests and decisions also land in the Berichtenbox, once."""

from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.auth.principal import Party
from portal.cases import creation as case_creation
from portal.cases import handling as case_handling
from portal.cases import resident_services
from portal.cases import services as case_services
from portal.cases.models import Message
from portal.extensions import db
from portal.notifications import berichtenbox
from tests.notifications.conftest import BSN
from tests.support import principals


def _messages(case) -> list[Message]:
    db.session.expire_all()
    return list(
        db.session.scalars(select(Message).where(Message.case_id == case.id).order_by(Message.id))
    )


def _staff():
    return principals.staff("Maria Visser", "parkeren")


def test_a_status_change_becomes_an_unread_message(new_case):
    case = new_case()
    case_handling.change_status(case, "in_behandeling", "Wij controleren uw kenteken.", _staff())
    db.session.commit()

    [message] = _messages(case)
    assert (message.kind, message.direction, message.read_at) == ("status", "out", None)
    assert message.body == (
        "De status van uw zaak is nu: In behandeling. Wij controleren uw kenteken."
    )
    assert message.sender_label == "Maria Visser"
    assert message.event_key == f"status:{case.history[-1].id}"


def test_an_information_request_becomes_a_message_with_its_question(new_case):
    case = new_case()
    due = case_services.today() + timedelta(days=14)
    task = case_handling.request_information(case, "Stuur een kopie van uw huurcontract.", due)
    db.session.commit()

    [message] = _messages(case)
    assert message.kind == "task" and message.event_key == f"task:{task.id}"
    assert message.body.startswith("Stuur een kopie van uw huurcontract. Wij willen uw antwoord")


def test_a_decision_becomes_a_message_with_the_result_and_why(new_case):
    case = new_case()
    case_handling.close_case(case, "afgewezen", "Uw auto staat niet op uw naam.", _staff())
    db.session.commit()

    [message] = _messages(case)
    assert message.kind == "decision"
    assert message.body == (
        "Wij hebben een besluit genomen. De uitkomst is: Afgewezen. Uw auto staat niet op uw naam."
    )


def test_a_later_expected_date_says_so(new_case):
    case = new_case()
    later = case.expected_completion + timedelta(days=10)
    case_handling.extend_deadline(case, later, "Wij wachten op de RDW.", _staff())
    db.session.commit()

    [message] = _messages(case)
    assert message.kind == "status"
    assert message.body.startswith("Het duurt langer.")
    assert message.body.endswith("Wij wachten op de RDW.")


def test_the_same_change_is_written_once(new_case):
    case = new_case()
    case_handling.change_status(case, "in_behandeling", None, _staff())
    payload = {"status": "in_behandeling"}
    again = berichtenbox.record("status_changed", case, payload)
    db.session.commit()

    [message] = _messages(case)
    assert again.id == message.id


def test_the_database_refuses_a_second_copy_of_one_change(new_case):
    case = new_case()
    case_handling.change_status(case, "in_behandeling", None, _staff())
    [message] = case.messages
    case.messages.append(
        Message(
            direction="out",
            kind="status",
            event_key=message.event_key,
            body="copy",
            sender_label="x",
            created_at=message.created_at,
        )
    )
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_a_written_message_is_not_doubled(new_case):
    case = new_case()
    case_handling.send_message(case, "Uw vergunning is klaar.", _staff())
    db.session.commit()
    assert [m.kind for m in _messages(case)] == ["message"]


def test_a_party_without_an_account_gets_nothing_in_a_berichtenbox():
    from portal.cases.anonymous import anonymous_party

    case = case_creation.create_case(
        product_slug="parkeervergunning-bewoners",
        party=anonymous_party("seed-1"),
        actor=None,
        answers={},
        idempotency_key="anonymous-1",
    )
    case_handling.change_status(case, "in_behandeling", None, _staff())
    db.session.commit()
    assert _messages(case) == []


def test_the_team_mail_writes_no_message(new_case):
    case = new_case()
    case_services.notify_team("case_reassigned", case)
    assert berichtenbox.record("status_changed", case, {"recipient": "team"}) is None
    db.session.commit()
    assert _messages(case) == []


def test_the_heading_follows_the_page_language(new_case, app):
    case = new_case()
    case_handling.close_case(case, "toegekend", None, _staff())
    db.session.commit()
    [message] = _messages(case)
    with app.test_request_context():
        assert berichtenbox.title(message) == "Besluit over Parkeervergunning voor bewoners"
        with force_locale("en"):
            assert berichtenbox.title(message).endswith("Parkeervergunning voor bewoners")


def test_marking_read_touches_only_the_shown_messages(new_case):
    case, other = new_case(), new_case()
    case_handling.change_status(case, "in_behandeling", None, _staff())
    shown = {m.id for m in case.messages}
    # Arrives after the page read the thread: not shown, so not read.
    case_handling.send_message(case, "Nog een vraag.", _staff())
    case_handling.change_status(other, "in_behandeling", None, _staff())
    db.session.commit()

    assert resident_services.mark_shown_read(case, shown) == 1
    db.session.commit()

    read = {m.id: m.read_at is not None for m in _messages(case) + _messages(other)}
    assert [read[i] for i in sorted(read)] == [True, False, False]


def test_marking_read_ignores_ids_of_another_case(new_case):
    case, other = new_case(), new_case()
    case_handling.change_status(other, "in_behandeling", None, _staff())
    db.session.commit()
    assert resident_services.mark_shown_read(case, {m.id for m in other.messages}) == 0


def test_messages_count_in_the_residents_inbox(new_case):
    case = new_case()
    case_handling.change_status(case, "in_behandeling", None, _staff())
    case_handling.request_information(case, "Stuur een foto.", None)
    db.session.commit()
    assert case_services.party_of(case) == Party("person", BSN)
    assert resident_services.unread_count(principals.resident(BSN)) == 2
