"""Configuration of the provider: default clients, module entry point, compatibility."""

import os
import subprocess
import sys
import time

import pytest
import requests
from authlib.integrations.requests_client import OAuth2Session
from werkzeug.serving import make_server

from portal.testprovider import create_provider_app, default_clients
from tests.testprovider.conftest import RP_URL, SECRET, Login


def test_default_clients_accept_both_loopback_names():
    digid = next(c for c in default_clients() if c["realm"] == "digid")

    assert digid["client_id"] == "mijngemeente-digid"
    assert digid["client_secret"] == "dev-secret-not-for-production"
    assert digid["redirect_uris"] == [
        "http://127.0.0.1:5000/inloggen/digid/callback",
        "http://localhost:5000/inloggen/digid/callback",
    ]


def test_default_staff_client_returns_to_the_staff_pages():
    staff = next(c for c in default_clients("http://localhost:8000") if c["realm"] == "medewerkers")

    assert staff["redirect_uris"][0] == "http://localhost:8000/medewerkers/inloggen/callback"
    assert staff["post_logout_redirect_uris"][1] == "http://127.0.0.1:8000/medewerkers/uitgelogd"


def test_unknown_realm_in_clients_is_refused():
    with pytest.raises(ValueError, match="onbekend"):
        create_provider_app([{**default_clients()[0], "realm": "onbekend"}])


def test_authlib_client_completes_the_flow(rp, provider):
    """The portal signs in with Authlib's client; that client must work with this provider."""
    metadata = provider.discovery("digid")
    session = OAuth2Session(
        "rp-digid",
        SECRET,
        scope="openid",
        redirect_uri=f"{RP_URL}/digid/callback",
        code_challenge_method="S256",
    )
    verifier = "v" * 64
    url, state = session.create_authorization_url(
        metadata["authorization_endpoint"], code_verifier=verifier, nonce="n-0S6_WzA2Mj"
    )
    login = Login("digid", {}, verifier, rp.http.get(url, allow_redirects=False, timeout=5))
    callback = rp.submit(login, "inwoner").headers["Location"]

    token = session.fetch_token(
        metadata["token_endpoint"], authorization_response=callback, code_verifier=verifier
    )

    claims = rp.verify_id_token("digid", token["id_token"])
    assert claims["nonce"] == "n-0S6_WzA2Mj"
    assert state in callback
    session.close()


def test_runs_as_a_module(tmp_path):
    with make_server("127.0.0.1", 0, create_provider_app([])) as probe:
        port = probe.server_port
    env = {**os.environ, "TESTPROVIDER_PORTAL_URL": "http://127.0.0.1:5999"}
    process = subprocess.Popen(
        [sys.executable, "-m", "portal.testprovider", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/digid/.well-known/openid-configuration"
        metadata = _wait_for_json(url)
        assert metadata["issuer"] == f"http://127.0.0.1:{port}/digid"
        page = requests.get(
            metadata["authorization_endpoint"],
            params={
                "response_type": "code",
                "client_id": "mijngemeente-digid",
                "redirect_uri": "http://localhost:5999/inloggen/digid/callback",
                "scope": "openid",
                "nonce": "n",
                "code_challenge": "c" * 43,
                "code_challenge_method": "S256",
            },
            timeout=5,
        )
        assert page.status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for_json(url: str, seconds: float = 20) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        try:
            return requests.get(url, timeout=1).json()
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
