"""The OIDC client (Authlib): discovery, authorization code flow with PKCE (S256), state and
nonce, ID-token signature and claims (issuer, audience, expiry, nonce) validated by Authlib
against the provider's published keys. One registered client per sign-in means.

Brokers rotate their signing keys: a token that names a key we do not have, or whose signature
fails with the keys we have, makes us fetch the JWKS again, at most once a minute per provider,
so a flood of forged tokens cannot make us hammer the broker. The fetched set replaces the old
one, and a set older than OIDC_JWKS_MAX_AGE_SECONDS is fetched again, so keys the broker has
withdrawn are not trusted for ever.
"""

import logging
import threading
import time
from dataclasses import dataclass

from authlib.common.urls import add_params_to_uri
from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from authlib.integrations.flask_client.apps import FlaskOAuth2App
from flask import Flask, current_app
from joserfc.errors import BadSignatureError
from requests import RequestException

from portal.auth.claims import ClaimError, merge_userinfo
from portal.auth.settings import MEANS

log = logging.getLogger(__name__)
clock = time.monotonic  # replaced in tests


class BrokerClient(FlaskOAuth2App):
    refetch_seconds = 60
    max_age_seconds = 3600

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._keys_lock = threading.Lock()
        self._keys_fetched_at: float | None = None
        self._last_refetch: float | None = None

    def fetch_jwk_set(self, force: bool = False) -> dict:
        """The provider's keys. `force` (a token named an unknown key) fetches them again
        only when the last such fetch is a minute ago; else the keys we have are the answer."""
        self.load_server_metadata()
        with self._keys_lock:
            cached = self.server_metadata.get("jwks")
            now = clock()
            fresh = self._keys_fetched_at is not None and (
                now - self._keys_fetched_at < self.max_age_seconds
            )
            if cached and not force and fresh:
                return cached
            if cached and force and not self._may_refetch(now):
                return cached
            if force:
                self._last_refetch = now
            keys = super().fetch_jwk_set(force=True)
            self._keys_fetched_at = now
            return keys

    def _may_refetch(self, now: float) -> bool:
        return self._last_refetch is None or now - self._last_refetch >= self.refetch_seconds

    def parse_id_token(self, token, nonce, *args, **kwargs):
        # Authlib fetches again itself for an unknown kid (through fetch_jwk_set, so limited);
        # a known kid whose signature fails means the key behind it changed.
        try:
            return super().parse_id_token(token, nonce, *args, **kwargs)
        except BadSignatureError:
            with self._keys_lock:
                if not self._may_refetch(clock()):
                    raise
            self.fetch_jwk_set(force=True)
            return super().parse_id_token(token, nonce, *args, **kwargs)


class ProviderMismatch(RuntimeError):
    """The discovery document names another issuer than we configured."""


def init_app(app: Flask) -> None:
    # One registry per app: Authlib caches clients, and tests build many apps.
    oauth = OAuth(app)
    app.extensions["portal_oauth"] = oauth
    for means in MEANS:
        prefix = f"OIDC_{means.upper()}_"
        issuer = app.config[prefix + "ISSUER"].rstrip("/")
        client = oauth.register(
            name=means,
            client_cls=BrokerClient,
            client_id=app.config[prefix + "CLIENT_ID"],
            client_secret=app.config[prefix + "CLIENT_SECRET"],
            server_metadata_url=f"{issuer}/.well-known/openid-configuration",
            client_kwargs={
                "scope": app.config[prefix + "SCOPES"],
                "code_challenge_method": "S256",
                "token_endpoint_auth_method": "client_secret_basic",
                "timeout": 10,
            },
        )
        client.refetch_seconds = app.config.get("OIDC_JWKS_REFETCH_SECONDS", 60)
        client.max_age_seconds = app.config.get("OIDC_JWKS_MAX_AGE_SECONDS", 3600)


# Authlib keeps one `_state_<means>_<state>` entry in the session cookie per sign-in started;
# sign-ins that are never finished (a tab closed, the back button) would otherwise pile up until
# the cookie passes the browsers' 4 KB and every page breaks.
STATE_PREFIX = "_state_"
PENDING_SIGN_INS_KEPT = 3


def forget_old_sign_ins(session, keep: int = PENDING_SIGN_INS_KEPT - 1) -> None:
    """Before a new sign-in starts: keep only the `keep` newest started ones, so it and they
    can still be finished."""
    pending = [key for key in session if key.startswith(STATE_PREFIX)]
    pending.sort(key=lambda key: _expiry(session[key]), reverse=True)
    for key in pending[keep:]:
        session.pop(key, None)


def _expiry(value) -> float:
    expiry = value.get("exp") if isinstance(value, dict) else None
    return expiry if isinstance(expiry, int | float) else 0


def client_for(means: str):
    client = current_app.extensions["portal_oauth"].create_client(means)
    metadata = client.load_server_metadata()
    expected = current_app.config[f"OIDC_{means.upper()}_ISSUER"].rstrip("/")
    if metadata.get("issuer", "").rstrip("/") != expected:
        raise ProviderMismatch(means)
    return client


def with_userinfo(means: str, client, token: dict, claims: dict) -> dict:
    """The ID token's claims, with the userinfo answer's when this means is set to use it.
    Only a JSON answer is understood; a provider that cannot be asked refuses the sign-in."""
    if not current_app.config.get(f"OIDC_{means.upper()}_USE_USERINFO"):
        return claims
    try:
        if not client.load_server_metadata().get("userinfo_endpoint"):
            raise ValueError("no userinfo endpoint")
        answer = dict(client.userinfo(token=token))
    except (OAuthError, RequestException, ValueError) as error:
        log.warning("sign-in %s: userinfo refused: %s", means, type(error).__name__)
        raise ClaimError("token_invalid", "userinfo") from error
    return merge_userinfo(claims, answer)


@dataclass(frozen=True)
class ProviderLogout:
    """Where and how to send the logout request. "POST" is a form the browser posts (see
    templates/auth/provider_logout.html); "GET" a redirect."""

    endpoint: str
    params: dict
    method: str

    @property
    def url(self) -> str:
        return add_params_to_uri(self.endpoint, self.params)


def provider_logout(means: str, id_token: str, return_to: str) -> ProviderLogout | None:
    """RP-initiated logout at the provider, or None when it offers none.

    The provider learns whose session to end from `id_token_hint`, the ID token it gave us
    (kept server side, never in the cookie). Never `logout_hint`: a broker may take it for a
    login name, and ours would be a BSN. The token goes by form POST, so it stays out of the
    address bar and the browser's history: RP-Initiated Logout 1.0 §2 says every provider
    MUST accept POST, and the discovery document has no field that says otherwise. A broker
    that still takes only GET is set with OIDC_<MEANS>_LOGOUT_METHOD=GET.
    """
    try:
        client = client_for(means)
        endpoint = client.load_server_metadata().get("end_session_endpoint")
    except Exception:
        return None
    if not endpoint:
        return None
    params = {"client_id": client.client_id, "post_logout_redirect_uri": return_to}
    if id_token:
        params["id_token_hint"] = id_token
    method = current_app.config.get(f"OIDC_{means.upper()}_LOGOUT_METHOD") or "POST"
    return ProviderLogout(endpoint, params, "GET" if method.upper() == "GET" else "POST")
