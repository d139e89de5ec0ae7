"""Passing a question on: to another team (the resident is told, the new team is mailed) and
warmly to a partner (who, how, by when; our case closes as "doorgestuurd")."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.auth.models import AuditEvent
from portal.cases import services as cases
from portal.cases.models import CaseEvent
from portal.extensions import db
from portal.notifications.compose import compose, recipient_for
from portal.notifications.models import OutboxEvent
from tests.questions.ask_support import (  # noqa: F401 - fixtures
    all_cases,
    catalogue,
    patient,
    send,
    soup,
    text_of,
)
from tests.support.principals import resident, sign_in_principal, staff

pytestmark = pytest.mark.usefixtures("catalogue", "patient")


@pytest.fixture
def question(client):
    """An anonymous question for the contact centre, answered by e-mail."""
    send(client, onderwerp="weet-niet")
    (case,) = all_cases()
    return case


@pytest.fixture
def handler(client, question):
    """A contact-centre handler, signed in after the question was asked. The same client:
    the test's app context shares Flask-WTF's cached CSRF token between clients."""
    sign_in_principal(client, staff("Karin de Vries", team="klantcontact"))
    return client


def _rows(event: str) -> list[OutboxEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxEvent).where(OutboxEvent.event == event)))


def _audit(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def _date_fields(day) -> dict:
    return {"by-day": day.day, "by-month": day.month, "by-year": day.year}


def test_the_case_page_offers_both_ways_to_pass_it_on(handler, question):
    page = soup(handler.get(f"/medewerkers/zaken/{question.number}"))
    assert page.find("a", string="Doorsturen naar een ander team")
    assert page.find("a", string="Overdragen aan een partner")


def test_reassigning_moves_the_case_tells_the_resident_and_mails_the_team(handler, question):
    url = f"/medewerkers/vragen/zaken/{question.number}/doorsturen"
    response = handler.post_form(url, {"team": "parkeren", "note": "Gaat over een vergunning."})
    assert response.status_code == 303
    db.session.expire_all()
    (case,) = all_cases()
    assert case.team == "parkeren"
    assert case.handler_ref is None
    assert not case.is_closed
    assert case.history[-1].note_for_resident == (
        "Uw vraag is doorgestuurd naar Team Parkeren. Zij helpen u verder."
    )
    event = db.session.scalars(select(CaseEvent).where(CaseEvent.action == "reassigned")).one()
    assert event.detail == {
        "from": "klantcontact",
        "to": "parkeren",
        "note": "Gaat over een vergunning.",
    }
    assert len(_audit("backoffice.case_reassigned")) == 1
    (team_row,) = _rows("case_reassigned")
    assert team_row.payload["team_email"] == "parkeren@voorbeeld.example"
    (resident_row,) = _rows("status_changed")
    body = compose(resident_row, recipient_for(resident_row)).get_body(("plain",)).get_content()
    assert "Uw vraag is doorgestuurd naar Team Parkeren. Zij helpen u verder." in body


def test_after_reassigning_the_old_team_no_longer_sees_the_case(handler, question):
    url = f"/medewerkers/vragen/zaken/{question.number}/doorsturen"
    handler.post_form(url, {"team": "wmo", "note": "Hulp in huis."})
    assert handler.get(f"/medewerkers/zaken/{question.number}").status_code == 404
    queue = text_of(handler.get("/medewerkers/zaken"))
    assert "De zaak is doorgestuurd naar Team Wmo." in queue


def test_reassigning_needs_a_note_and_another_team(handler, question):
    url = f"/medewerkers/vragen/zaken/{question.number}/doorsturen"
    response = handler.post_form(url, {"team": "parkeren", "note": ""})
    assert response.status_code == 422
    assert "Schrijf op waarom u de zaak doorstuurt" in text_of(response)
    same = handler.post_form(url, {"team": "klantcontact", "note": "Terug."})
    assert same.status_code == 422
    assert "De zaak hoort al bij dit team." in text_of(same)
    db.session.expire_all()
    assert all_cases()[0].team == "klantcontact"


def test_a_handler_of_another_team_gets_404_and_it_is_recorded(app, question):
    other = app.test_client()
    sign_in_principal(other, staff("Piet Jansen", team="parkeren"))
    url = f"/medewerkers/vragen/zaken/{question.number}/doorsturen"
    assert other.get(url).status_code == 404
    assert len(_audit("backoffice.case_refused")) == 1


def test_a_warm_handover_says_who_how_and_by_when_and_closes_our_case(handler, question):
    by = cases.today() + timedelta(days=7)
    url = f"/medewerkers/vragen/zaken/{question.number}/overdragen"
    response = handler.post_form(
        url,
        {
            "partner": "Belastingsamenwerking Voorbeeldregio",
            "how": "bellen",
            "partner_contact": "088 123 45 67",
            **_date_fields(by),
        },
    )
    assert response.status_code == 303
    db.session.expire_all()
    (case,) = all_cases()
    assert case.is_closed and case.result == "doorgestuurd"
    assert case.result_reason.startswith(
        "Wij hebben uw vraag doorgegeven aan Belastingsamenwerking Voorbeeldregio. Zij bellen u "
        "uiterlijk "
    )
    assert "088 123 45 67" in case.result_reason
    assert "U hoeft uw vraag niet opnieuw te stellen." in case.result_reason
    handed = db.session.scalars(select(CaseEvent).where(CaseEvent.action == "handed_over")).one()
    assert handed.detail["partner"] == "Belastingsamenwerking Voorbeeldregio"
    assert len(_audit("backoffice.case_handed_over")) == 1
    (row,) = _rows("case_closed")
    body = compose(row, recipient_for(row)).get_body(("plain",)).get_content()
    assert "Zij bellen u uiterlijk" in body


def test_the_partner_of_the_topic_is_filled_in(handler):
    send(handler, onderwerp="vraag-woz-belastingen")
    case = all_cases()[-1]
    page = soup(handler.get(f"/medewerkers/vragen/zaken/{case.number}/overdragen"))
    assert page.find("input", id="partner")["value"] == "Belastingsamenwerking Voorbeeldregio"
    assert page.find("input", id="partner_contact")["value"] == "088 123 45 67"


def test_a_handover_date_in_the_past_is_refused(handler, question):
    url = f"/medewerkers/vragen/zaken/{question.number}/overdragen"
    response = handler.post_form(
        url,
        {
            "partner": "Stichting Welzijn",
            "how": "mailen",
            **_date_fields(cases.today() - timedelta(days=1)),
        },
    )
    assert response.status_code == 422
    assert "Deze datum is al voorbij." in text_of(response)
    db.session.expire_all()
    assert not all_cases()[0].is_closed


@pytest.mark.parametrize("action", ["doorsturen", "overdragen"])
def test_only_case_handlers_may_pass_a_case_on(app, question, action):
    url = f"/medewerkers/vragen/zaken/{question.number}/{action}"
    nobody = app.test_client()
    assert nobody.get(url).status_code == 302
    assert nobody.post(url, data={"team": "wmo", "note": "x"}).status_code in (302, 400)
    resident_client = app.test_client()
    sign_in_principal(resident_client, resident("999990007", "Fatima el Amrani"))
    assert resident_client.get(url).status_code == 403
    db.session.expire_all()
    assert all_cases()[0].team == "klantcontact"
