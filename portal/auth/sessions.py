"""Server-side sessions: the browser's cookie holds a random key, the principal stays here.

Rules: a new key at every sign-in; 15 minutes idle ends the session; so does the absolute
maximum (2 hours by default); sign-out deletes the row.

A request renews the idle time by writing `last_seen_at`, but at most once a minute
(`TOUCH_SECONDS`): a write and commit on every page was most of a signed-in request's cost.
The idle limit then counts from the last write, so a session ends at most that minute
earlier than 15 minutes after the last request, never later; the page's countdown reads the
same row, so it says when the portal will really end it. "Ingelogd blijven" always writes.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app

from portal.auth.models import AuthSession
from portal.auth.principal import Principal
from portal.extensions import db

ACTIVE = "active"
IDLE = "idle"
TOO_OLD = "too_old"
GONE = "gone"


@dataclass(frozen=True)
class Loaded:
    state: str
    row: AuthSession | None = None


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; they were stored as UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def idle_limit() -> timedelta:
    return timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])


def max_length() -> timedelta:
    return timedelta(minutes=current_app.config["SESSION_MAX_MINUTES"])


# The provider's ID token, kept with the principal for RP-initiated logout (id_token_hint):
# it holds the BSN, so it stays here and never goes into the cookie.
ID_TOKEN = "_id_token"  # noqa: S105 - a key name, not a secret
# The mandates the representative may switch to (`claims.mandate_choices`): kept with the
# principal so "voor iemand anders" needs no new sign-in to list them.
MANDATES = "_mandates"


def start(principal: Principal, provider_subject: str = "", id_token: str = "", mandates=()) -> str:
    """Store a new session; returns the key for the browser (never stored in plain text)."""
    key = secrets.token_urlsafe(32)
    now = _now()
    db.session.add(
        AuthSession(
            id=key_hash(key),
            means=principal.means,
            principal={**principal.to_dict(), ID_TOKEN: id_token, MANDATES: list(mandates)},
            provider_subject=provider_subject[:200],
            used_services=[],
            created_at=now,
            last_seen_at=now,
        )
    )
    db.session.flush()
    return key


# What an area keeps for the length of the sign-in (`keep`, `kept`): the register facts a
# request form shows, looked up once per draft instead of on every page. Server side like
# the rest of the row and gone with it (sign-out, idle, the maximum); never in the cookie.
KEPT = "_kept"


def keep(row: AuthSession, name: str, value) -> None:
    """Keep `value` under `name` with the session, in place of what was kept there."""
    values = (row.principal or {}).get(KEPT)
    values = {**(values if isinstance(values, dict) else {}), name: value}
    row.principal = {**(row.principal or {}), KEPT: values}


def kept(row: AuthSession, name: str):
    values = (row.principal or {}).get(KEPT)
    return values.get(name) if isinstance(values, dict) else None


def id_token(row: AuthSession) -> str:
    value = (row.principal or {}).get(ID_TOKEN)
    return value if isinstance(value, str) else ""


def mandates(row: AuthSession) -> list[dict]:
    value = (row.principal or {}).get(MANDATES)
    return value if isinstance(value, list) else []


def load(key: str, now: datetime | None = None) -> Loaded:
    row = db.session.get(AuthSession, key_hash(key))
    if row is None:
        return Loaded(GONE)
    now = now or _now()
    if now - _aware(row.last_seen_at) > idle_limit():
        return Loaded(IDLE, row)
    if now - _aware(row.created_at) > max_length():
        return Loaded(TOO_OLD, row)
    return Loaded(ACTIVE, row)


# How old `last_seen_at` may be before a request writes it again.
TOUCH_SECONDS = 60


def touch_due(row: AuthSession, now: datetime | None = None) -> bool:
    interval = timedelta(seconds=current_app.config.get("SESSION_TOUCH_SECONDS", TOUCH_SECONDS))
    return (now or _now()) - _aware(row.last_seen_at) >= interval


def touch(row: AuthSession, now: datetime | None = None) -> None:
    row.last_seen_at = now or _now()


def renew(row: AuthSession) -> None:
    """Write the idle time's new start now, in its own commit."""
    touch(row)
    db.session.flush()
    # Committed without expiring the row, so the page reading it costs no second query.
    db.session.expunge(row)
    db.session.commit()
    db.session.add(row)


@dataclass(frozen=True)
class Times:
    """The row's times as loaded, for the header and the countdown: a view that commits
    expires the row, and reading it again would cost the page a query."""

    created_at: datetime
    last_seen_at: datetime
    holds_mandates: bool


def times(row: AuthSession) -> Times:
    return Times(row.created_at, row.last_seen_at, bool(mandates(row)))


def seconds_left(row: AuthSession | Times, now: datetime | None = None) -> int:
    now = now or _now()
    idle_end = _aware(row.last_seen_at) + idle_limit()
    hard_end = _aware(row.created_at) + max_length()
    return max(0, int((min(idle_end, hard_end) - now).total_seconds()))


def end(row: AuthSession) -> None:
    db.session.delete(row)
    db.session.flush()


def remove_expired(now: datetime | None = None) -> int:
    """Delete sessions past either limit (a periodic clean-up; loading also checks)."""
    now = now or _now()
    idle_cutoff = now - idle_limit()
    old_cutoff = now - max_length()
    query = db.delete(AuthSession).where(
        (AuthSession.last_seen_at < idle_cutoff) | (AuthSession.created_at < old_cutoff)
    )
    return db.session.execute(query).rowcount or 0


@dataclass(frozen=True)
class Ending:
    """When a session ends if nothing happens, and why: `idle` (no request for a while)
    or not (the absolute maximum comes first)."""

    at: datetime
    idle: bool


def ends(row: AuthSession | Times) -> Ending:
    idle_end = _aware(row.last_seen_at) + idle_limit()
    hard_end = _aware(row.created_at) + max_length()
    return Ending(min(idle_end, hard_end), idle_end <= hard_end)
