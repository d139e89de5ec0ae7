"""DigiD Basis (a password only) reaches no personal data: not the drafts of requests, not
appointments, not the contact details or the address the portal would fill in."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from portal.auth.principal import DIGID, Principal
from portal.catalog import demo as catalog_demo
from portal.extensions import db
from portal.profile import services as profile
from portal.registries import demo as registries_demo
from portal.requests import services as drafts
from portal.requests.definition import definition_for
from portal.requests.models import Draft
from tests.support.auth import sign_in

BASIS_BSN = "999990032"  # the persona "inwoner-basis"
PRODUCT = "parkeervergunning-bewoners"
LEVEL_TOO_LOW = "auth/level_too_low"


@pytest.fixture
def basis_draft(app):
    registries_demo.load()
    catalog_demo.load()
    owner = Principal(means=DIGID, level="basis", signed_in_at=datetime.now(UTC), bsn=BASIS_BSN)
    draft = drafts.start_draft(definition_for(PRODUCT), owner)
    profile.save_contact(
        owner.subject,
        email="",
        phone="0612345678",
        notify_by_email=False,
        language="nl",
    )
    db.session.commit()
    return draft.token


def drafts_left() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Draft))


def text_of(response) -> str:
    return " ".join(BeautifulSoup(response.get_data(as_text=True), "html.parser").stripped_strings)


@pytest.mark.parametrize(
    "path", ["/mijn-aanvragen", "/mijn-afspraken", "/mijn-overzicht", "/mijn-zaken"]
)
def test_basis_opens_no_personal_page(client, basis_draft, path):
    sign_in(client, "inwoner-basis")
    response = client.get(path)
    assert response.status_code == 403
    assert "DigiD Midden" in text_of(response)


def test_basis_cannot_see_or_delete_a_draft(client, basis_draft):
    sign_in(client, "inwoner-basis")
    url = f"/mijn-aanvragen/{basis_draft}/verwijderen"
    assert client.get(url).status_code == 403
    token = BeautifulSoup(client.get("/").get_data(as_text=True), "html.parser").find(
        "input", attrs={"name": "csrf_token"}
    )["value"]
    assert client.post(url, data={"csrf_token": token}).status_code == 403
    assert drafts_left() == 1


def test_the_start_page_does_not_list_drafts_at_basis(client, basis_draft):
    sign_in(client, "inwoner-basis")
    page = text_of(client.get(f"/aanvragen/{PRODUCT}"))
    assert "U bent hier al mee begonnen" not in page


def test_the_call_back_form_does_not_fill_in_the_phone_number_at_basis(client, basis_draft):
    sign_in(client, "inwoner-basis")
    page = client.get("/terugbellen").get_data(as_text=True)
    assert "0612345678" not in page


def test_at_midden_the_drafts_are_there(client, basis_draft):
    sign_in(client, "inwoner-midden")
    assert client.get("/mijn-aanvragen").status_code == 200
