"""From a product the staff member starts a question case or a call-back for the caller
(the contact is recorded with it, once), or opens the booking flow for the appointment."""

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.auth.models import AuditEvent
from portal.cases.anonymous import is_anonymous
from portal.cases.models import Case
from portal.extensions import db
from portal.knowledge.models import Contact
from portal.questions.models import Callback
from tests.knowledge.conftest import PASSPORT

KB = "/medewerkers/kennisbank"
CASE_URL = f"{KB}/product/{PASSPORT}/zaak"
CALLBACK_URL = f"{KB}/product/{PASSPORT}/terugbellen"


@pytest.fixture
def kcc(client, sign_in, knowledge):
    sign_in("klantcontact")
    return client


def _hidden(client, url: str, name: str) -> str:
    soup = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
    return soup.find("input", attrs={"name": name})["value"]


def _case_form(kcc, **fields):
    data = {
        "key": _hidden(kcc, CASE_URL, "key"),
        "question": "Kan mijn dochter met mijn paspoort reizen?",
        "name": "Jan Jansen",
        "answer_by": "email",
        "email": "jan@voorbeeld.nl",
        "phone": "",
        "channel": "phone",
    }
    data.update(fields)
    return data


def test_starting_a_case_files_a_question_for_the_products_team(kcc):
    data = _case_form(kcc)
    response = kcc.post_form(CASE_URL, data)
    assert response.status_code == 303
    [case] = db.session.scalars(select(Case)).all()
    assert case.product_slug == "algemene-vraag"
    assert case.team == "burgerzaken"
    assert is_anonymous(case.party_kind)
    assert case.answers["Onderwerp"] == "Paspoort of ID-kaart aanvragen"
    assert "Jan Jansen" in case.answers["Vraag"]
    assert case.contact["email"] == "jan@voorbeeld.nl"
    [contact] = db.session.scalars(select(Contact)).all()
    assert (contact.follow_up, contact.follow_up_ref, contact.answered_first_contact) == (
        "case",
        case.number,
        False,
    )
    assert (contact.topic, contact.team) == (PASSPORT, "burgerzaken")
    actions = {e.action for e in db.session.scalars(select(AuditEvent))}
    assert {"knowledge.case_started", "knowledge.contact_recorded"} <= actions
    page = kcc.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Zaak {case.number} is gestart" in page

    # The same form sent again (back button, double click): no second case or contact.
    again = kcc.post_form(CASE_URL, data)
    assert again.status_code == 303
    assert len(db.session.scalars(select(Case)).all()) == 1
    assert len(db.session.scalars(select(Contact)).all()) == 1


@pytest.mark.parametrize(
    ("fields", "field_id"),
    [
        ({"name": ""}, "name"),
        ({"question": ""}, "question"),
        ({"answer_by": "email", "email": ""}, "email"),
        ({"answer_by": "telefoon", "phone": ""}, "phone"),
        ({"answer_by": "telefoon", "phone": "12"}, "phone"),
        ({"email": "geen-adres"}, "email"),
        ({"question": "x" * 10_000}, "question"),
        ({"name": "\x00" * 50}, "name"),
    ],
)
def test_a_case_form_with_bad_input_stores_nothing(kcc, fields, field_id):
    response = kcc.post_form(CASE_URL, _case_form(kcc, **fields))
    assert response.status_code == 422
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.select_one(f"#{field_id}-error") is not None
    assert db.session.scalars(select(Case)).all() == []
    assert db.session.scalars(select(Contact)).all() == []


def test_a_bsn_in_the_question_does_not_reach_the_case(kcc):
    kcc.post_form(CASE_URL, _case_form(kcc, question="Mijn BSN is 123456782, waar is mijn pas?"))
    [case] = db.session.scalars(select(Case)).all()
    assert "123456782" not in case.answers["Vraag"]


def test_a_call_back_is_booked_in_an_offered_window(kcc):
    soup = BeautifulSoup(kcc.get(CALLBACK_URL).get_data(as_text=True), "html.parser")
    window = soup.find("input", attrs={"name": "window"})["value"]
    data = {
        "key": soup.find("input", attrs={"name": "key"})["value"],
        "name": "Jan Jansen",
        "phone": "06 12345678",
        "email": "",
        "window": window,
        "note": "Wil weten of hij een afspraak nodig heeft.",
        "channel": "desk",
    }
    response = kcc.post_form(CALLBACK_URL, data)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    [callback] = db.session.scalars(select(Callback)).all()
    case = db.session.get(Case, callback.case_id)
    assert (callback.phone, callback.topic) == ("+31612345678", PASSPORT)
    assert case.product_slug == "terugbelverzoek"
    assert "Jan Jansen" in case.answers["Toelichting"]
    assert case.actor_label == "Sem de Graaf"
    [contact] = db.session.scalars(select(Contact)).all()
    assert (contact.follow_up, contact.follow_up_ref, contact.channel) == (
        "callback",
        case.number,
        "desk",
    )
    kcc.post_form(CALLBACK_URL, data)
    assert len(db.session.scalars(select(Callback)).all()) == 1


def test_a_call_back_without_a_window_or_phone_is_refused(kcc):
    key = _hidden(kcc, CALLBACK_URL, "key")
    response = kcc.post_form(
        CALLBACK_URL,
        {"key": key, "name": "Jan", "phone": "", "window": "2020-01-01_1", "channel": "phone"},
    )
    assert response.status_code == 422
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.select_one("#phone-error") is not None
    assert soup.select_one("#window-error") is not None
    assert db.session.scalars(select(Callback)).all() == []


def test_the_appointment_button_opens_the_booking_flow_for_staff(kcc):
    soup = BeautifulSoup(kcc.get(f"{KB}/product/{PASSPORT}").get_data(as_text=True), "html.parser")
    link = soup.find("a", string="Afspraak maken")
    assert link is not None and link["href"] == "/afspraak/paspoort-id-aanvragen"
    assert kcc.get(link["href"]).status_code == 200


def test_an_appointment_that_needs_digid_is_not_offered_as_a_button(kcc):
    html = kcc.get(f"{KB}/product/hulp-bij-het-huishouden").get_data(as_text=True)
    assert "Afspraak maken" not in html
    assert "alleen met DigiD" in html
