"""Sign-in against brokers as their specifications describe them: the acr table is
configuration (DigiD, eHerkenning and eIDAS by default) and an unknown acr is refused; claims
may come from the userinfo endpoint; the provider's keys are fetched again when it rotates them
(at most once a minute), without restarting the portal; logout sends id_token_hint.

Every test gets its own local provider, so rotating its keys touches no other test.
"""

import base64
import json
import time
import zlib
from datetime import UTC, datetime
from functools import partial

import pytest
import requests
from bs4 import BeautifulSoup
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey

from portal.auth import oidc
from portal.auth.claims import (
    ClaimError,
    company_principal,
    merge_userinfo,
    resident_principal,
    staff_principal,
)
from portal.auth.models import AuditEvent, AuthSession
from portal.auth.settings import CLAIM_DEFAULTS, DEFAULT_LEVELS, acr_levels, from_environment
from portal.config import ConfigError
from portal.devtools.services import start_oidc_provider
from portal.extensions import db
from portal.testprovider import personas
from portal.testprovider import server as provider_server
from tests.support.auth import provider_logout_form, sign_in

EIDAS_SUBSTANTIAL = "http://eidas.europa.eu/LoA/substantial"


@pytest.fixture
def oidc_provider():
    """A provider of this test's own (the `app` fixture picks it up by name)."""
    provider = start_oidc_provider("http://localhost")
    yield provider
    provider.stop()


@pytest.fixture
def realm(oidc_provider):
    return oidc_provider.server.app.extensions["testprovider"]["digid"]


@pytest.fixture
def clock(monkeypatch):
    """The OIDC client's clock, moved forward by hand."""
    now = [time.monotonic()]
    monkeypatch.setattr(oidc, "clock", lambda: now[0])
    return now


def heading(response) -> str:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").h1.get_text(strip=True)


def extra_persona(monkeypatch, acr: str, realm: str = personas.DIGID) -> str:
    claims = {"bsn": "999990007"}
    if realm == personas.EHERKENNING:
        claims = {"kvk": "90001234", "acting_subject": "x-1", "acting_subject_name": "A. Test"}
    persona = personas.Persona(
        id=f"acr-{abs(hash((acr, realm)))}",
        realm=realm,
        label="Testpersoon",
        description="Het token noemt een ander acr.",
        claims=claims,
        acr=acr,
    )
    # The provider runs in this process and reads the persona list per request.
    monkeypatch.setattr(personas, "PERSONAS", [*personas.PERSONAS, persona])
    return persona.id


def failures():
    query = db.select(AuditEvent).where(AuditEvent.action == "sign_in")
    return [e.detail for e in db.session.scalars(query) if e.result == "failed"]


# --- the acr table ---------------------------------------------------------------------------


def test_the_default_table_knows_digid_eherkenning_and_eidas():
    assert DEFAULT_LEVELS["urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard"] == "substantieel"
    assert DEFAULT_LEVELS["urn:etoegang:core:assurance-class:loa3"] == "eh3"
    assert DEFAULT_LEVELS["http://eidas.europa.eu/LoA/low"]["digid"] == "basis"
    assert DEFAULT_LEVELS["http://eidas.europa.eu/LoA/high"]["eherkenning"] == "eh4"
    assert "urn:etoegang:core:assurance-class:loa1" not in DEFAULT_LEVELS


def test_the_table_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("OIDC_ACR_LEVELS", json.dumps({"urn:broker:twee-stappen": "midden"}))
    assert from_environment("http://127.0.0.1:1")["OIDC_LEVELS"] == {
        "urn:broker:twee-stappen": "midden"
    }
    monkeypatch.delenv("OIDC_ACR_LEVELS")
    assert from_environment("http://127.0.0.1:1")["OIDC_LEVELS"] == DEFAULT_LEVELS


def test_a_table_entry_may_name_a_level_per_means():
    table = acr_levels('{"urn:x": {"digid": "midden", "eherkenning": "eh2plus"}}')
    assert table == {"urn:x": {"digid": "midden", "eherkenning": "eh2plus"}}


