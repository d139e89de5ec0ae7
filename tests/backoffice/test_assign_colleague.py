"""Assigning a case to a colleague of the team from the staff roster (audited, the colleague
told by e-mail), the refusal explanation marked as required, and a back-office case page that
writes nothing twice to the processing log."""

from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.administration.models import StaffMember
from portal.extensions import db
from portal.notifications.models import OutboxEvent
from portal.registries import demo as registries_demo
from portal.registries.models import ProcessingLogEntry


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


def _member(staff_id, name, team="burgerzaken", roles=("case_handler",), active=True, email=""):
    db.session.add(
        StaffMember(
            staff_id=staff_id,
            name=name,
            email=email or f"{staff_id}@voorbeeld.example",
            roles=list(roles),
            team=team,
            active=active,
            updated_at=datetime(2026, 1, 1),
        )
    )


def _choices(html: str) -> dict[str, str]:
    soup = BeautifulSoup(html, "html.parser")
    return {
        radio["value"]: soup.find("label", attrs={"for": radio["id"]}).get_text(strip=True)
        for radio in soup.find_all("input", attrs={"name": "handler"})
    }


def test_the_rosters_handlers_of_the_team_are_offered(client, maria, case):
    _member("sanne", "Sanne de Wit")
    _member("pieter", "Pieter Kok", team="parkeren")
    _member("oud", "Oud Collega", active=False)
    _member("tom", "Tom Redacteur", roles=("editor",))
    db.session.commit()

    offered = _choices(client.get(f"/medewerkers/zaken/{case.number}/toewijzen").get_data(True))

    assert list(offered.values()) == ["Maria Visser (ik)", "Sanne de Wit"]


def test_assigning_to_a_colleague_is_audited_and_tells_the_colleague(client, maria, case, audit):
    _member("sanne", "Sanne de Wit", email="sanne.dewit@voorbeeld.example")
    db.session.commit()

    response = client.post_form(f"/medewerkers/zaken/{case.number}/toewijzen", {"handler": "sanne"})

    assert response.status_code == 302
    db.session.refresh(case)
    assert (case.handler_name, case.handler_ref) == ("Sanne de Wit", "sanne")
    assert ("backoffice.case_assigned", "success", case.number) in audit
    assert [e.detail for e in case.events if e.action == "assigned"] == [
        {"handler": "Sanne de Wit"}
    ]
    told = db.session.scalars(select(OutboxEvent).where(OutboxEvent.event == "case_assigned"))
    assert [(e.audience, e.payload["team_email"]) for e in told] == [
        ("team", "sanne.dewit@voorbeeld.example")
    ]


def test_taking_a_case_oneself_mails_no_one(client, maria, case):
    client.post_form(
        f"/medewerkers/zaken/{case.number}/aan-mij", page=f"/medewerkers/zaken/{case.number}"
    )

    db.session.refresh(case)
    assert case.handler_name == "Maria Visser"
    assert not db.session.scalars(
        select(OutboxEvent).where(OutboxEvent.event == "case_assigned")
    ).all()


def test_a_colleague_of_another_team_cannot_be_chosen(client, maria, case):
    _member("pieter", "Pieter Kok", team="parkeren")
    db.session.commit()

    response = client.post_form(
        f"/medewerkers/zaken/{case.number}/toewijzen", {"handler": "pieter"}
    )

    assert response.status_code == 422
    db.session.refresh(case)
    assert case.handler_ref is None


def _reason_box(html: str):
    soup = BeautifulSoup(html, "html.parser")
    return soup.find("label", attrs={"for": "reason"}).get_text(" ", strip=True), soup.find(
        id="reason"
    )


def test_the_refusal_explanation_says_when_it_is_required(client, maria, case):
    label, _box = _reason_box(client.get(f"/medewerkers/zaken/{case.number}/afronden").text)

    assert "(verplicht bij een nee of doorsturen)" in label
    assert "niet verplicht" not in label


def test_after_choosing_a_refusal_the_explanation_is_marked_required(client, maria, case):
    response = client.post_form(
        f"/medewerkers/zaken/{case.number}/afronden", {"result": "afgewezen"}
    )

    _label, box = _reason_box(response.get_data(as_text=True))
    assert response.status_code == 422
    assert box["aria-required"] == "true" and box["aria-invalid"] == "true"


def test_a_granted_case_needs_no_explanation(client, maria, case):
    response = client.post_form(
        f"/medewerkers/zaken/{case.number}/afronden", {"result": "toegekend"}
    )

    assert response.status_code == 302
    db.session.refresh(case)
    assert case.is_closed and case.result_reason is None


def test_a_case_page_writes_each_register_lookup_once(client, maria, case):
    """The back office reads the case, not the BRP: opening its pages looks nothing up, so
    the resident's "who looked at my data" shows no lookups that did not happen."""
    registries_demo.load()
    db.session.commit()

    for page in ("", "/toewijzen", "/afronden", "/status"):
        assert client.get(f"/medewerkers/zaken/{case.number}{page}").status_code == 200

    db.session.expire_all()
    entries = db.session.scalars(select(ProcessingLogEntry)).all()
    assert [(e.subject, e.purpose, e.register) for e in entries] == []
