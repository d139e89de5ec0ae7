"""Submission: one transaction for case, answers, files and e-mail; a doubled POST makes one
case; register data cannot be changed; the right people only."""

import pytest
from sqlalchemy import func, select

from portal.cases.models import Case
from portal.catalog.services import get_product
from portal.extensions import db
from portal.notifications import outbox
from portal.notifications.models import OutboxEvent
from portal.requests import services
from portal.requests.definition import definition_for
from portal.requests.models import Draft
from portal.requests.services import REGISTER_TYPED
from tests.requests.conftest import FATIMA, text_of
from tests.support.client import csrf_token_from
from tests.support.principals import resident


def _to_check_page(walker):
    walker.begin("uittreksel-brp")
    walker.post({})
    walker.post({"soort": "huidig", "doel": "nederland"})
    walker.post({"email": "fatima@voorbeeld.example"})
    assert walker.step_name == "controleren"


def _cases() -> int:
    return db.session.scalar(select(func.count()).select_from(Case))


def test_a_doubled_submission_makes_one_case(signed_in, walker, client):
    signed_in("inwoner")
    _to_check_page(walker)
    check_url = walker.location
    csrf = csrf_token_from(client.get(check_url).get_data(as_text=True))
    first = client.post(check_url, data={"verklaring": "y", "csrf_token": csrf})
    second = client.post(check_url, data={"verklaring": "y", "csrf_token": csrf})
    assert first.status_code == 303
    assert second.status_code == 302
    assert first.location.endswith("/verstuurd") and second.location == first.location
    assert _cases() == 1


def test_submitting_the_same_draft_again_returns_the_same_case(signed_in, walker, client):
    signed_in("inwoner")
    _to_check_page(walker)
    draft = db.session.scalars(select(Draft)).one()
    walker.post({"verklaring": "y"})
    case = db.session.scalars(select(Case)).one()
    assert case.idempotency_key == draft.submission_key
    # A retry that reaches the service again (another worker) finds the case by its key.
    fatima = resident(FATIMA, "Fatima el Amrani")
    with client.application.test_request_context():
        again = services.submit(
            draft, definition_for("uittreksel-brp"), fatima, {}, get_product("uittreksel-brp")
        )
    assert again.id == case.id
    assert _cases() == 1


def test_case_answers_and_e_mail_are_written_together(signed_in, walker, client):
    signed_in("inwoner")
    _to_check_page(walker)
    walker.post({"verklaring": "y"})
    case = db.session.scalars(select(Case)).one()
    events = db.session.scalars(select(OutboxEvent)).all()
    assert [(e.event, e.case_number, e.audience) for e in events] == [
        ("received", case.number, "resident")
    ]
    assert "fatima" not in str(events[0].payload)  # no answers or addresses in the payload


def test_when_the_e_mail_cannot_be_written_nothing_is_kept(signed_in, walker, client, monkeypatch):
    signed_in("inwoner")
    _to_check_page(walker)

    def broken(*args, **kwargs):
        raise RuntimeError("outbox is broken")

    monkeypatch.setattr(outbox, "enqueue", broken)
    with pytest.raises(RuntimeError, match="outbox is broken"):
        walker.post({"verklaring": "y"})
    db.session.rollback()
    assert _cases() == 0
    assert db.session.scalar(select(func.count()).select_from(OutboxEvent)) == 0
    draft = db.session.scalars(select(Draft)).one()
    assert draft.submitted_at is None and draft.answers["soort"] == "huidig"


def test_the_declaration_must_be_ticked(signed_in, walker):
    signed_in("inwoner")
    _to_check_page(walker)
    response = walker.post({})
    assert response.status_code == 422
    assert "Vink het vakje aan." in text_of(response)
    assert _cases() == 0


def test_register_data_cannot_be_changed_by_posting_it(signed_in, walker):
    signed_in("inwoner")
    walker.begin("uittreksel-brp")
    response = walker.post({"naam": "Iemand Anders"})
    assert response.status_code == 400
    draft = db.session.scalars(select(Draft)).one()
    assert "naam" not in draft.answers


def test_when_the_register_is_down_the_person_fills_in_and_the_case_says_so(
    signed_in, walker, client, registers_down
):
    signed_in("inwoner")
    walker.begin("uittreksel-brp")
    page = text_of(walker.page())
    assert "Wij kunnen uw gegevens nu niet ophalen." in page
    response = walker.post({"naam": "", "adres": ""})
    assert response.status_code == 422
    walker.post(
        {
            "naam": "Fatima el Amrani",
            "geboortedatum-day": "17",
            "geboortedatum-month": "5",
            "geboortedatum-year": "1988",
            "adres": "Dorpsstraat 12, Voorbeeld",
        }
    )
    walker.post({"soort": "huidig", "doel": "nederland"})
    walker.post({"email": "fatima@voorbeeld.example"})
    walker.post({"verklaring": "y"})
    case = db.session.scalars(select(Case)).one()
    assert case.answers["naam"] == "Fatima el Amrani"
    assert case.answers["geboortedatum"] == "17 mei 1988"
    assert case.review_reason == REGISTER_TYPED


def test_someone_else_cannot_open_a_draft(signed_in, walker, client):
    signed_in("inwoner")
    walker.begin("parkeervergunning-bewoners")
    url = walker.location
    client.post_form("/uitloggen", page="/")
    signed_in("inwoner-midden")
    assert client.get(url).status_code == 404


def test_a_representative_needs_a_mandate_for_the_product(signed_in, client):
    signed_in("dochter-namens-vader")
    response = client.get("/aanvragen/parkeervergunning-bewoners/beginnen")
    assert response.status_code == 403
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_a_company_cannot_do_a_residents_product(signed_in, client):
    signed_in("ondernemer")
    response = client.get("/aanvragen/hulp-bij-het-huishouden/beginnen")
    assert response.status_code == 403
    assert "is voor inwoners" in text_of(response)


def test_a_resident_cannot_do_a_companys_product(signed_in, client):
    signed_in("inwoner")
    response = client.get("/aanvragen/terrasvergunning/beginnen")
    assert response.status_code == 403


def test_starting_asks_to_sign_in_first(client, demo):
    response = client.get("/aanvragen/uittreksel-brp/beginnen")
    assert response.status_code == 302
    assert "/inloggen" in response.location


def test_the_start_page_shows_costs_and_needs_without_signing_in(client, demo):
    page = text_of(client.get("/aanvragen/uittreksel-brp"))
    assert "€ 16,10" in page
    assert "Wat heeft u nodig?" in page
    assert "Start" in page


def test_a_phone_number_is_enough_without_e_mail(signed_in, walker):
    signed_in("inwoner")
    walker.begin("uittreksel-brp")
    walker.post({})
    walker.post({"soort": "huidig", "doel": "nederland"})
    response = walker.post({"email": "", "telefoon": ""})
    assert response.status_code == 422
    assert "Heeft u geen e-mail? Vul dan uw telefoonnummer in." in text_of(response)
    assert walker.post({"email": "", "telefoon": "06 12345678"}).status_code == 302
    assert walker.step_name == "controleren"