@pytest.mark.parametrize(
    "raw",
    [
        "{not json",
        "[]",
        "{}",
        '{"urn:x": "super"}',
        '{"urn:x": 3}',
        '{"urn:x": {}}',
        '{"urn:x": {"burger": "basis"}}',
        '{"urn:x": {"digid": "eh9"}}',
    ],
)
def test_a_table_that_cannot_work_stops_the_start(raw):
    with pytest.raises(ConfigError):
        acr_levels(raw)


def test_eidas_levels_count_as_the_equal_level_of_either_means():
    now = partial(datetime.now, UTC)
    resident = resident_principal(
        {"bsn": "999990007", "acr": EIDAS_SUBSTANTIAL}, CLAIM_DEFAULTS, DEFAULT_LEVELS, now()
    )
    assert resident.level == "substantieel"
    claims = {"kvk": "90001234", "acting_subject": "a-1"}
    company = company_principal(
        {**claims, "acr": EIDAS_SUBSTANTIAL}, CLAIM_DEFAULTS, DEFAULT_LEVELS, now()
    )
    assert company.level == "eh3"
    low = company_principal(
        {**claims, "acr": "http://eidas.europa.eu/LoA/low"}, CLAIM_DEFAULTS, DEFAULT_LEVELS, now()
    )
    assert low.level == "eh2"
    # A DigiD class on an eHerkenning token, and eIDAS for staff, are not in the table.
    with pytest.raises(ClaimError):
        company_principal(
            {**claims, "acr": personas.DIGID_SUBSTANTIEEL}, CLAIM_DEFAULTS, DEFAULT_LEVELS, now()
        )
    with pytest.raises(ClaimError):
        staff_principal(
            {"sub": "s-1", "acr": EIDAS_SUBSTANTIAL},
            CLAIM_DEFAULTS,
            now(),
            DEFAULT_LEVELS,
            "midden",
        )


def test_an_eidas_sign_in_gets_its_level(client, monkeypatch):
    response = sign_in(client, extra_persona(monkeypatch, EIDAS_SUBSTANTIAL))
    assert response.status_code == 302
    (row,) = db.session.scalars(db.select(AuthSession)).all()
    assert row.principal["level"] == "substantieel"


@pytest.mark.parametrize(
    ("acr", "realm", "said"),
    [
        ("urn:broker:onbekend", personas.DIGID, "Wij weten niet hoe veilig u bent ingelogd"),
        ("", personas.DIGID, "Wij missen gegevens om u in te laten loggen"),
        (
            "urn:etoegang:core:assurance-class:loa1",
            personas.EHERKENNING,
            "Wij weten niet hoe veilig u bent ingelogd",
        ),
    ],
)
def test_an_unknown_or_missing_acr_is_refused_and_audited(client, monkeypatch, acr, realm, said):
    refused = sign_in(client, extra_persona(monkeypatch, acr, realm))
    assert refused.status_code == 400
    assert heading(refused) == said
    assert db.session.scalars(db.select(AuthSession)).all() == []
    [detail] = failures()
    assert detail.startswith(f"{realm}:") and detail.endswith(":acr")
    assert client.get("/mijn-overzicht").status_code in (302, 303)


def test_a_configured_table_replaces_the_defaults(app, client, monkeypatch):
    app.config["OIDC_LEVELS"] = acr_levels(json.dumps({"urn:broker:twee-stappen": "midden"}))
    assert sign_in(client, extra_persona(monkeypatch, "urn:broker:twee-stappen")).status_code == 302
    (row,) = db.session.scalars(db.select(AuthSession)).all()
    assert row.principal["level"] == "midden"
    # The DigiD class the table no longer names now fails closed.
    refused = sign_in(client, "inwoner")
    assert refused.status_code == 400
    assert heading(refused) == "Wij weten niet hoe veilig u bent ingelogd"


# --- userinfo --------------------------------------------------------------------------------


def test_claims_from_the_userinfo_endpoint_when_configured(app, client, realm):
    realm.claims_in_id_token = False
    refused = sign_in(client, "inwoner")
    assert refused.status_code == 400  # the ID token alone holds no BSN
    assert heading(refused) == "Wij missen gegevens om u in te laten loggen"

    app.config["OIDC_DIGID_USE_USERINFO"] = True
    assert sign_in(client, "inwoner").status_code == 302
    (row,) = db.session.scalars(db.select(AuthSession)).all()
    assert row.principal["bsn"] == "999990007"
    assert row.principal["level"] == "substantieel"  # the acr still from the ID token


