"""Level of assurance before, not after: the start page says which level a request needs and
offers a resident at a lower level to sign in again at that level (step-up), back to where
she was. Both ends of a step-up are audited."""

from urllib.parse import parse_qs, urlsplit

import requests
from sqlalchemy import select

from portal.auth.models import AuditEvent
from portal.extensions import db
from tests.requests.conftest import soup, text_of

PRODUCT = "uittreksel-brp"  # needs DigiD Substantieel
SMARTCARD = "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard"


def _step_ups() -> list[AuditEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "step_up")))


def _offered_link(client) -> str:
    page = soup(client.get(f"/aanvragen/{PRODUCT}"))
    return page.find("a", string="Opnieuw inloggen en starten")["href"]


def _sign_in_at_provider(client, start_url: str, persona_id: str):
    """Follow a sign-in start of the portal through the local provider; returns the
    provider's authorize URL and the portal's answer to the callback."""
    started = client.get(start_url)
    assert started.status_code == 302
    authorize_url = started.headers["Location"]
    with requests.Session() as browser:
        assert browser.get(authorize_url, timeout=10).status_code == 200
        answer = browser.post(
            authorize_url, data={"persoon": persona_id}, allow_redirects=False, timeout=10
        )
    back = urlsplit(answer.headers["Location"])
    return authorize_url, client.get(f"{back.path}?{back.query}")


def test_the_start_page_names_the_level_and_offers_a_step_up(signed_in):
    client = signed_in("inwoner-basis")
    page = client.get(f"/aanvragen/{PRODUCT}")
    assert page.status_code == 200
    text = text_of(page)
    assert "Hiervoor logt u in met DigiD op niveau Substantieel." in text
    assert "U bent nu ingelogd met DigiD Basis" in text
    query = parse_qs(urlsplit(_offered_link(client)).query)
    assert query == {"next": [f"/aanvragen/{PRODUCT}/beginnen"], "niveau": ["substantieel"]}


def test_at_the_right_level_start_is_plain(signed_in):
    client = signed_in("inwoner")
    text = text_of(client.get(f"/aanvragen/{PRODUCT}"))
    assert "Opnieuw inloggen en starten" not in text
    assert "Hiervoor logt u in met DigiD op niveau Substantieel." in text


def test_the_step_up_asks_the_broker_for_the_level_and_comes_back(signed_in):
    client = signed_in("inwoner-basis")
    authorize_url, back = _sign_in_at_provider(client, _offered_link(client), "inwoner-basis-app")
    assert parse_qs(urlsplit(authorize_url).query)["acr_values"] == [SMARTCARD]
    assert back.status_code == 302
    assert back.headers["Location"] == f"/aanvragen/{PRODUCT}/beginnen"
    first_step = client.get(back.headers["Location"])
    assert first_step.status_code == 302
    assert "Kees de Vries" in text_of(client.get(first_step.headers["Location"]))
    started, finished = _step_ups()
    assert (started.result, started.detail) == ("started", "basis>substantieel")
    assert (finished.result, finished.detail) == ("success", "basis>substantieel:substantieel")
    assert "999990032" not in started.actor + finished.actor


def test_a_step_up_that_stays_too_low_is_audited_and_offered_again(signed_in):
    client = signed_in("inwoner-basis")
    _, back = _sign_in_at_provider(client, _offered_link(client), "inwoner-basis")
    refused = client.get(back.headers["Location"])
    assert refused.status_code == 403
    assert "Opnieuw inloggen op een hoger niveau" in text_of(refused)
    assert [e.result for e in _step_ups()] == ["started", "too_low"]


def test_an_ordinary_sign_in_after_an_abandoned_step_up_is_no_step_up(signed_in):
    client = signed_in("inwoner-basis")
    assert client.get(_offered_link(client)).status_code == 302  # abandoned at the broker
    _sign_in_at_provider(client, "/inloggen/digid", "inwoner")
    assert [e.result for e in _step_ups()] == ["started"]
