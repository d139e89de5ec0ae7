"""One Authlib authorization server per realm, each with its own clients, tokens and RSA key.

Stricter than Authlib's defaults where the portal's security relies on it: PKCE with S256 is
required for every client (also confidential ones), `nonce` is required, the `openid` scope is
required, and a code works once.
"""

import copy
import time
from typing import ClassVar

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2.rfc6749 import InvalidRequestError, InvalidScopeError, OAuth2Request
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc7636.challenge import compare_s256_code_challenge
from authlib.oidc.core import UserInfo, UserInfoEndpoint
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.core.grants.util import is_openid_scope
from authlib.oidc.rpinitiated import EndSessionEndpoint, EndSessionRequest
from flask import request
from joserfc.jwk import KeySet, RSAKey

from portal.testprovider.personas import Persona
from portal.testprovider.realms import Realm
from portal.testprovider.storage import (
    CODE_LIFETIME_SECONDS,
    AuthorizationCode,
    Client,
    RealmStore,
    Token,
)

SIGNING_ALG = "RS256"


def issuer_url(realm_id: str) -> str:
    """The realm's issuer, as seen by whoever asks: the portal reaches the provider by one URL."""
    return f"{request.url_root.rstrip('/')}/{realm_id}"


def user_info(persona: Persona) -> UserInfo:
    claims = copy.deepcopy(persona.claims)
    if persona.mandates:
        # Like DigiD Machtigen's list of whom she may act for; no BSNs, only the broker's ids.
        claims["machtigingen"] = [
            {"id": m.id, "naam": m.name, "diensten": list(m.services)} for m in persona.mandates
        ]
        in_use = persona.mandate_in_use()
        if in_use is not None:
            claims.setdefault("machtiging", in_use.id)
    return UserInfo(sub=persona.sub, **claims)


class RealmServer(AuthorizationServer):
    def __init__(self, realm: Realm, clients: list[Client], token_lifetime: int) -> None:
        super().__init__()
        self.realm = realm
        self.token_lifetime = token_lifetime
        self.store = RealmStore({client.client_id: client for client in clients})
        self.key = _new_key()
        # What /jwks publishes; every key this realm ever signed with, for its own logout.
        self.published: list[RSAKey] = [self.key]
        self.signed_with: list[RSAKey] = [self.key]
        self.jwks_requests = 0
        # Off: the ID token carries only sub and acr, the rest comes from /userinfo (as with
        # brokers that send the BSN only there).
        self.claims_in_id_token = True
        self.load_config({"OAUTH2_TOKEN_EXPIRES_IN": {"authorization_code": token_lifetime}})
        self.register_grant(CodeGrant, [S256CodeChallenge(required=True), RealmOpenIDCode(self)])
        protector = ResourceProtector()
        protector.register_token_validator(RealmTokenValidator(self.store))
        self.register_endpoint(RealmUserInfoEndpoint(resource_protector=protector))
        self.register_endpoint(RealmEndSessionEndpoint)

    @property
    def issuer(self) -> str:
        return issuer_url(self.realm.id)

    def public_jwks(self) -> dict:
        self.jwks_requests += 1
        return {"keys": [key.as_dict(private=False) for key in self.published]}

    def rotate_key(self, keep_old: bool = True) -> RSAKey:
        """Sign with a new key from now on. `keep_old` publishes the old key next to it (the
        usual overlap of a rotation); without it the old key is withdrawn at once."""
        new = _new_key()
        self.published = [new, *self.published] if keep_old else [new]
        self.signed_with.append(new)
        self.key = new
        return new

    def query_client(self, client_id: str) -> Client | None:
        return self.store.clients.get(client_id)

    def save_token(self, token: dict, request: OAuth2Request) -> None:
        self.store.save_token(
            Token(
                access_token=token["access_token"],
                client=request.client,
                persona=request.user,
                scope=token.get("scope", ""),
                issued_at=time.time(),
                expires_in=token["expires_in"],
                code=request.authorization_code.code,
            )
        )


def _new_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"use": "sig", "alg": SIGNING_ALG}, auto_kid=True)


