"""OAuth2 client credentials (RFC 6749 §4.4) for the registers.

One token per token endpoint, client and scope, shared by every thread of the process and
used until shortly before it expires; a register that answers 401 makes the client forget it
and fetch a new one once (a token revoked early). Neither the token nor the secret is logged.
"""

import logging
import threading
import time
from dataclasses import dataclass

import requests

from portal.registries.base import RegistryAccessDenied, RegistryUnavailable
from portal.registries.http.connection import (
    NETWORK_ERRORS,
    Settings,
    connection_failure,
    failure_error,
)

log = logging.getLogger(__name__)
MARGIN_SECONDS = 30  # fetch a new token this long before the old one expires
LIFETIME_WITHOUT_EXPIRY = 300  # `expires_in` is only RECOMMENDED; assume a short life


def _now() -> float:
    return time.monotonic()


@dataclass(frozen=True)
class _Token:
    value: str
    renew_at: float


_tokens: dict[tuple, _Token] = {}
_locks: dict[tuple, threading.Lock] = {}
_guard = threading.Lock()


def forget_all() -> None:
    """Drop every cached token (tests)."""
    with _guard:
        _tokens.clear()


class TokenSource:
    def __init__(
        self, register: str, settings: Settings, session: requests.Session, timeout: float
    ) -> None:
        self.register = register
        self.settings = settings
        self.session = session
        self.timeout = timeout
        self.key = (settings.token_url, settings.client_id, settings.scope)
        with _guard:
            self._lock = _locks.setdefault(self.key, threading.Lock())

    def token(self) -> str:
        """A valid access token. Raises RegistryAccessDenied when the token endpoint refuses
        us, plain RegistryUnavailable when it cannot be reached."""
        cached = _tokens.get(self.key)
        if cached and _now() < cached.renew_at:
            return cached.value
        # One thread fetches; the others wait for its token instead of asking too.
        with self._lock:
            cached = _tokens.get(self.key)
            if cached and _now() < cached.renew_at:
                return cached.value
            fresh = self._fetch()
            _tokens[self.key] = fresh
            return fresh.value

    def forget(self, value: str) -> None:
        """The register refused this token: drop it, unless another thread already did."""
        with self._lock:
            cached = _tokens.get(self.key)
            if cached and cached.value == value:
                del _tokens[self.key]

    def _fetch(self) -> _Token:
        settings = self.settings
        form = {"grant_type": "client_credentials"}
        if settings.scope:
            form["scope"] = settings.scope
        auth = None
        if settings.client_auth == "post" or not settings.client_secret:
            # Without a secret the client certificate identifies us (RFC 8705 tls_client_auth).
            form["client_id"] = settings.client_id
            if settings.client_secret:
                form["client_secret"] = settings.client_secret
        else:
            auth = (settings.client_id, settings.client_secret)
        try:
            response = self.session.post(
                settings.token_url,
                data=form,
                auth=auth,
                headers={"Accept": "application/json"},
                timeout=self.timeout,
                allow_redirects=False,
                **settings.tls(),
            )
        except NETWORK_ERRORS as error:
            failure = connection_failure(error)
            log.warning("%s token endpoint: %s", self.register, failure.reason)
            raise failure_error(self.register, failure) from None
        if response.status_code >= 500:
            log.warning("%s token endpoint: HTTP %s", self.register, response.status_code)
            raise RegistryUnavailable(self.register, f"token endpoint HTTP {response.status_code}")
        return self._token_from(response)

    def _token_from(self, response: requests.Response) -> _Token:
        try:
            answer = response.json()
        except ValueError:
            answer = None
        answer = answer if isinstance(answer, dict) else {}
        if response.status_code != 200 or not isinstance(answer.get("access_token"), str):
            # RFC 6749 §5.2 error codes (invalid_client, invalid_scope, ...) hold no secrets.
            error = str(answer.get("error", ""))[:60]
            log.error(
                "%s token endpoint refused: HTTP %s %s",
                self.register,
                response.status_code,
                error,
            )
            raise RegistryAccessDenied(self.register, f"token endpoint refused: {error}")
        token_type = str(answer.get("token_type", "Bearer"))
        if token_type.lower() != "bearer":
            log.error("%s token endpoint gave a %s token", self.register, token_type[:20])
            raise RegistryAccessDenied(self.register, "token endpoint gave no bearer token")
        try:
            lifetime = float(answer.get("expires_in", LIFETIME_WITHOUT_EXPIRY))
        except (TypeError, ValueError):
            lifetime = LIFETIME_WITHOUT_EXPIRY
        margin = min(MARGIN_SECONDS, lifetime / 10)
        return _Token(answer["access_token"], _now() + max(0.0, lifetime - margin))
