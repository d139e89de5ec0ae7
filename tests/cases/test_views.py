"""Mijn zaken and the Berichtenbox through the browser's eyes (test client)."""

import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from portal.cases import handling
from portal.components import clock
from portal.extensions import db
from tests.cases.conftest import HENK

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def text_of(response) -> str:
    return " ".join(BeautifulSoup(response.get_data(as_text=True), "html.parser").stripped_strings)


@pytest.fixture
def fatima(sign_in):
    sign_in("inwoner")


@pytest.fixture
def parking_case(new_case, handler):
    case = new_case("parkeervergunning-bewoners")
    handling.assign(case, handler("Maria Visser", "parkeren"))
    handling.change_status(case, "in_behandeling", "Wij controleren uw kenteken.", handler())
    db.session.commit()
    return case


def test_signed_out_goes_to_sign_in(client, parking_case):
    for url in ("/mijn-zaken", f"/mijn-zaken/{parking_case.number}", "/berichten"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/inloggen")


def test_staff_cannot_open_mijn_zaken(client, sign_in, parking_case):
    sign_in("behandelaar")
    assert client.get("/mijn-zaken").status_code == 403


def test_the_list_shows_the_case_with_status_and_date(client, fatima, parking_case):
    response = client.get("/mijn-zaken")
    assert response.status_code == 200
    page = text_of(response)
    assert parking_case.number in page
    assert "In behandeling" in page
    assert "Lopende zaken (1)" in page and "Afgeronde zaken (0)" in page


def test_the_closed_tab_lists_closed_cases(client, fatima, parking_case, handler):
    handling.close_case(parking_case, "toegekend", None, handler())
    db.session.commit()
    assert parking_case.number not in text_of(client.get("/mijn-zaken"))
    assert parking_case.number in text_of(client.get("/mijn-zaken?toon=afgerond"))


def test_the_case_page_shows_timeline_next_step_and_handler(client, fatima, parking_case):
    page = text_of(client.get(f"/mijn-zaken/{parking_case.number}"))
    assert "Wat gebeurt er nu?" in page
    assert "Een medewerker werkt aan uw aanvraag." in page
    assert "Wij controleren uw kenteken." in page
    assert "Maria Visser van Team Parkeren behandelt uw zaak." in page
    assert "Ontvangstbevestiging" in page


def test_someone_elses_case_is_not_found(client, sign_in, parking_case):
    sign_in("inwoner-midden")
    assert client.get(f"/mijn-zaken/{parking_case.number}").status_code == 404
    receipt = parking_case.documents[0]
    url = f"/mijn-zaken/{parking_case.number}/documenten/{receipt.id}"
    assert client.get(url).status_code == 404


def test_a_representative_outside_the_mandate_gets_not_found(client, sign_in, new_case, make_party):
    henk = make_party("person", HENK)
    covered = new_case("hulp-bij-het-huishouden", party=henk)
    outside = new_case("parkeervergunning-bewoners", party=henk)
    db.session.commit()
    sign_in("dochter-namens-vader")
    assert client.get(f"/mijn-zaken/{covered.number}").status_code == 200
    assert client.get(f"/mijn-zaken/{outside.number}").status_code == 404
    listed = text_of(client.get("/mijn-zaken"))
    assert covered.number in listed and outside.number not in listed


def test_a_representatives_use_of_the_mandate_is_audited(client, sign_in, new_case, make_party):
    from sqlalchemy import select

    from portal.auth.models import AuditEvent

    covered = new_case("hulp-bij-het-huishouden", party=make_party("person", HENK))
    db.session.commit()
    sign_in("dochter-namens-vader")
    client.get(f"/mijn-zaken/{covered.number}")
    used = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "mandate.used"))
    assert [event.target for event in used] == ["hulp-bij-het-huishouden"]


def test_a_company_sees_its_branch_and_not_another(client, sign_in, new_case, make_party):
    own = new_case("terrasvergunning", party=make_party("company", "90001234", "000012345678"))
    other = new_case("terrasvergunning", party=make_party("company", "90001234", "000012345679"))
    db.session.commit()
    sign_in("ondernemer")
    listed = text_of(client.get("/mijn-zaken"))
    assert own.number in listed and other.number not in listed
    assert client.get(f"/mijn-zaken/{other.number}").status_code == 404


