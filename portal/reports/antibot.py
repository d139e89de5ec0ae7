"""Keeping bots out of the report form without a CAPTCHA, which many people cannot solve.

Two quiet checks on the first step: a honeypot field that people never see (it is hidden by
CSS and from screen readers, and out of the tab order) and a signed time of showing the
form. A bot fills every field, or posts within moments of fetching the page; a person
types a description first. Either way nothing is stored and the person can simply try
again: the text stays, and the original time is kept, so the second try passes.
"""

from __future__ import annotations

import time

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

HONEYPOT_FIELD = "website"
STARTED_FIELD = "begonnen"
# Nobody reads the question and types a description this fast.
MIN_SECONDS = 3.0
_SALT = "reports.describe.started"


def clock() -> float:
    """Seconds since the epoch; a function so tests can move the clock."""
    return time.time()


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=_SALT)


def started_token(at: float | None = None) -> str:
    """The signed moment the form was shown, for a hidden field."""
    return _serializer().dumps(round(at if at is not None else clock(), 3))


def started_at(token: str | None) -> float | None:
    """The moment in a token from `started_token`; None when missing or tampered with."""
    if not token or len(token) > 200:
        return None
    try:
        value = _serializer().loads(token)
    except BadSignature:
        return None
    return float(value) if isinstance(value, int | float) else None


def looks_like_a_bot(form_data) -> bool:
    """True when the honeypot is filled, the time is missing or forged, or the post came
    sooner than a person can type."""
    if (form_data.get(HONEYPOT_FIELD) or "").strip():
        return True
    shown = started_at(form_data.get(STARTED_FIELD))
    return shown is None or clock() - shown < MIN_SECONDS


def token_to_keep(form_data) -> str:
    """On a second try the first showing counts; a broken token gets a fresh one."""
    token = form_data.get(STARTED_FIELD)
    return token if started_at(token) is not None else started_token()
