"""Fixtures for the local OIDC provider: it runs on a free port in a background thread, and
`RelyingParty` drives it over HTTP the way the portal does."""

import base64
import hashlib
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from bs4 import BeautifulSoup
from joserfc import jwt
from joserfc.jwk import KeySet
from werkzeug.serving import make_server

from portal.testprovider import create_provider_app

RP_URL = "http://127.0.0.1:8765"
SECRET = "test-secret"
TOKEN_LIFETIME = 120


def client_config(realm: str) -> dict:
    return {
        "realm": realm,
        "client_id": f"rp-{realm}",
        "client_secret": SECRET,
        "redirect_uris": [f"{RP_URL}/{realm}/callback"],
        "post_logout_redirect_uris": [f"{RP_URL}/uitgelogd"],
    }


REALM_IDS = ("digid", "eherkenning", "medewerkers")


@dataclass
class ProviderServer:
    url: str
    _server: object = field(repr=False)

    def issuer(self, realm: str) -> str:
        return f"{self.url}/{realm}"

    def discovery(self, realm: str) -> dict:
        response = requests.get(f"{self.issuer(realm)}/.well-known/openid-configuration", timeout=5)
        response.raise_for_status()
        return response.json()


@pytest.fixture(scope="session")
def provider() -> Iterator[ProviderServer]:
    app = create_provider_app([client_config(r) for r in REALM_IDS], token_lifetime=TOKEN_LIFETIME)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield ProviderServer(f"http://127.0.0.1:{server.server_port}", server)
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@dataclass
class Login:
    """One authorization request and the secrets the relying party keeps for it."""

    realm: str
    params: dict
    verifier: str
    response: requests.Response | None = None

    @property
    def page(self) -> BeautifulSoup:
        return BeautifulSoup(self.response.text, "html.parser")


class RelyingParty:
    def __init__(self, provider: ProviderServer) -> None:
        self.provider = provider
        self.http = requests.Session()

    def authorize_params(self, realm: str, **overrides) -> tuple[dict, str]:
        verifier = secrets.token_urlsafe(48)
        params = {
            "response_type": "code",
            "client_id": f"rp-{realm}",
            "redirect_uri": f"{RP_URL}/{realm}/callback",
            "scope": "openid",
            "state": secrets.token_urlsafe(16),
            "nonce": secrets.token_urlsafe(16),
            "code_challenge": s256(verifier),
            "code_challenge_method": "S256",
        }
        params.update(overrides)
        return {k: v for k, v in params.items() if v is not None}, verifier

    def start(self, realm: str, **overrides) -> Login:
        """GET the sign-in page; pass `name=None` to leave a parameter out."""
        params, verifier = self.authorize_params(realm, **overrides)
        login = Login(realm, params, verifier)
        login.response = self.http.get(
            f"{self.provider.issuer(realm)}/authorize",
            params=params,
            allow_redirects=False,
            timeout=5,
        )
        return login

    def submit(self, login: Login, persona_id: str | None, action: str = "inloggen"):
        """Post the sign-in form the way a browser would: to its action, with its fields."""
        form = login.page.find("form", method="post")
        data = {"actie": action}
        if persona_id is not None:
            data["persoon"] = persona_id
        return self.http.post(
            f"{self.provider.url}{form['action']}", data=data, allow_redirects=False, timeout=5
        )

    def sign_in(self, realm: str, persona_id: str, **overrides) -> tuple[Login, dict]:
        """Pick a persona; return the login and the callback's query parameters."""
        login = self.start(realm, **overrides)
        assert login.response.status_code == 200, login.response.text
        response = self.submit(login, persona_id)
        assert response.status_code == 302, response.text
        return login, callback_params(response)

    def exchange(
        self, realm: str, code: str, verifier: str | None, **overrides
    ) -> requests.Response:
        data = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": f"{RP_URL}/{realm}/callback",
            "code_verifier": verifier,
        }
        data.update(overrides)
        return self.http.post(
            f"{self.provider.issuer(realm)}/token",
            data={k: v for k, v in data.items() if v is not None},
            auth=(f"rp-{realm}", SECRET),
            timeout=5,
        )

    def tokens_for(self, realm: str, persona_id: str) -> tuple[Login, dict]:
        login, params = self.sign_in(realm, persona_id)
        response = self.exchange(realm, params["code"], login.verifier)
        assert response.status_code == 200, response.text
        return login, response.json()

    def verify_id_token(self, realm: str, id_token: str) -> dict:
        """Check the signature against the realm's JWKS, as the portal does."""
        jwks = self.http.get(self.provider.discovery(realm)["jwks_uri"], timeout=5).json()
        return jwt.decode(id_token, KeySet.import_key_set(jwks), algorithms=["RS256"]).claims

    def userinfo(self, realm: str, access_token: str) -> requests.Response:
        return self.http.get(
            f"{self.provider.issuer(realm)}/userinfo",
            headers={"Authorization": f"Bearer {access_token}"},
            timeout=5,
        )


def callback_params(response: requests.Response) -> dict:
    location = response.headers["Location"]
    assert location.startswith(RP_URL), location
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


@pytest.fixture
def rp(provider) -> Iterator[RelyingParty]:
    relying_party = RelyingParty(provider)
    yield relying_party
    relying_party.http.close()