def test_the_receipt_downloads_as_a_pdf(client, fatima, parking_case):
    receipt = parking_case.documents[0]
    response = client.get(f"/mijn-zaken/{parking_case.number}/documenten/{receipt.id}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert "attachment" in response.headers["Content-Disposition"]
    # Issue 14, item 11: a personal document is never stored by a cache, the browser's too.
    assert response.headers["Cache-Control"] == "no-store"


def test_sending_a_message(client, fatima, parking_case):
    url = f"/mijn-zaken/{parking_case.number}/bericht"
    response = client.post_form(
        url, {"body": "Mag ik de auto van mijn man gebruiken?"}, page=url.rsplit("/", 1)[0]
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert parking_case.messages[-1].direction == "in"
    follow = text_of(client.get(response.headers["Location"]))
    assert "Wij hebben uw bericht ontvangen." in follow


def test_an_empty_message_shows_the_error_pattern(client, fatima, parking_case):
    detail = f"/mijn-zaken/{parking_case.number}"
    response = client.post_form(f"{detail}/bericht", {"body": "   "}, page=detail)
    assert response.status_code == 422
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.title.get_text().startswith("Fout: ")
    assert "Er is een probleem" in soup.get_text()
    assert soup.find("a", href="#body").get_text() == "Typ uw bericht"
    assert soup.find("textarea", id="body")["aria-invalid"] == "true"


def test_completing_a_task_with_a_file(client, fatima, parking_case, handler):
    task = handling.request_information(
        parking_case, "Stuur een kopie van uw kentekenbewijs.", None
    )
    db.session.commit()
    url = f"/mijn-zaken/{parking_case.number}/taken/{task.id}"
    assert "Stuur een kopie van uw kentekenbewijs." in text_of(client.get(url))
    response = client.post_form(
        url,
        {"answer": "Hierbij", "upload": (io.BytesIO(PDF), "kenteken.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert task.completed_at is not None
    assert task.answer_document.name == "kenteken.pdf"
    download = client.get(f"/mijn-zaken/{parking_case.number}/documenten/{task.answer_document.id}")
    assert download.data == PDF
    assert download.headers["Cache-Control"] == "no-store"


def test_a_wrong_file_keeps_the_typed_answer(client, fatima, parking_case):
    task = handling.request_information(parking_case, "Stuur een kopie.", None)
    db.session.commit()
    url = f"/mijn-zaken/{parking_case.number}/taken/{task.id}"
    response = client.post_form(
        url,
        {"answer": "Mijn tekst", "upload": (io.BytesIO(b"MZ\x90\x00"), "virus.exe")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    page = text_of(response)
    assert "Kies een PDF, JPG of PNG." in page
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.find("textarea", id="answer").get_text().strip() == "Mijn tekst"
    db.session.expire_all()
    assert task.completed_at is None


def test_feedback_is_asked_once_after_closing(client, fatima, parking_case, handler):
    handling.close_case(parking_case, "afgewezen", "Uw auto staat niet op uw naam.", handler())
    db.session.commit()
    detail = f"/mijn-zaken/{parking_case.number}"
    page = text_of(client.get(detail))
    assert "Waarom: Uw auto staat niet op uw naam." in page
    assert "Wat vond u ervan?" in page
    missing = client.post_form(f"{detail}/beoordeling", {"comment": "x"}, page=detail)
    assert missing.status_code == 422
    assert "Kies een cijfer van 1 tot en met 10" in text_of(missing)
    given = client.post_form(f"{detail}/beoordeling", {"mark": "7"}, page=detail)
    assert given.status_code == 302
    page = text_of(client.get(detail))
    assert "U gaf ons een 7." in page
    assert "Cijfer versturen" not in page


def test_the_inbox_counts_unread_and_opening_reads(client, fatima, parking_case, handler):
    message = handling.send_message(parking_case, "Uw vergunning is klaar.", handler())
    db.session.commit()
    inbox = text_of(client.get("/berichten"))
    # The message, and the status change of the fixture (it is in the Berichtenbox too).
    assert "U heeft 2 ongelezen berichten." in inbox
    opened = text_of(client.get(f"/berichten/{message.id}"))
    assert "Uw vergunning is klaar." in opened
    assert "U heeft 1 ongelezen bericht." in text_of(client.get("/berichten"))


def test_a_message_of_another_person_is_not_found(client, sign_in, parking_case, handler):
    message = handling.send_message(parking_case, "Privé", handler())
    db.session.commit()
    sign_in("inwoner-midden")
    assert client.get(f"/berichten/{message.id}").status_code == 404


def test_a_late_task_due_date_is_shown(client, fatima, parking_case):
    due = clock.today() + timedelta(days=14)
    handling.request_information(parking_case, "Stuur een kopie.", due)
    db.session.commit()
    page = text_of(client.get(f"/mijn-zaken/{parking_case.number}"))
    assert "Wat u nog moet doen" in page and "Graag vóór" in page


def test_the_header_shows_the_unread_count(client, fatima, parking_case, handler):
    handling.send_message(parking_case, "Nieuw", handler())
    db.session.commit()
    header = BeautifulSoup(client.get("/").get_data(as_text=True), "html.parser").header
    link = header.find("a", href="/berichten")
    # The message and the fixture's status change.
    assert " ".join(link.stripped_strings) == "Berichtenbox 2 ongelezen"
    client.get(f"/mijn-zaken/{parking_case.number}")
    header = BeautifulSoup(client.get("/").get_data(as_text=True), "html.parser").header
    assert " ".join(header.find("a", href="/berichten").stripped_strings) == "Berichtenbox"


def test_the_header_has_no_berichtenbox_when_signed_out(client):
    header = BeautifulSoup(client.get("/").get_data(as_text=True), "html.parser").header
    assert header.find("a", href="/berichten") is None


def test_a_mark_link_from_the_closing_email_opens_the_form_with_that_mark(
    client, fatima, parking_case, handler
):
    handling.close_case(parking_case, "toegekend", None, handler())
    db.session.commit()
    page = client.get(f"/mijn-zaken/{parking_case.number}?cijfer=8")
    soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    [checked] = soup.find_all("input", attrs={"name": "mark", "checked": True})
    assert checked["value"] == "8"
    db.session.expire_all()
    assert parking_case.feedback is None  # opening the link gives no mark by itself


def test_a_late_case_says_so_and_why(client, fatima, parking_case, handler):
    parking_case.expected_completion = clock.today() - timedelta(days=10)
    db.session.commit()
    detail = f"/mijn-zaken/{parking_case.number}"
    assert "Het duurt langer dan afgesproken. Dat spijt ons." in text_of(client.get(detail))
    handling.extend_deadline(
        parking_case, clock.today() + timedelta(days=10), "Wij wachten op de RDW.", handler()
    )
    db.session.commit()
    page = text_of(client.get(detail))
    assert "Het duurt langer dan afgesproken. De reden: Wij wachten op de RDW." in page
    assert "Dat spijt ons." not in page
