"""Recording a contact: the row, its audit event, no long numbers in the note, calm errors,
and "Mijn contacten vandaag" with a first-contact percentage checked against our own count."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.auth.models import AuditEvent
from portal.extensions import db
from portal.knowledge import contacts
from portal.knowledge.models import Contact
from tests.knowledge.conftest import PASSPORT

KB = "/medewerkers/kennisbank"
PRODUCT = f"{KB}/product/{PASSPORT}"


@pytest.fixture
def kcc(client, sign_in, knowledge):
    sign_in("klantcontact")
    return client


def _rows() -> list[Contact]:
    return list(db.session.scalars(select(Contact).order_by(Contact.id)))


def _post(client, url, **fields):
    data = {"answered": "ja", "channel": "phone", "follow_up": "none", **fields}
    return client.post_form(url, {k: v for k, v in data.items() if v is not None})


def test_recording_a_contact_writes_a_row_and_an_audit_event(kcc):
    response = _post(kcc, PRODUCT, channel="desk")
    assert response.status_code == 303
    [row] = _rows()
    assert (row.topic, row.team, row.channel) == (PASSPORT, "burgerzaken", "desk")
    assert row.answered_first_contact is True and row.follow_up == "none"
    assert row.staff_name == "Sem de Graaf"
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "knowledge.contact_recorded")
    ).all()
    assert [(e.result, e.target) for e in events] == [("allowed", PASSPORT)]
    assert events[0].actor.startswith("staff:")
    page = kcc.get(response.headers["Location"]).get_data(as_text=True)
    assert "Het contact is vastgelegd." in page


def test_faq_notice_and_search_contacts_get_their_topic(kcc):
    _post(kcc, f"{KB}/vraag-en-antwoord/paspoort-kwijt")
    _post(kcc, f"{KB}/mededeling/kerst-gesloten")
    _post(kcc, f"{KB}/?q=paspoort", answered="nee")
    assert [(r.topic, r.team) for r in _rows()] == [
        ("faq:paspoort-kwijt", "burgerzaken"),
        ("notice:kerst-gesloten", ""),
        ("", ""),
    ]


def test_a_follow_up_is_kept_with_its_number(kcc):
    _post(kcc, PRODUCT, answered="nee", follow_up="appointment", follow_up_ref=" a-2026-000045 ")
    [row] = _rows()
    assert (row.answered_first_contact, row.follow_up, row.follow_up_ref) == (
        False,
        "appointment",
        "A-2026-000045",
    )


def test_a_bsn_in_the_note_is_never_stored_nor_audited(kcc):
    _post(kcc, PRODUCT, note="Beller gaf BSN 123456782 en IBAN 1234 5678 90\x00 door")
    [row] = _rows()
    assert "123456782" not in row.note and "5678" not in row.note and "\x00" not in row.note
    assert row.note.startswith("Beller gaf BSN") and row.note.endswith("door")
    details = " ".join(e.detail + e.target for e in db.session.scalars(select(AuditEvent)))
    assert "123456782" not in details and "Beller" not in details


@pytest.mark.parametrize(
    ("fields", "field_id", "message"),
    [
        ({"answered": None}, "answered", "Kies of de vraag in één keer is beantwoord"),
        ({"answered": "misschien"}, "answered", ""),
        ({"channel": "fax"}, "channel", ""),
        ({"follow_up": "case"}, "follow_up", "heeft geen vervolg"),
        ({"answered": "nee", "follow_up_ref": "123456782"}, "follow_up_ref", "Z-2026-000123"),
        ({"note": "x" * 10_000}, "note", "te lang"),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_nothing_is_stored(kcc, fields, field_id, message):
    response = _post(kcc, PRODUCT, **fields)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.title.get_text().startswith("Fout: ")
    assert soup.select_one(".error-summary") is not None
    assert soup.select_one(f"#{field_id}-error") is not None
    assert message in soup.select_one(f"#{field_id}-error").get_text()
    assert _rows() == []


def test_a_long_note_is_kept_on_the_page_after_an_error(kcc):
    note = "Beller wil weten wanneer de pas klaar is. " * 10
    response = _post(kcc, PRODUCT, answered=None, note=note)
    assert response.status_code == 422
    assert note.strip() in response.get_data(as_text=True)


def test_my_contacts_today_counts_first_contact_resolution(kcc, app):
    answers = ["ja", "ja", "nee", "ja", "nee", "ja", "ja"]
    for answer in answers:
        _post(kcc, PRODUCT, answered=answer, channel="phone" if answer == "ja" else "chat")
    me = _rows()[0].staff_ref
    # Not mine or not today: left out.
    db.session.add_all(
        [
            Contact(
                channel="desk",
                topic="x",
                team="",
                answered_first_contact=False,
                follow_up="none",
                staff_ref="staff:iemand-anders",
                staff_name="Ander",
                created_at=contacts.now(),
            ),
            Contact(
                channel="desk",
                topic="x",
                team="",
                answered_first_contact=False,
                follow_up="none",
                staff_ref=me,
                staff_name="Sem de Graaf",
                created_at=contacts.now() - timedelta(days=2),
            ),
        ]
    )
    db.session.commit()

    answered = answers.count("ja")
    expected_percent = round(100 * answered / len(answers))  # 5 of 7 → 71
    assert expected_percent == 71
    html = kcc.get(f"{KB}/mijn-contacten").get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    assert f"{answered} van {len(answers)} ({expected_percent}%)" in soup.get_text()
    assert len(soup.select("main tbody tr")) == len(answers)
    assert "Telefoon: 5" in soup.get_text() and "Chat: 2" in soup.get_text()


def test_my_contacts_is_calm_without_contacts(kcc):
    html = kcc.get(f"{KB}/mijn-contacten").get_data(as_text=True)
    assert "nog geen contacten" in html


def test_the_day_follows_amsterdam_not_utc():
    from datetime import date, datetime

    start, end = contacts.day_bounds(date(2026, 7, 1))
    assert (start, end) == (datetime(2026, 6, 30, 22, 0), datetime(2026, 7, 1, 22, 0))
