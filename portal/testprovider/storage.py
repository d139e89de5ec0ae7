"""In-memory clients, authorization codes and tokens of one realm.

The provider runs in one process with a threaded server, so every change goes through a lock.
The objects implement the small model interfaces Authlib's grants and endpoints call.
"""

import hmac
import threading
import time
from dataclasses import dataclass, field

from authlib.oauth2.rfc6749 import scope_to_list

from portal.testprovider.personas import Persona

SUPPORTED_SCOPES = ("openid", "profile", "email")
TOKEN_ENDPOINT_AUTH_METHODS = ("client_secret_basic", "client_secret_post")
# RFC 6749 §4.1.2: codes must expire shortly after they are issued.
CODE_LIFETIME_SECONDS = 120


@dataclass(frozen=True)
class Client:
    realm: str
    client_id: str
    client_secret: str
    redirect_uris: tuple[str, ...]
    post_logout_redirect_uris: tuple[str, ...] = ()

    @classmethod
    def from_config(cls, config: dict) -> "Client":
        return cls(
            realm=config["realm"],
            client_id=config["client_id"],
            client_secret=config["client_secret"],
            redirect_uris=tuple(config["redirect_uris"]),
            post_logout_redirect_uris=tuple(config.get("post_logout_redirect_uris", ())),
        )

    @property
    def client_metadata(self) -> dict:
        return {"post_logout_redirect_uris": list(self.post_logout_redirect_uris)}

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        # OIDC Core §3.1.2.1: redirect_uri is required, so there is no default to fall back on.
        return None

    def get_allowed_scope(self, scope: str | None) -> str:
        return " ".join(s for s in scope_to_list(scope or "") if s in SUPPORTED_SCOPES)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return hmac.compare_digest(client_secret.encode(), self.client_secret.encode())

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return endpoint == "token" and method in TOKEN_ENDPOINT_AUTH_METHODS

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class AuthorizationCode:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    persona: Persona
    nonce: str
    code_challenge: str
    code_challenge_method: str
    auth_time: int
    expires_at: float

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> str:
        return self.persona.acr

    def get_amr(self) -> None:
        return None


@dataclass
class Token:
    access_token: str
    client: Client
    persona: Persona
    scope: str
    issued_at: float
    expires_in: int
    code: str
    revoked: bool = False

    def check_client(self, client: Client) -> bool:
        return client.client_id == self.client.client_id

    def get_scope(self) -> str:
        return self.scope

    def get_expires_in(self) -> int:
        return self.expires_in

    def is_expired(self) -> bool:
        return time.time() >= self.issued_at + self.expires_in

    def is_revoked(self) -> bool:
        return self.revoked

    def get_user(self) -> Persona:
        return self.persona

    def get_client(self) -> Client:
        return self.client


@dataclass
class RealmStore:
    clients: dict[str, Client]
    codes: dict[str, AuthorizationCode] = field(default_factory=dict)
    used_codes: set[str] = field(default_factory=set)
    tokens: dict[str, Token] = field(default_factory=dict)
    used_nonces: set[tuple[str, str]] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def save_code(self, code: AuthorizationCode) -> None:
        with self.lock:
            self.codes[code.code] = code
            self.used_nonces.add((code.client_id, code.nonce))

    def nonce_used(self, client_id: str, nonce: str) -> bool:
        with self.lock:
            return (client_id, nonce) in self.used_nonces

    def consume_code(self, code: str, client_id: str) -> AuthorizationCode | None:
        """Take a code out of the store, so that it works once, even for two requests at once.

        A code presented a second time revokes the tokens issued for it (RFC 6749 §4.1.2).
        """
        with self.lock:
            if code in self.used_codes:
                for token in self.tokens.values():
                    if token.code == code:
                        token.revoked = True
                return None
            found = self.codes.get(code)
            if found is None or found.client_id != client_id:
                return None
            del self.codes[code]
            self.used_codes.add(code)
            return found if found.expires_at > time.time() else None

    def save_token(self, token: Token) -> None:
        with self.lock:
            self.tokens[token.access_token] = token

    def find_token(self, access_token: str) -> Token | None:
        with self.lock:
            return self.tokens.get(access_token)

    def revoke_tokens(self, client_id: str, sub: str) -> None:
        with self.lock:
            for token in self.tokens.values():
                if token.client.client_id == client_id and token.persona.sub == sub:
                    token.revoked = True
