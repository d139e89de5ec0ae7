"""The OIDC client (Authlib): discovery, authorization code flow with PKCE (S256), state and
nonce, ID-token signature and claims (issuer, audience, expiry, nonce) validated by Authlib
against the provider's published keys. One registered client per sign-in means.
"""

from authlib.common.urls import add_params_to_uri
from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app

from portal.auth.settings import MEANS


class ProviderMismatch(RuntimeError):
    """The discovery document names another issuer than we configured."""


def init_app(app: Flask) -> None:
    # One registry per app: Authlib caches clients, and tests build many apps.
    oauth = OAuth(app)
    app.extensions["portal_oauth"] = oauth
    for means in MEANS:
        prefix = f"OIDC_{means.upper()}_"
        issuer = app.config[prefix + "ISSUER"].rstrip("/")
        oauth.register(
            name=means,
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


def client_for(means: str):
    client = current_app.extensions["portal_oauth"].create_client(means)
    metadata = client.load_server_metadata()
    expected = current_app.config[f"OIDC_{means.upper()}_ISSUER"].rstrip("/")
    if metadata.get("issuer", "").rstrip("/") != expected:
        raise ProviderMismatch(means)
    return client


def end_session_url(means: str, subject: str, return_to: str) -> str | None:
    """RP-initiated logout at the provider, or None when it offers none.

    We send client_id and logout_hint (the pseudonymous `sub`), not id_token_hint: the ID
    token holds the BSN, and this URL ends up in the browser's history.
    """
    try:
        client = client_for(means)
        endpoint = client.load_server_metadata().get("end_session_endpoint")
    except Exception:
        return None
    if not endpoint:
        return None
    params = {"client_id": client.client_id, "post_logout_redirect_uri": return_to}
    if subject:
        params["logout_hint"] = subject
    return add_params_to_uri(endpoint, params)