def test_a_userinfo_answer_about_someone_else_is_refused(app, client, realm, monkeypatch):
    realm.claims_in_id_token = False
    app.config["OIDC_DIGID_USE_USERINFO"] = True
    other = personas.persona("inwoner-basis")
    monkeypatch.setattr(
        provider_server,
        "user_info",
        lambda _persona: provider_server.UserInfo(sub=other.sub, bsn="999990032"),
    )
    refused = sign_in(client, "inwoner")
    assert refused.status_code == 400
    assert heading(refused) == "Inloggen is niet gelukt"
    assert failures() == ["digid:token_invalid:userinfo_sub"]
    assert db.session.scalars(db.select(AuthSession)).all() == []


def test_a_userinfo_endpoint_that_refuses_the_token_refuses_the_sign_in(app, client, monkeypatch):
    app.config["OIDC_DIGID_USE_USERINFO"] = True
    monkeypatch.setattr(
        provider_server.RealmTokenValidator, "authenticate_token", lambda self, token: None
    )
    refused = sign_in(client, "inwoner")
    assert refused.status_code == 400
    assert heading(refused) == "Inloggen is niet gelukt"
    assert failures() == ["digid:token_invalid:userinfo"]


def test_userinfo_cannot_change_what_only_the_id_token_may_say():
    merged = merge_userinfo(
        {"sub": "s-1", "acr": "urn:basis", "nonce": "n"},
        {"sub": "s-1", "acr": "urn:hoog", "nonce": "x", "bsn": "999990007"},
    )
    assert merged == {"sub": "s-1", "acr": "urn:basis", "nonce": "n", "bsn": "999990007"}
    for answer in ({"bsn": "999990007"}, {"sub": "s-2"}, ["s-1"]):
        with pytest.raises(ClaimError):
            merge_userinfo({"sub": "s-1"}, answer)


# --- key rotation ----------------------------------------------------------------------------