class CodeGrant(AuthorizationCodeGrant):
    server: RealmServer

    def validate_authorization_request(self) -> str:
        redirect_uri = super().validate_authorization_request()
        # Without `openid` Authlib would skip the nonce check and the ID token.
        if not is_openid_scope(self.request.payload.scope):
            raise InvalidScopeError("The 'openid' scope is required.", redirect_uri=redirect_uri)
        return redirect_uri

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        data = request.payload.data
        now = time.time()
        self.server.store.save_code(
            AuthorizationCode(
                code=code,
                client_id=request.client.client_id,
                redirect_uri=request.payload.redirect_uri,
                scope=request.scope,
                persona=request.user,
                nonce=data["nonce"],
                code_challenge=data["code_challenge"],
                code_challenge_method=data["code_challenge_method"],
                auth_time=int(now),
                expires_at=now + CODE_LIFETIME_SECONDS,
            )
        )

    def query_authorization_code(self, code: str, client: Client) -> AuthorizationCode | None:
        return self.server.store.consume_code(code, client.client_id)

    def delete_authorization_code(self, authorization_code: AuthorizationCode) -> None:
        """Nothing left to do: `query_authorization_code` already took the code out."""

    def authenticate_user(self, authorization_code: AuthorizationCode) -> Persona:
        return authorization_code.persona


class S256CodeChallenge(CodeChallenge):
    """PKCE for every client, S256 only: Authlib's own check lets a request without it pass."""

    SUPPORTED_CODE_CHALLENGE_METHOD: ClassVar = ["S256"]
    CODE_CHALLENGE_METHODS: ClassVar = {"S256": compare_s256_code_challenge}

    def validate_code_challenge(self, grant: CodeGrant, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("Missing 'code_challenge': PKCE is required.")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("The 'code_challenge_method' must be S256.")
        super().validate_code_challenge(grant, redirect_uri)


class RealmOpenIDCode(OpenIDCode):
    def __init__(self, realm_server: RealmServer) -> None:
        super().__init__(require_nonce=True)
        self.realm_server = realm_server

    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        return self.realm_server.store.nonce_used(request.payload.client_id, nonce)

    def resolve_client_private_key(self, client: Client) -> RSAKey:
        return self.realm_server.key

    def get_client_algorithm(self, client: Client) -> str:
        return SIGNING_ALG

    def get_encode_header(self, client: Client) -> dict:
        return {"alg": SIGNING_ALG, "kid": self.realm_server.key.kid, "typ": "JWT"}

    def get_client_claims(self, client: Client) -> dict:
        now = int(time.time())
        return {
            "iss": self.realm_server.issuer,
            "aud": client.client_id,
            "iat": now,
            "exp": now + self.realm_server.token_lifetime,
        }

    def generate_user_info(self, user: Persona, scope: str) -> UserInfo:
        if not self.realm_server.claims_in_id_token:
            return UserInfo(sub=user.sub)
        return user_info(user)


class RealmTokenValidator(BearerTokenValidator):
    def __init__(self, store: RealmStore) -> None:
        super().__init__()
        self.store = store

    def authenticate_token(self, token_string: str) -> Token | None:
        return self.store.find_token(token_string)


class RealmUserInfoEndpoint(UserInfoEndpoint):
    server: RealmServer

    def get_issuer(self) -> str:
        return self.server.issuer

    def generate_user_info(self, user: Persona, scope: str) -> UserInfo:
        return user_info(user)


class RealmEndSessionEndpoint(EndSessionEndpoint):
    server: RealmServer

    def get_server_jwks(self) -> KeySet:
        return KeySet(list(self.server.signed_with))

    def get_algorithms(self) -> list[str]:
        return [SIGNING_ALG]

    def validate_request(self, request: OAuth2Request) -> EndSessionRequest:
        validated = super().validate_request(request)
        claims = validated.id_token_claims
        if claims is not None and claims.get("iss") != self.server.issuer:
            raise InvalidRequestError("The 'id_token_hint' was not issued by this realm.")
        return validated

    def is_post_logout_redirect_uri_legitimate(
        self, request: OAuth2Request, post_logout_redirect_uri: str, client, logout_hint
    ) -> bool:
        # Reached only with a known client_id and an exactly registered URI. The portal may
        # have lost the ID token when its own session expired; it must still get back.
        return True

    def end_session(self, end_session_request: EndSessionRequest) -> None:
        claims = end_session_request.id_token_claims
        if end_session_request.client and claims:
            self.server.store.revoke_tokens(end_session_request.client.client_id, claims["sub"])
