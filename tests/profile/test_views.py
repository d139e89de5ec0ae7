"""Contact details on "Mijn gegevens": kept once, errors in plain Dutch, and a new e-mail
address confirmed by a link that really travels by e-mail."""

import re
import time

import pytest
from flask import current_app, g

from portal.auth.principal import Party
from portal.devtools.smtp_catcher import MailCatcher
from portal.extensions import db
from portal.notifications.services import send_pending
from portal.profile import services
from portal.registries import demo
from tests.support.auth import sign_in
from tests.support.principals import representative, sign_in_principal

FATIMA_PARTY_BSN, SANNE, HENK = "999990007", "999990068", "999990111"
EMAIL = "fatima@voorbeeld.example"
CONTACT = "/mijn-gegevens/contact"


@pytest.fixture
def mail(app):
    catcher = MailCatcher(port=0).start()
    app.config["SMTP_PORT"] = catcher.port
    yield catcher
    catcher.stop()


@pytest.fixture(autouse=True)
def registers(app):
    demo.load()
    db.session.commit()


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())


def save(client, **fields):
    data = {"email": "", "phone": "", "language": "nl", **fields}
    return client.post_form(CONTACT, data)


def confirmation_link(mail: MailCatcher, address: str) -> str:
    send_pending()
    [message] = mail.to(address)
    body = message.get_body(preferencelist=("plain",)).get_content()
    public_url = re.escape(current_app.config["PUBLIC_URL"])
    return re.search(public_url + r"(/mijn-gegevens/email-bevestigen/\S+)", body).group(1)


def test_the_form_shows_what_is_stored(client):
    sign_in(client, "inwoner")
    save(client, phone="0612345678", language="en")
    html = client.get(CONTACT).get_data(as_text=True)
    assert 'value="0612345678"' in html
    assert re.search(r'value="en"[^>]*checked', html)


def test_saving_without_an_email_needs_no_confirmation(client, mail):
    sign_in(client, "inwoner")
    response = save(client, phone="06 1234 5678")
    assert response.status_code == 302
    assert response.location.endswith("/mijn-gegevens?melding=opgeslagen#melding")
    page = text_of(client.get("/mijn-gegevens?melding=opgeslagen"))
    assert "Uw contactgegevens zijn opgeslagen." in page
    assert "06 1234 5678" in page
    assert send_pending() == 0


def test_a_new_email_is_used_only_after_the_link_in_the_email(client, mail):
    sign_in(client, "inwoner")
    response = save(client, email=EMAIL, notify_by_email="y")
    assert response.location.endswith("melding=bevestig-email#melding")
    page = text_of(client.get("/mijn-gegevens?melding=bevestig-email"))
    assert "Kijk in uw e-mail" in page
    assert f"Nieuw adres {EMAIL} is nog niet bevestigd" in page

    link = confirmation_link(mail, EMAIL)
    assert EMAIL not in link and FATIMA_PARTY_BSN not in link
    # Opening the link does not confirm: a mail scanner opens links too.
    opened = client.get(link)
    assert "Bevestig uw e-mailadres" in text_of(opened)
    confirmed = client.post_form(link, {})
    assert "Uw e-mailadres is bevestigd" in text_of(confirmed)
    page = text_of(client.get("/mijn-gegevens"))
    assert "nog niet bevestigd" not in page
    assert f"E-mailadres {EMAIL}" in page


def test_the_confirmation_works_without_being_signed_in(client, app, mail):
    sign_in(client, "inwoner")
    save(client, email=EMAIL)
    link = confirmation_link(mail, EMAIL)
    # Requests in a test share the test's app context, and Flask-WTF caches the CSRF token
    # in `g`; a second browser needs its own token in its own cookie.
    g.pop("csrf_token", None)
    other_browser = app.test_client()
    confirmed = other_browser.post_form(link, {})
    assert confirmed.status_code == 200
    contact = services.contact_for(services_party())
    assert (contact.email, contact.email_verified) == (EMAIL, True)


def services_party():
    return Party(kind="person", identifier=FATIMA_PARTY_BSN)


