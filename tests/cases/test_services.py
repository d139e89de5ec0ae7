"""Creating cases and moving them forward: numbers, norms, history, audit, notifications."""

import io
from datetime import date, datetime, timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from portal.cases import creation, handling, services
from portal.cases.creation import product_facts as catalogue_facts  # before the fixture
from portal.cases.models import Case, CaseEvent, CaseNumberCounter
from portal.cases.services import CaseError
from portal.components import clock
from portal.extensions import db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


class Upload:
    def __init__(self, data: bytes, filename: str = "besluit.pdf") -> None:
        self.stream = io.BytesIO(data)
        self.filename = filename


@pytest.fixture
def fixed_clock(monkeypatch):
    """Thursday 2 April 2026, 09:00 in Amsterdam: Easter is coming."""
    moment = {"now": datetime(2026, 4, 2, 7, 0)}
    for module in (services, creation, handling):
        monkeypatch.setattr(module, "now", lambda: moment["now"])
    return moment


def test_a_new_case_gets_a_readable_number_and_starts_as_received(new_case, fixed_clock):
    case = new_case()
    assert case.number == "Z-2026-000001"
    assert case.status == "ontvangen"
    assert [step.status for step in case.history] == ["ontvangen"]
    assert new_case().number == "Z-2026-000002"


def test_numbers_count_per_year(new_case, fixed_clock):
    new_case()
    fixed_clock["now"] = datetime(2027, 1, 4, 9, 0)
    assert new_case().number == "Z-2027-000001"
    counters = db.session.scalars(select(CaseNumberCounter).order_by(CaseNumberCounter.year))
    assert [(c.year, c.last) for c in counters] == [(2026, 1), (2027, 1)]


def test_expected_completion_counts_working_days_from_the_norm(new_case, fixed_clock):
    # Five working days from Thursday 2 April skip Good Friday, the weekend and Easter Monday.
    case = new_case("parkeervergunning-bewoners")
    assert case.norm_working_days == 5
    assert case.expected_completion == date(2026, 4, 13)
    assert case.team == "parkeren"


def test_a_product_without_norm_has_no_expected_date(new_case):
    assert new_case("vraag-over-woz").expected_completion is None


def test_a_retried_submission_returns_the_same_case(new_case, outbox):
    first = new_case(idempotency_key="draft-42")
    again = new_case(idempotency_key="draft-42")
    assert again.id == first.id
    assert db.session.scalar(select(db.func.count(Case.id))) == 1
    assert len(outbox.named("received")) == 1


def test_an_idempotency_key_of_someone_else_is_refused(new_case, make_party):
    new_case(idempotency_key="draft-42")
    with pytest.raises(CaseError):
        new_case(idempotency_key="draft-42", party=make_party("person", "999990111"))


def test_creating_enqueues_received_for_the_party(new_case, outbox, make_party):
    case = new_case()
    [(event, number, party, payload)] = outbox.events
    assert (event, number) == ("received", case.number)
    assert party == make_party()
    assert payload["expected"] == case.expected_completion.isoformat()


def test_create_case_only_flushes(new_case):
    case = new_case()
    db.session.rollback()
    assert db.session.get(Case, case.id) is None


def test_the_case_keeps_who_acted_for_whom(new_case, representative, make_party):
    case = new_case(
        "hulp-bij-het-huishouden",
        party=make_party("person", "999990111"),
        actor=representative(),
    )
    assert case.actor_kind == "representative"
    assert case.actor_label == "Sanne Bakker namens Henk Bakker"
    assert case.actor_pseudonym and "999990068" not in case.actor_pseudonym


def test_without_a_name_in_the_token_the_label_names_the_role_not_a_number(
    new_case, resident, representative, make_party
):
    from dataclasses import replace

    anonymous = replace(representative(), display_name="", represented_name="")
    case = new_case("hulp-bij-het-huishouden", party=make_party("person", "999990111"))
    handling.send_message(case, "Vraag", resident())
    handling.send_message(case, "Nog een vraag", anonymous)
    assert [m.sender_label for m in case.messages] == ["De inwoner", "Een gemachtigde"]


