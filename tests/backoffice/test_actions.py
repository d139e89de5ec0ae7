"""Staff actions: each goes through the cases services, tells the resident, and is audited;
a mistake is shown next to the field with everything typed kept."""

import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.cases import handling as case_handling
from portal.cases import services as case_services
from portal.extensions import db
from portal.notifications.models import OutboxEvent

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def maria(sign_in, handler):
    """Maria Visser of team Burgerzaken, signed in."""
    sign_in("behandelaar")
    return handler("behandelaar")


@pytest.fixture
def case(new_case):
    made = new_case()
    db.session.commit()
    return made


def _events(name: str) -> list[OutboxEvent]:
    return list(db.session.scalars(select(OutboxEvent).where(OutboxEvent.event == name)))


def _date_parts(day) -> dict:
    return {"due-day": day.day, "due-month": day.month, "due-year": day.year}


def test_assign_to_me(client, maria, case, audit):
    response = client.post_form(
        f"/medewerkers/zaken/{case.number}/aan-mij", page=f"/medewerkers/zaken/{case.number}"
    )
    assert response.status_code == 302
    db.session.refresh(case)
    assert case.handler_name == "Maria Visser"
    assert ("backoffice.case_assigned", "success", case.number) in audit


def test_assign_to_a_colleague(client, maria, handler, new_case, case):
    earlier = new_case()
    case_handling.assign(earlier, handler("Joris Bos"))
    db.session.commit()

    page = client.get(f"/medewerkers/zaken/{case.number}/toewijzen").get_data(as_text=True)
    assert "Maria Visser (ik)" in page and "Joris Bos" in page
    client.post_form(f"/medewerkers/zaken/{case.number}/toewijzen", {"handler": "joris-bos"})

    db.session.refresh(case)
    assert case.handler_name == "Joris Bos"


def test_change_status_with_a_note_for_the_resident(client, maria, case, audit):
    response = client.post_form(
        f"/medewerkers/zaken/{case.number}/status",
        {"status": "in_behandeling", "note": "Wij controleren uw nieuwe adres."},
    )
    assert response.status_code == 302
    db.session.refresh(case)
    assert case.status == "in_behandeling"
    assert case.history[-1].note_for_resident == "Wij controleren uw nieuwe adres."
    assert len(_events("status_changed")) == 1
    assert ("backoffice.status_changed", "success", case.number) in audit


