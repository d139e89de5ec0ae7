"""The whole sign-in flow against the local OIDC provider over HTTP."""

from urllib.parse import parse_qs, urlsplit

from portal.auth.models import AuditEvent, AuthSession
from portal.extensions import db
from portal.registries import demo as registries_demo
from tests.support.auth import provider_logout_form, provider_redirect, sign_in


def _events(action=None):
    query = db.select(AuditEvent).order_by(AuditEvent.id)
    if action:
        query = query.where(AuditEvent.action == action)
    return db.session.scalars(query).all()


def test_start_redirects_to_provider_with_pkce_state_and_nonce(client, oidc_provider):
    response = client.get("/inloggen/digid")
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert f"{location.scheme}://{location.netloc}" == oidc_provider.url
    assert location.path == "/digid/authorize"
    query = parse_qs(location.query)
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"][0]
    assert query["state"][0] and query["nonce"][0]
    assert query["redirect_uri"] == ["http://localhost/inloggen/digid/callback"]


def test_resident_signs_in_and_returns_to_the_page_asked_for(client):
    response = sign_in(client, "inwoner", next_url="/contact?x=1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/contact?x=1"
    home = client.get("/")
    assert "Uitloggen" in home.get_data(as_text=True)
    (row,) = db.session.scalars(db.select(AuthSession)).all()
    assert row.principal["bsn"] == "999990007"
    assert row.principal["level"] == "substantieel"
    (event,) = _events("sign_in")
    assert event.result == "success"
    assert "999990007" not in event.actor


def test_the_session_cookie_holds_no_bsn(client):
    sign_in(client, "inwoner")
    cookie = client.get_cookie("session")
    assert cookie is not None
    import base64
    import zlib

    payload = cookie.value.split(".")[0 if not cookie.value.startswith(".") else 1]
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    if cookie.value.startswith("."):
        raw = zlib.decompress(raw)
    assert b"999990007" not in raw
    assert b"auth_key" in raw


def test_open_redirects_are_refused(client):
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        response = sign_in(client, "inwoner", next_url=target)
        assert response.headers["Location"] == "/mijn-overzicht", target


def test_a_new_session_key_at_every_sign_in(client):
    sign_in(client, "inwoner")
    first = db.session.scalars(db.select(AuthSession.id)).all()
    sign_in(client, "inwoner-midden")
    second = db.session.scalars(db.select(AuthSession.id)).all()
    assert len(first) == 1 and len(second) == 1
    assert first != second


def test_denied_consent_shows_a_plain_page_and_is_audited(client):
    back = urlsplit(provider_redirect(client, "inwoner", action="annuleren"))
    response = client.get(f"{back.path}?{back.query}")
    assert response.status_code == 400
    assert "U heeft het inloggen afgebroken" in response.get_data(as_text=True)
    (event,) = _events("sign_in")
    assert event.result == "failed"
    assert db.session.scalars(db.select(AuthSession)).all() == []


def test_token_without_bsn_is_refused_with_an_explanation(client):
    response = sign_in(client, "inwoner-zonder-bsn")
    assert response.status_code == 400
    assert "burgerservicenummer" in response.get_data(as_text=True)
    assert db.session.scalars(db.select(AuthSession)).all() == []


def test_a_replayed_callback_is_refused(client):
    back = urlsplit(provider_redirect(client, "inwoner"))
    assert client.get(f"{back.path}?{back.query}").status_code == 302
    replay = client.get(f"{back.path}?{back.query}")
    assert replay.status_code == 400


def test_forged_state_is_refused(client):
    back = urlsplit(provider_redirect(client, "inwoner"))
    query = back.query.replace("state=", "state=forged")
    assert client.get(f"{back.path}?{query}").status_code == 400


def test_entrepreneur_signs_in_with_company_and_branch(client):
    sign_in(client, "ondernemer")
    (row,) = db.session.scalars(db.select(AuthSession)).all()
    assert row.principal["kvk"] == "90001234"
    assert row.principal["branch"] == "000012345678"
    assert row.principal["acting_subject"] == "ahmed-yilmaz-7f3a"
    assert row.principal["level"] == "eh3"


def test_representative_sees_whom_they_act_for(client):
    registries_demo.load()
    db.session.commit()
    sign_in(client, "dochter-namens-vader")
    page = client.get("/").get_data(as_text=True)
    assert "U regelt dit namens Henk Bakker" in page
    assert "ingelogd als Sanne Bakker" in page
    assert "Voor mijzelf regelen" in page
    assert [e.action for e in _events()] == ["sign_in", "mandate.started"]


def test_a_resident_is_named_from_the_brp_and_the_lookup_is_logged(client):
    from portal.registries.models import ProcessingLogEntry

    registries_demo.load()
    db.session.commit()
    sign_in(client, "inwoner")
    (row,) = db.session.scalars(db.select(AuthSession)).all()
    assert row.principal["display_name"] == "Fatima el Amrani"
    purposes = db.session.scalars(db.select(ProcessingLogEntry.purpose)).all()
    assert purposes == ["naam-na-inloggen"]


def test_staff_signs_in_separately(client):
    sign_in(client, "behandelaar")
    (row,) = db.session.scalars(db.select(AuthSession)).all()
    assert row.means == "staff"
    assert row.principal["roles"] == ["case_handler"]


def test_sign_out_ends_the_session_and_the_provider_session(client, oidc_provider):
    sign_in(client, "inwoner")
    action, fields = provider_logout_form(client.post_form("/uitloggen", page="/"))
    assert urlsplit(action).path == "/digid/end_session"
    assert fields["post_logout_redirect_uri"] == "http://localhost/uitgelogd"
    assert fields["client_id"] == "mijngemeente-digid"
    assert fields["id_token_hint"]  # kept server side; see test_broker_specs.py
    assert "logout_hint" not in fields
    assert db.session.scalars(db.select(AuthSession)).all() == []
    assert "Inloggen" in client.get("/").get_data(as_text=True)
    assert [e.action for e in _events()] == ["sign_in", "sign_out"]


def test_sign_out_needs_a_csrf_token(client):
    sign_in(client, "inwoner")
    assert client.post("/uitloggen").status_code == 400
    assert len(db.session.scalars(db.select(AuthSession)).all()) == 1


def test_signing_in_again_asks_the_provider_for_the_level_needed(client):
    from portal.auth.settings import DEFAULT_LEVELS

    response = client.get("/inloggen/digid?niveau=substantieel")
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert DEFAULT_LEVELS[query["acr_values"][0]] == "substantieel"
    company = client.get("/inloggen/eherkenning?niveau=substantieel")
    query = parse_qs(urlsplit(company.headers["Location"]).query)
    assert DEFAULT_LEVELS[query["acr_values"][0]] == "eh3"
    plain = client.get("/inloggen/digid")
    assert "acr_values" not in parse_qs(urlsplit(plain.headers["Location"]).query)