def test_review_reason_is_kept_for_the_back_office_only(new_case):
    case = new_case(review_reason="adres wijkt af van de BRP")
    assert case.review_reason == "adres wijkt af van de BRP"
    assert case.status == "ontvangen"
    assert case.history[0].note_for_resident is None


def test_a_receipt_and_attachments_become_documents(new_case):
    attachment = {"name": "foto.jpg", "content_type": "image/jpeg", "size": 10, "path": "x/1.jpg"}
    case = new_case(attachments=[attachment])
    assert [d.kind for d in case.documents] == ["ontvangstbevestiging", "bijlage"]
    assert case.documents[1].name == "foto.jpg"


def test_assign_names_the_handler_and_is_audited(new_case, handler):
    case = new_case()
    assign_by = handler("Anouk Smits")
    handling.assign(case, handler(), actor=assign_by)
    assert case.handler_name == "Maria Visser"
    event = case.events[-1]
    assert (event.action, event.actor_label) == ("assigned", "Anouk Smits")


def test_change_status_keeps_the_note_and_notifies(new_case, handler, outbox):
    case = new_case()
    handling.change_status(case, "in_behandeling", "Wij kijken uw kenteken na.", handler())
    assert [s.status for s in case.history] == ["ontvangen", "in_behandeling"]
    assert case.history[-1].note_for_resident == "Wij kijken uw kenteken na."
    assert case.history[-1].actor_label == "Maria Visser"
    assert outbox.named("status_changed")[0][3]["status"] == "in_behandeling"
    assert case.events[-1].action == "status_changed"


def test_change_status_refuses_unknown_and_closing(new_case, handler):
    case = new_case()
    for status in ("onzin", "afgerond"):
        with pytest.raises(CaseError):
            handling.change_status(case, status, None, handler())


def test_request_information_creates_a_task_and_waits(new_case, handler, outbox):
    case = new_case()
    due = clock.today() + timedelta(days=10)
    task = handling.request_information(case, "Stuur ons een kopie van uw huurcontract.", due)
    assert task.id is not None and task.completed_at is None
    assert case.status == "wacht_op_u"
    assert case.open_tasks == [task]
    assert outbox.named("task")[0][3] == {
        "number": case.number,
        "product": case.product_slug,
        "task_id": task.id,
        "due": due.isoformat(),
    }


def test_request_information_needs_text_and_a_future_date(new_case):
    case = new_case()
    with pytest.raises(CaseError):
        handling.request_information(case, "  ", None)
    with pytest.raises(CaseError):
        handling.request_information(case, "Kopie", clock.today() - timedelta(days=1))


def test_a_staff_message_goes_out_and_notifies_without_content(new_case, handler, outbox):
    case = new_case()
    message = handling.send_message(case, "Uw vergunning is bijna klaar.", handler())
    assert message.direction == "out"
    payload = outbox.named("message")[0][3]
    assert "Uw vergunning" not in str(payload)


def test_a_resident_message_comes_in_without_notifying_the_resident(new_case, resident, outbox):
    case = new_case()
    message = handling.send_message(case, "Hoe lang duurt het nog?", resident())
    assert message.direction == "in"
    assert outbox.named("message") == []
    assert case.events[-1].action == "message_received"


def test_attach_document_checks_the_content(new_case, handler, app):
    case = new_case()
    document = handling.attach_document(case, Upload(PDF), "besluit", actor=handler())
    assert (document.kind, document.content_type, document.name) == (
        "besluit",
        "application/pdf",
        "besluit.pdf",
    )
    from portal.cases.files import FileRejected

    with pytest.raises(FileRejected) as refused:
        handling.attach_document(case, Upload(b"MZ\x90\x00 not a pdf", "virus.pdf"), "besluit")
    assert refused.value.reason == "type"


