"""Unguessable links that work without signing in: "<key>-<MAC>".

The key says which thing (a follower, an appointment, a call-back); the MAC (HMAC-SHA256 with
SECRET_KEY and a purpose, so a token for one purpose never opens another) makes it
unguessable, and can be made again for every e-mail without storing a secret. Such a path
must not land in logs either: `hide_in_logs` masks the token in the development server's
request log and in Flask's "Exception on <path>" line.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re

from flask import Flask, current_app

MAC_LENGTH = 32
# Keys are short: random hex, URL-safe random text (which may hold "-") or a database id.
_TOKEN = re.compile(rf"\A([A-Za-z0-9_-]{{1,40}})-([0-9a-f]{{{MAC_LENGTH}}})\Z")


def _mac(purpose: str, key: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(secret, f"{purpose}:{key}".encode(), hashlib.sha256).hexdigest()
    return digest[:MAC_LENGTH]


def token_for(purpose: str, key: str | int) -> str:
    return f"{key}-{_mac(purpose, str(key))}"


def link_for(path: str, purpose: str, key: str | int) -> str:
    """The absolute link: PUBLIC_URL + `path` (ending in "/") + the token."""
    public_url = current_app.config["PUBLIC_URL"].rstrip("/")
    return f"{public_url}{path}{token_for(purpose, key)}"


def key_from(purpose: str, token: object) -> str | None:
    """The key of a sound token for this purpose; None for anything else (malformed, altered,
    made for another purpose), compared in constant time."""
    match = _TOKEN.match(token) if isinstance(token, str) else None
    if match is None:
        return None
    key, mac = match.groups()
    return key if hmac.compare_digest(mac, _mac(purpose, key)) else None


class _HideTokens(logging.Filter):
    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self._pattern = re.compile(rf"({re.escape(path)})[^\s/?\"]+")

    def _mask(self, value):
        return self._pattern.sub(r"\1…", value) if isinstance(value, str) else value

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(self._mask(arg) for arg in record.args)
        record.msg = self._mask(record.msg)
        return True


def hide_in_logs(app: Flask, path: str) -> None:
    """Mask the tokens after `path` in the request log and the app's log. (A production
    access log is the web server's: leave out the path there or filter it the same way.)"""
    for logger in (logging.getLogger("werkzeug"), app.logger):
        if not any(isinstance(f, _HideTokens) and f.path == path for f in logger.filters):
            logger.addFilter(_HideTokens(path))