@pytest.mark.parametrize("keep_old", [True, False])
def test_key_rotation_at_the_provider_during_a_session(app, client, realm, keep_old):
    assert sign_in(client, "inwoner").status_code == 302
    before = realm.jwks_requests
    realm.rotate_key(keep_old=keep_old)

    # The running session is ours, not the token's: it goes on.
    assert client.get("/mijn-overzicht").status_code == 200
    # A new sign-in, signed with the new key, works without restarting the portal.
    other = app.test_client()
    assert sign_in(other, "inwoner-midden").status_code == 302
    assert other.get("/mijn-overzicht").status_code == 200
    assert realm.jwks_requests == before + 1
    # And the first session still logs out at the provider with its (old) ID token.
    action, fields = provider_logout_form(client.post_form("/uitloggen", page="/"))
    answer = requests.post(action, data=fields, allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("http://localhost/uitgelogd")


def test_rotations_within_a_minute_fetch_the_keys_once(app, client, realm, clock):
    assert sign_in(client, "inwoner").status_code == 302
    realm.rotate_key(keep_old=False)
    assert sign_in(app.test_client(), "inwoner").status_code == 302
    fetched = realm.jwks_requests

    realm.rotate_key(keep_old=False)
    clock[0] += 30
    refused = sign_in(app.test_client(), "inwoner")
    assert refused.status_code == 400
    assert heading(refused) == "Inloggen is niet gelukt"
    assert realm.jwks_requests == fetched  # not again within the minute

    clock[0] += 31
    assert sign_in(app.test_client(), "inwoner").status_code == 302
    assert realm.jwks_requests == fetched + 1


def _id_token(issuer: str, key: RSAKey, kid: str | None = None) -> str:
    now = int(time.time())
    claims = {
        "iss": issuer,
        "aud": "mijngemeente-digid",
        "sub": personas.persona("inwoner").sub,
        "iat": now,
        "exp": now + 300,
        "nonce": "n-1",
        "acr": personas.DIGID_SUBSTANTIEEL,
        "bsn": "999990007",
    }
    header = {"alg": "RS256", "kid": kid or key.kid}
    return jwt.encode(header, claims, key)


@pytest.fixture
def issuer(oidc_provider):
    return f"{oidc_provider.url}/digid"


@pytest.fixture
def broker(app, realm):
    """The portal's DigiD client, its keys fetched once, inside a request."""
    with app.test_request_context("/"):
        client = oidc.client_for("digid")
        client.fetch_jwk_set()
        yield client


def test_a_token_with_an_unknown_kid_fetches_the_keys_once_a_minute(broker, issuer, realm, clock):
    stranger = RSAKey.generate_key(2048, auto_kid=True)
    fetched = realm.jwks_requests
    for _ in range(2):
        with pytest.raises(JoseError):
            broker.parse_id_token({"id_token": _id_token(issuer, stranger)}, nonce="n-1")
    assert realm.jwks_requests == fetched + 1
    clock[0] += 61
    with pytest.raises(JoseError):
        broker.parse_id_token({"id_token": _id_token(issuer, stranger)}, nonce="n-1")
    assert realm.jwks_requests == fetched + 2


def test_a_forged_token_with_the_providers_kid_still_fails(broker, issuer, realm):
    forger = RSAKey.generate_key(2048)
    forged = _id_token(issuer, forger, kid=realm.key.kid)
    fetched = realm.jwks_requests
    for _ in range(2):
        with pytest.raises(JoseError):
            broker.parse_id_token({"id_token": forged}, nonce="n-1")
    assert realm.jwks_requests == fetched + 1  # one refetch: perhaps the key changed
    genuine = broker.parse_id_token({"id_token": _id_token(issuer, realm.key)}, nonce="n-1")
    assert genuine["bsn"] == "999990007"


def test_a_withdrawn_key_is_not_trusted_after_the_keys_are_fetched_again(
    broker, issuer, realm, clock
):
    old = realm.key
    assert broker.parse_id_token({"id_token": _id_token(issuer, old)}, nonce="n-1")["sub"]
    new = realm.rotate_key(keep_old=False)
    assert broker.parse_id_token({"id_token": _id_token(issuer, new)}, nonce="n-1")["sub"]
    clock[0] += 61
    with pytest.raises(JoseError):
        broker.parse_id_token({"id_token": _id_token(issuer, old)}, nonce="n-1")


def test_keys_older_than_the_maximum_age_are_fetched_again(broker, realm, clock):
    fetched = realm.jwks_requests
    broker.fetch_jwk_set()
    assert realm.jwks_requests == fetched
    clock[0] += broker.max_age_seconds + 1
    broker.fetch_jwk_set()
    assert realm.jwks_requests == fetched + 1


# --- logout ----------------------------------------------------------------------------------


def _payload(token: str) -> dict:
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def test_logout_sends_the_id_token_hint_and_never_a_logout_hint(client, oidc_provider):
    sign_in(client, "inwoner")
    action, fields = provider_logout_form(client.post_form("/uitloggen", page="/"))
    assert action == f"{oidc_provider.url}/digid/end_session"
    assert "logout_hint" not in fields
    assert fields["post_logout_redirect_uri"] == "http://localhost/uitgelogd"
    hint = _payload(fields["id_token_hint"])
    assert hint["sub"] == personas.persona("inwoner").sub
    assert hint["iss"] == f"{oidc_provider.url}/digid"
    # The provider accepts the hint and sends the person back.
    answer = requests.post(action, data=fields, allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("http://localhost/uitgelogd")


def test_the_id_token_stays_server_side(client):
    sign_in(client, "inwoner")
    (row,) = db.session.scalars(db.select(AuthSession)).all()
    assert _payload(row.principal["_id_token"])["bsn"] == "999990007"
    value = client.get_cookie("session").value
    compressed = value.startswith(".")
    payload = value.lstrip(".").split(".")[0]
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    raw = zlib.decompress(raw) if compressed else raw
    assert b"999990007" not in raw
    assert b"eyJ" not in raw  # no JWT at all
    assert client.get("/mijn-overzicht").status_code == 200