def test_close_with_a_no_needs_a_reason(new_case, handler):
    case = new_case()
    with pytest.raises(CaseError):
        handling.close_case(case, "afgewezen", "  ", handler())
    assert not case.is_closed


def test_close_case_records_the_result_and_asks_for_feedback(new_case, handler, outbox):
    case = new_case()
    handling.close_case(case, "afgewezen", "Uw auto staat niet op uw naam.", handler())
    assert case.is_closed and case.status == "afgerond"
    assert (case.result, case.result_reason) == ("afgewezen", "Uw auto staat niet op uw naam.")
    payload = outbox.named("case_closed")[0][3]
    assert payload["feedback_url"].endswith(f"/mijn-zaken/{case.number}#beoordeling")
    with pytest.raises(CaseError):
        handling.change_status(case, "in_behandeling", None, handler())


def test_extend_deadline_says_why(new_case, handler):
    case = new_case()
    later = case.expected_completion + timedelta(days=7)
    with pytest.raises(CaseError):
        handling.extend_deadline(case, later, "", handler())
    handling.extend_deadline(case, later, "Wij wachten op de RDW.", handler())
    assert case.expected_completion == later
    assert case.history[-1].note_for_resident == "Wij wachten op de RDW."


def test_every_staff_action_is_audited(new_case, handler):
    case = new_case()
    staff = handler()
    handling.assign(case, staff)
    handling.change_status(case, "in_behandeling", None, staff)
    handling.request_information(case, "Kopie paspoort", None, actor=staff)
    handling.send_message(case, "Dank u", staff)
    handling.attach_document(case, Upload(PNG, "foto.png"), "bijlage", actor=staff)
    handling.close_case(case, "toegekend", None, staff)
    actions = db.session.scalars(
        select(CaseEvent.action).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
    ).all()
    assert actions == [
        "created",
        "assigned",
        "status_changed",
        "information_requested",
        "message_sent",
        "document_added",
        "closed",
    ]


def test_team_queue_lists_open_cases_due_first(new_case, fixed_clock):
    late = new_case("uittreksel-brp")
    early = new_case("parkeervergunning-bewoners")
    assert services.team_queue("burgerzaken") == [late]
    assert services.team_queue("parkeren") == [early]


def test_the_notification_shares_the_transaction_of_the_change(new_case):
    from portal.notifications.models import OutboxEvent

    case = new_case()
    [row] = db.session.scalars(select(OutboxEvent)).all()
    assert (row.event, row.case_number) == ("received", case.number)
    db.session.rollback()
    assert db.session.scalars(select(OutboxEvent)).all() == []


def test_a_legal_term_in_weeks_ends_on_a_working_day(new_case, fixed_clock):
    # Six weeks after Thursday 2 April 2026 is Thursday 14 May: Ascension Day, so Friday.
    case = new_case("hulp-bij-het-huishouden")
    assert case.expected_completion == date(2026, 5, 15)
    assert (case.norm_weeks, case.team) == (6, "wmo")


def test_product_facts_come_from_the_catalogue(app):
    from portal.catalog import demo as catalog_demo

    catalog_demo.load()
    with force_locale("en"):  # stored with the case in Dutch, whatever the page's language
        terrace = catalogue_facts("terrasvergunning")
        extract = catalogue_facts("uittreksel-brp")
    upl = "http://standaarden.overheid.nl/owms/terms/"
    assert terrace == creation.ProductFacts(
        "Terrasvergunning", None, "vergunningen", 8, upl + "terrasvergunning", "N1"
    )
    assert extract == creation.ProductFacts(
        "Uittreksel BRP", 1, "burgerzaken", None, upl + "brpUittr", None
    )
    with pytest.raises(creation.UnknownProduct):
        catalogue_facts("bestaat-niet")