def test_a_status_form_without_a_choice_shows_the_error_and_keeps_the_note(client, maria, case):
    response = client.post_form(f"/medewerkers/zaken/{case.number}/status", {"note": "Mijn uitleg"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<title>Fout: " in html
    assert "Er is een probleem" in html and 'href="#status-0"' in html
    assert "Mijn uitleg" in html
    db.session.refresh(case)
    assert case.status == "ontvangen"


def test_request_information_creates_a_task(client, maria, case, audit):
    due = case_services.today() + timedelta(days=14)
    client.post_form(
        f"/medewerkers/zaken/{case.number}/informatie",
        {"text": "Stuur ons een kopie van uw huurcontract.", **_date_parts(due)},
    )
    db.session.refresh(case)
    [task] = case.tasks
    assert (task.text, task.due) == ("Stuur ons een kopie van uw huurcontract.", due)
    assert case.status == "wacht_op_u"
    assert len(_events("task")) == 1
    assert ("backoffice.information_requested", "success", case.number) in audit


def test_a_due_date_in_the_past_is_refused_next_to_the_date(client, maria, case):
    past = case_services.today() - timedelta(days=1)
    response = client.post_form(
        f"/medewerkers/zaken/{case.number}/informatie", {"text": "Kopie", **_date_parts(past)}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Deze datum is al voorbij" in html and 'href="#due-day"' in html
    db.session.refresh(case)
    assert case.tasks == []


def test_send_a_message(client, maria, case, audit):
    client.post_form(f"/medewerkers/zaken/{case.number}/bericht", {"body": "Wij bellen u morgen."})
    db.session.refresh(case)
    assert [(m.direction, m.body) for m in case.messages] == [("out", "Wij bellen u morgen.")]
    assert len(_events("message")) == 1
    assert ("backoffice.message_sent", "success", case.number) in audit


def test_an_empty_message_is_refused(client, maria, case):
    response = client.post_form(f"/medewerkers/zaken/{case.number}/bericht", {"body": "   "})
    assert response.status_code == 422
    assert "Typ uw bericht" in response.get_data(as_text=True)


def test_attach_a_decision_letter(client, maria, case, audit):
    response = client.post_form(
        f"/medewerkers/zaken/{case.number}/document",
        {"kind": "besluit", "upload": (io.BytesIO(PDF), "besluit.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    db.session.refresh(case)
    decision = case.documents[-1]
    assert (decision.kind, decision.name, decision.content_type) == (
        "besluit",
        "besluit.pdf",
        "application/pdf",
    )
    download = client.get(f"/medewerkers/zaken/{case.number}/documenten/{decision.id}")
    assert download.data == PDF
    assert ("backoffice.document_attached", "success", case.number) in audit
    assert ("backoffice.document_downloaded", "success", case.number) in audit


def test_a_file_is_typed_by_its_content_not_its_name(client, maria, case):
    response = client.post_form(
        f"/medewerkers/zaken/{case.number}/document",
        {"kind": "besluit", "upload": (io.BytesIO(b"MZ not a pdf"), "besluit.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "Dit bestand kunnen wij niet openen" in response.get_data(as_text=True)
    db.session.refresh(case)
    assert [d.kind for d in case.documents] == ["ontvangstbevestiging"]


def test_a_refusal_needs_a_reason(client, maria, case):
    response = client.post_form(
        f"/medewerkers/zaken/{case.number}/afronden", {"result": "afgewezen"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'href="#reason"' in html and "Leg uit waarom" in html
    db.session.refresh(case)
    assert not case.is_closed


def test_close_with_a_result_and_a_reason(client, maria, case, audit):
    client.post_form(
        f"/medewerkers/zaken/{case.number}/afronden",
        {"result": "afgewezen", "reason": "U woont niet in onze gemeente. Meld u bij uw gemeente."},
    )
    db.session.refresh(case)
    assert case.is_closed and case.result == "afgewezen"
    assert case.result_reason.startswith("U woont niet")
    assert len(_events("case_closed")) == 1
    assert ("backoffice.case_closed", "success", case.number) in audit
    # A closed case shows no more actions.
    html = client.get(f"/medewerkers/zaken/{case.number}").get_data(as_text=True)
    assert "Status wijzigen" not in html


def test_a_closed_case_cannot_be_changed(client, maria, case):
    case_handling.close_case(case, "toegekend", None, None)
    db.session.commit()
    response = client.post_form(f"/medewerkers/zaken/{case.number}/bericht", {"body": "Nog iets"})
    assert response.status_code == 302  # a message after closing is allowed: it explains
    response = client.post_form(
        f"/medewerkers/zaken/{case.number}/status", {"status": "in_behandeling"}
    )
    assert response.status_code == 422
    assert "al afgerond" in response.get_data(as_text=True)


def test_a_new_date_with_the_reason(client, maria, case, audit):
    new_date = case.expected_completion + timedelta(days=7)
    client.post_form(
        f"/medewerkers/zaken/{case.number}/termijn",
        {
            "new_date-day": new_date.day,
            "new_date-month": new_date.month,
            "new_date-year": new_date.year,
            "reason": "Wij wachten op gegevens van uw vorige gemeente.",
        },
    )
    db.session.refresh(case)
    assert case.expected_completion == new_date
    assert case.delay_reason == "Wij wachten op gegevens van uw vorige gemeente."
    assert ("backoffice.deadline_extended", "success", case.number) in audit
