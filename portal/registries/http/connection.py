"""How the portal connects to a register: per-register settings, one pooled session per
process, and what a failed connection means.

Settings come from the app config by register name (`BRP_`, `KVK_`, `BAG_` prefixes), so the
adapters need not know about certificates or tokens. Certificate checks are never switched
off: without a CA bundle the system's trusted roots are used, and a CA bundle that cannot be
read fails the call instead of falling back to no check.
"""

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from http.cookiejar import DefaultCookiePolicy

import requests
from requests.adapters import HTTPAdapter

from portal.registries.base import RegistryAccessDenied, RegistryUnavailable

POOL_SIZE = 10

# Words in an `SSLError` that mean a certificate or key is set up wrong (ours or theirs):
# asking again will not help. Other TLS errors (a handshake that broke off) count as a broken
# connection. A server that refuses a missing client certificate mostly just closes the
# connection (an EOF, indistinguishable from a network drop) and only sometimes gets its
# "certificate required" alert to us first.
_CERTIFICATE_PROBLEMS = (
    "CERTIFICATE_VERIFY_FAILED",
    "ALERT_CERTIFICATE_REQUIRED",
    "ALERT_BAD_CERTIFICATE",
    "ALERT_UNKNOWN_CA",
    "ALERT_CERTIFICATE_UNKNOWN",
    "ALERT_CERTIFICATE_EXPIRED",
    "ALERT_CERTIFICATE_REVOKED",
    "ALERT_ACCESS_DENIED",
    "KEY_VALUES_MISMATCH",
    "PEM lib",
)


@dataclass(frozen=True)
class Settings:
    """How one register is reached. Empty strings mean "not used"."""

    token_url: str = ""
    client_id: str = ""
    client_secret: str = ""
    scope: str = ""
    client_auth: str = "basic"  # "basic" (RFC 6749 default) or "post": secret in the form
    cert: str = ""  # client certificate (PEM); with the key inside when `key` is empty
    key: str = ""
    ca_bundle: str = ""  # empty: the system's trusted roots
    pool_size: int = POOL_SIZE

    @classmethod
    def from_config(cls, register: str, config: Mapping) -> "Settings":
        prefix = register.upper() + "_"

        def setting(name: str, default: str = "") -> str:
            return str(config.get(prefix + name) or default).strip()

        return cls(
            token_url=setting("OAUTH_TOKEN_URL"),
            client_id=setting("OAUTH_CLIENT_ID"),
            client_secret=setting("OAUTH_CLIENT_SECRET"),
            scope=setting("OAUTH_SCOPE"),
            client_auth=setting("OAUTH_CLIENT_AUTH", "basic").lower(),
            cert=setting("CLIENT_CERT"),
            key=setting("CLIENT_KEY"),
            ca_bundle=setting("CA_BUNDLE", config.get("REGISTRY_CA_BUNDLE") or ""),
            pool_size=int(config.get("REGISTRY_POOL_SIZE") or POOL_SIZE),
        )

    @property
    def uses_oauth(self) -> bool:
        return bool(self.token_url)

    @property
    def verify(self) -> str | bool:
        # A path, or True for the system roots; never False.
        return self.ca_bundle or True

    @property
    def client_cert(self) -> str | tuple[str, str] | None:
        if not self.cert:
            return None
        return (self.cert, self.key) if self.key else self.cert

    def tls(self) -> dict:
        """The keyword arguments every request of this register carries. Given per request
        (not only on the session) so `REQUESTS_CA_BUNDLE` in the environment cannot replace a
        configured CA bundle."""
        return {"verify": self.verify, "cert": self.client_cert}


_sessions: dict[tuple, requests.Session] = {}
_sessions_lock = threading.Lock()


def session_for(register: str, settings: Settings) -> requests.Session:
    """The process's session for this register: its connections are kept alive and reused
    by every request of the process (a new client object is made per lookup)."""
    key = (register, settings.cert, settings.key, settings.ca_bundle, settings.pool_size)
    with _sessions_lock:
        session = _sessions.get(key)
        if session is None:
            session = _sessions[key] = _new_session(settings)
        return session


def _new_session(settings: Settings) -> requests.Session:
    session = requests.Session()
    # pool_maxsize bounds the connections kept open per host; a burst beyond it opens extra
    # connections that are closed after use instead of waiting for a free one.
    adapter = HTTPAdapter(pool_connections=4, pool_maxsize=settings.pool_size, max_retries=0)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    # Shared by every thread: keep no cookies, so no answer can leak state into another's call.
    session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
    session.verify = settings.verify
    session.cert = settings.client_cert
    return session


def close_sessions() -> None:
    """Close every pooled session (tests, and a worker that shuts down)."""
    with _sessions_lock:
        for session in _sessions.values():
            session.close()
        _sessions.clear()


@dataclass(frozen=True)
class ConnectionFailure:
    reason: str  # safe to log: no URL, no query string
    transient: bool  # worth one more try


def connection_failure(error: Exception) -> ConnectionFailure:
    """What a failed request means. Never includes `str(error)` in the reason: requests puts
    the URL with its query string (postcode, house number) in its messages."""
    if isinstance(error, requests.exceptions.SSLError):
        text = str(error)
        if "CERTIFICATE_VERIFY_FAILED" in text:
            return ConnectionFailure("TLS: the register's certificate is not trusted", False)
        if any(marker in text for marker in _CERTIFICATE_PROBLEMS):
            return ConnectionFailure(
                "TLS: our client certificate was refused or is unusable", False
            )
        return ConnectionFailure("TLS handshake broke off (client certificate refused?)", True)
    if isinstance(error, requests.Timeout):
        return ConnectionFailure(type(error).__name__, True)
    if isinstance(error, requests.ConnectionError):
        return ConnectionFailure(type(error).__name__, True)
    if isinstance(
        error,
        requests.exceptions.InvalidURL
        | requests.exceptions.MissingSchema
        | requests.exceptions.InvalidSchema,
    ):
        return ConnectionFailure("no valid URL set up", False)
    if isinstance(error, requests.RequestException):
        return ConnectionFailure(type(error).__name__, True)
    # OSError from requests itself: a certificate, key or CA bundle file it cannot read.
    return ConnectionFailure("certificate, key or CA bundle file not readable", False)


def failure_error(register: str, failure: ConnectionFailure) -> RegistryUnavailable:
    if failure.transient:
        return RegistryUnavailable(register, failure.reason)
    return RegistryAccessDenied(register, failure.reason)


NETWORK_ERRORS = (requests.RequestException, OSError)
