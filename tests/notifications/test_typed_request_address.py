"""The e-mail address typed on a request's contact step is used for that case, and can be kept
in the profile from the confirmation page."""

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.auth.models import AuditEvent
from portal.auth.principal import Party
from portal.cases import creation as case_creation
from portal.cases import handling as case_handling
from portal.cases.models import Case
from portal.catalog import demo as catalog_demo
from portal.extensions import db
from portal.notifications.compose import resident_recipient
from portal.notifications.models import OutboxEvent
from portal.notifications.services import send_pending
from portal.profile import services as profile
from portal.registries import demo as registries_demo
from tests.notifications.conftest import BSN, OTHER_BSN, Contact
from tests.requests.conftest import Walker
from tests.support import principals

TYPED = "fatima.werk@voorbeeld.example"


@pytest.fixture(autouse=True)
def products():
    """The demo catalogue's own products (not the notifications area's stand-in)."""


def _text(response) -> str:
    return " ".join(BeautifulSoup(response.get_data(as_text=True), "html.parser").stripped_strings)


def _submit_uittreksel(client, email: str, phone: str = ""):
    walker = Walker(client)
    walker.begin("uittreksel-brp")
    walker.post({})
    walker.post({"soort": "huidig", "doel": "nederland"})
    walker.post({"email": email, "telefoon": phone})
    response = walker.post({"verklaring": "y"})
    assert response.status_code == 303
    return response.location


@pytest.fixture
def demo(app):
    registries_demo.load()
    catalog_demo.load()
    db.session.commit()


@pytest.fixture
def fatima(sign_in, demo, contacts):
    client = sign_in("inwoner")
    contacts[BSN] = Contact("fatima@voorbeeld.example")
    db.session.commit()
    return client


def test_the_typed_address_is_kept_with_the_case(fatima):
    _submit_uittreksel(fatima, TYPED)
    case = db.session.scalars(select(Case)).one()
    assert case.contact == {"email": TYPED, "telefoon": "", "kanaal": "email"}
    assert resident_recipient(case).address == TYPED


def test_the_confirmation_page_names_the_address_and_offers_to_keep_it(fatima):
    page = fatima.get(_submit_uittreksel(fatima, TYPED))
    text = _text(page)
    assert f"Dan sturen wij een e-mail naar {TYPED}." in text
    assert "wij sturen u geen e-mail" not in text.lower()
    form = BeautifulSoup(page.get_data(as_text=True), "html.parser").find(
        "form", action=lambda a: a and "email-van-zaak" in a
    )
    assert form is not None and form.find("input", attrs={"name": "csrf_token"})


def test_the_profile_address_is_not_offered_again(fatima):
    text = _text(fatima.get(_submit_uittreksel(fatima, "fatima@voorbeeld.example")))
    assert "E-mailadres bewaren?" not in text
    assert "een e-mail naar fatima@voorbeeld.example" in text


def test_without_an_address_the_page_says_where_the_news_is(sign_in, demo):
    client = sign_in("inwoner")
    text = _text(client.get(_submit_uittreksel(client, "", phone="06 12345678")))
    assert "U krijgt geen e-mail over deze zaak." in text
    case = db.session.scalars(select(Case)).one()
    assert "kanaal" not in case.contact


def test_a_status_change_is_mailed_to_the_typed_address(fatima, mail):
    _submit_uittreksel(fatima, TYPED)
    case = db.session.scalars(select(Case)).one()
    case_handling.change_status(case, "in_behandeling", None, principals.staff())
    db.session.commit()
    send_pending()
    assert mail.to("fatima@voorbeeld.example") == []
    assert len(mail.to(TYPED)) == 2  # received, status changed


def test_keeping_the_address_asks_the_profile_to_confirm_it(fatima):
    confirmation = _submit_uittreksel(fatima, TYPED)
    case = db.session.scalars(select(Case)).one()

    url = f"/mijn-gegevens/contact/email-van-zaak/{case.number}"
    response = fatima.post_form(url, {}, page=confirmation)

    assert response.status_code == 303
    assert response.location.endswith(f"/mijn-zaken/{case.number}")
    assert profile.pending_email_for(Party("person", BSN)) == TYPED
    rows = db.session.scalars(
        select(OutboxEvent).where(OutboxEvent.event == "email_confirmation")
    ).all()
    assert [row.payload["email"] for row in rows] == [TYPED]
    assert "Klik op de link in die e-mail." in _text(fatima.get(response.location))


def test_keeping_needs_the_csrf_token(fatima):
    _submit_uittreksel(fatima, TYPED)
    case = db.session.scalars(select(Case)).one()
    response = fatima.post(f"/mijn-gegevens/contact/email-van-zaak/{case.number}")
    assert response.status_code == 400
    assert profile.pending_email_for(Party("person", BSN)) == ""


def test_someone_elses_case_is_not_found_and_audited(fatima):
    case = case_creation.create_case(
        product_slug="uittreksel-brp",
        party=Party("person", OTHER_BSN),
        actor=None,
        answers={},
        idempotency_key="someone-else",
        contact={"email": TYPED, "telefoon": "", "kanaal": "email"},
    )
    db.session.commit()
    url = f"/mijn-gegevens/contact/email-van-zaak/{case.number}"
    response = fatima.post_form(url, {}, page="/mijn-gegevens/contact")
    assert response.status_code == 404
    events = db.session.scalars(select(AuditEvent.action)).all()
    assert "cases.case_refused" in events
    assert profile.pending_email_for(Party("person", BSN)) == ""


def test_a_profile_that_turned_email_off_is_respected(sign_in, contacts, demo):
    client = sign_in("inwoner")
    contacts[BSN] = Contact("fatima@voorbeeld.example", notify_by_email=False)
    db.session.commit()
    _submit_uittreksel(client, "fatima@voorbeeld.example")
    case = db.session.scalars(select(Case)).one()
    assert resident_recipient(case).address is None
