"""The whole sign-in flow over HTTP: authorize, pick a persona, exchange the code, verify."""

import time

import pytest
from joserfc.errors import JoseError
from joserfc.jwt import JWTClaimsRegistry

from portal.testprovider import PERSONAS, persona
from tests.testprovider.conftest import RP_URL, SECRET, TOKEN_LIFETIME


@pytest.mark.parametrize("who", PERSONAS, ids=lambda p: p.id)
def test_id_token_is_signed_by_the_realm_and_carries_the_persona(rp, provider, who):
    login, tokens = rp.tokens_for(who.realm, who.id)

    claims = rp.verify_id_token(who.realm, tokens["id_token"])

    JWTClaimsRegistry(
        iss={"essential": True, "value": provider.issuer(who.realm)},
        aud={"essential": True, "value": f"rp-{who.realm}"},
        nonce={"essential": True, "value": login.params["nonce"]},
        acr={"essential": True, "value": who.acr},
        exp={"essential": True},
        iat={"essential": True},
        auth_time={"essential": True},
    ).validate(claims)
    assert claims["exp"] - claims["iat"] == TOKEN_LIFETIME
    assert claims["sub"] == who.sub
    assert {k: claims[k] for k in who.claims} == who.claims


def test_digid_resident_gets_bsn_and_substantieel(rp):
    _, tokens = rp.tokens_for("digid", "inwoner")

    claims = rp.verify_id_token("digid", tokens["id_token"])

    assert claims["bsn"] == "999990007"
    assert claims["acr"] == "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard"


def test_token_without_bsn_persona_has_no_bsn(rp):
    _, tokens = rp.tokens_for("digid", "inwoner-zonder-bsn")

    assert "bsn" not in rp.verify_id_token("digid", tokens["id_token"])


def test_callback_returns_the_state(rp):
    login, params = rp.sign_in("digid", "inwoner")

    assert params["state"] == login.params["state"]
    assert set(params) == {"code", "state"}


def test_userinfo_returns_the_persona_claims(rp):
    who = persona("behandelaar")
    _, tokens = rp.tokens_for("medewerkers", who.id)

    response = rp.userinfo("medewerkers", tokens["access_token"])

    assert response.status_code == 200
    assert response.json() == {"sub": who.sub, **who.claims}


def test_token_response_is_bearer_and_not_cached(rp):
    login, params = rp.sign_in("eherkenning", "ondernemer")

    response = rp.exchange("eherkenning", params["code"], login.verifier)

    assert response.json()["token_type"].lower() == "bearer"
    assert response.json()["expires_in"] == TOKEN_LIFETIME
    assert response.headers["Cache-Control"] == "no-store"


def test_client_secret_post_is_accepted(rp, provider):
    login, params = rp.sign_in("digid", "inwoner")

    response = rp.http.post(
        f"{provider.issuer('digid')}/token",
        data={
            "grant_type": "authorization_code",
            "code": params["code"],
            "redirect_uri": f"{RP_URL}/digid/callback",
            "code_verifier": login.verifier,
            "client_id": "rp-digid",
            "client_secret": SECRET,
        },
        timeout=5,
    )

    assert response.status_code == 200, response.text
    assert "id_token" in response.json()


def test_wrong_client_secret_is_refused(rp, provider):
    login, params = rp.sign_in("digid", "inwoner")

    response = rp.http.post(
        f"{provider.issuer('digid')}/token",
        data={
            "grant_type": "authorization_code",
            "code": params["code"],
            "redirect_uri": f"{RP_URL}/digid/callback",
            "code_verifier": login.verifier,
        },
        auth=("rp-digid", "wrong"),
        timeout=5,
    )

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_wrong_code_verifier_is_refused(rp):
    _, params = rp.sign_in("digid", "inwoner")

    response = rp.exchange("digid", params["code"], "x" * 50)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_missing_code_verifier_is_refused(rp):
    _, params = rp.sign_in("digid", "inwoner")

    response = rp.exchange("digid", params["code"], None)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


def test_other_redirect_uri_at_token_endpoint_is_refused(rp):
    login, params = rp.sign_in("digid", "inwoner")

    response = rp.exchange("digid", params["code"], login.verifier, redirect_uri=f"{RP_URL}/elders")

    assert response.json()["error"] == "invalid_grant"


def test_code_works_only_once(rp):
    login, params = rp.sign_in("digid", "inwoner")
    assert rp.exchange("digid", params["code"], login.verifier).status_code == 200

    second = rp.exchange("digid", params["code"], login.verifier)

    assert second.status_code == 400
    assert second.json()["error"] == "invalid_grant"


def test_reusing_a_code_revokes_the_tokens_issued_for_it(rp):
    login, params = rp.sign_in("digid", "inwoner")
    tokens = rp.exchange("digid", params["code"], login.verifier).json()

    rp.exchange("digid", params["code"], login.verifier)

    assert rp.userinfo("digid", tokens["access_token"]).status_code == 401


def test_code_of_one_realm_does_not_work_at_another(rp, provider):
    login, params = rp.sign_in("digid", "inwoner")

    response = rp.http.post(
        f"{provider.issuer('eherkenning')}/token",
        data={
            "grant_type": "authorization_code",
            "code": params["code"],
            "redirect_uri": f"{RP_URL}/digid/callback",
            "code_verifier": login.verifier,
        },
        auth=("rp-eherkenning", SECRET),
        timeout=5,
    )

    assert response.json()["error"] == "invalid_grant"


def test_access_token_of_one_realm_is_refused_by_another(rp):
    _, tokens = rp.tokens_for("digid", "inwoner")

    assert rp.userinfo("eherkenning", tokens["access_token"]).status_code == 401


def test_realms_sign_with_different_keys(rp):
    _, tokens = rp.tokens_for("eherkenning", "ondernemer")

    with pytest.raises(JoseError):
        rp.verify_id_token("digid", tokens["id_token"])


def test_userinfo_without_token_is_refused(rp, provider):
    response = rp.http.get(f"{provider.issuer('digid')}/userinfo", timeout=5)

    assert response.status_code == 401


def test_auth_time_is_the_moment_of_sign_in(rp):
    before = int(time.time())
    _, tokens = rp.tokens_for("digid", "inwoner-midden")

    claims = rp.verify_id_token("digid", tokens["id_token"])

    assert before <= claims["auth_time"] <= int(time.time())