def test_a_link_that_was_tampered_with_says_so(client, mail):
    sign_in(client, "inwoner")
    save(client, email=EMAIL)
    link = confirmation_link(mail, EMAIL)
    response = client.get(link[:-3] + "abc")
    assert response.status_code == 400
    page = text_of(response)
    assert "De link werkt niet meer" in page
    assert "Bevestig mijn e-mailadres" not in page  # no button to press


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "fatima@"}, "Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        ({"phone": "bel me"}, "Vul een telefoonnummer in van 10 cijfers, zoals 06 12345678."),
        ({"notify_by_email": "y", "email": ""}, "Vul uw e-mailadres in. Of kies dat u geen"),
        ({"language": "de"}, "Kies een taal."),
    ],
)
def test_a_mistake_is_explained_and_nothing_typed_is_lost(client, fields, message):
    sign_in(client, "inwoner")
    typed = {"email": "fatima@voorbeeld.example", "phone": "06 1234 5678", **fields}
    response = save(client, **typed)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "<title>Fout: " in html
    assert "Er is een probleem" in html
    assert html.count(message) == 2  # in the summary and next to the field
    assert f'value="{typed["email"]}"' in html
    assert f'value="{typed["phone"]}"' in html
    assert services.contact_for(services_party()) is None


def test_a_representative_keeps_the_contact_details_of_whom_they_act_for(client):
    sign_in(client, "dochter-namens-vader")
    save(client, phone="0301234567")
    assert services.contact_for(Party("person", HENK)).phone == "0301234567"
    assert services.contact_for(Party("person", SANNE)) is None


def test_without_a_mandate_for_personal_data_the_contact_page_is_closed(client):
    sign_in_principal(
        client, representative(SANNE, "Sanne Bakker", HENK, services=("uittreksel-brp",))
    )
    response = client.get(CONTACT)
    assert response.status_code == 403
    assert "U kunt deze gegevens niet bekijken" in text_of(response)


def test_a_company_keeps_its_own_contact_details(client):
    sign_in(client, "ondernemer")
    response = save(client, phone="0201234567")
    assert response.location.endswith("/mijn-gegevens/bedrijf?melding=opgeslagen#melding")
    assert services.contact_for(Party("company", "90001234")).phone == "0201234567"


def test_the_language_link_changes_only_this_session(client, app):
    """A GET changes no state that lasts: the header's language link leaves the stored
    preference as it was (issue 14, item 13)."""
    sign_in(client, "inwoner")
    save(client, phone="0612345678", language="nl")
    client.get("/taal/en?next=/")
    assert '<html lang="en"' in client.get("/mijn-gegevens/contact").get_data(as_text=True)
    assert services.stored_language(services_party()) == "nl"
    fresh = app.test_client()
    sign_in(fresh, "inwoner")
    assert '<html lang="nl"' in fresh.get("/mijn-gegevens/contact").get_data(as_text=True)


def test_the_saved_language_is_remembered_for_the_next_visit(client, app):
    sign_in(client, "inwoner")
    client.get("/taal/nl?next=/")
    save(client, phone="0612345678", language="en")
    assert services.stored_language(services_party()) == "en"
    # The page after saving already speaks the saved language, even after a link chose Dutch.
    assert '<html lang="en"' in client.get("/mijn-gegevens/contact").get_data(as_text=True)
    fresh = app.test_client()
    sign_in(fresh, "inwoner")
    html = fresh.get("/mijn-gegevens/contact").get_data(as_text=True)
    assert '<html lang="en"' in html


def test_an_expired_link_says_to_ask_for_a_new_one(client, mail, monkeypatch):
    sign_in(client, "inwoner")
    save(client, email=EMAIL)
    link = confirmation_link(mail, EMAIL)
    later = time.time() + current_app.config["EMAIL_CONFIRMATION_HOURS"] * 3600 + 60
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: later)
    response = client.get(link)
    assert response.status_code == 400
    assert "Deze link is ouder dan 48 uur" in text_of(response)
    assert services.contact_for(services_party()).email_verified is False
