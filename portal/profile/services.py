"""Contact details and preferences, asked once and reused ("éénmalige uitvraag").

A new e-mail address is kept aside (`pending_email`) until the person confirms it with the
link we send; until then the old confirmed address stays in use. The link carries a signed
token with an expiry (itsdangerous), so nothing needs to be stored for it. The token holds a
hash of the address, not the address itself: links end up in browser histories and logs.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum

from flask import current_app, has_request_context, request
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from portal.auth.pseudonym import pseudonym
from portal.components import limits
from portal.extensions import db
from portal.profile.models import Profile

EMAIL_LINK_SALT = "profile-email-confirmation"
PHONE_ALLOWED = re.compile(r"^\+?[0-9 ()-]+$")
LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class Contact:
    """What other areas may use. `email` is the confirmed address when there is one;
    otherwise the unconfirmed one with `email_verified` False (do not send to it)."""

    email: str
    email_verified: bool
    phone: str
    language: str
    notify_by_email: bool


class Confirmation(Enum):
    CONFIRMED = "confirmed"
    EXPIRED = "expired"
    INVALID = "invalid"


PROFILE_CACHE = "portal.profiles"


def _key(party) -> tuple[str, str]:
    return party.kind, pseudonym(party.identifier)


def _request_cache() -> dict:
    """Profiles already looked up in this request: the language choice, the header and the
    page itself all ask. Kept in the request's environ, not `g`, because tests run several
    requests in one app context."""
    if not has_request_context():
        return {}
    return request.environ.setdefault(PROFILE_CACHE, {})


def profile_for(party) -> Profile | None:
    kind, key = _key(party)
    cache = _request_cache()
    if (kind, key) in cache:
        known = cache[(kind, key)]
        # A profile added in a transaction that was rolled back is no longer the truth.
        if known is None or known in db.session:
            return known
    profile = db.session.scalar(
        select(Profile).where(Profile.party_kind == kind, Profile.party_key == key)
    )
    cache[(kind, key)] = profile
    return profile


def _profile_or_new(party) -> Profile:
    profile = profile_for(party)
    if profile is None:
        kind, key = _key(party)
        profile = Profile(
            party_kind=kind,
            party_key=key,
            email="",
            pending_email="",
            phone="",
            language="",
            notify_by_email=True,
            updated_at=datetime.now(UTC),
        )
        db.session.add(profile)
        _request_cache()[(kind, key)] = profile
    return profile


def contact_for(party) -> Contact | None:
    profile = profile_for(party)
    if profile is None:
        return None
    confirmed = bool(profile.email and profile.email_confirmed_at)
    return Contact(
        email=profile.email if confirmed else profile.pending_email,
        email_verified=confirmed,
        phone=profile.phone,
        language=profile.language,
        notify_by_email=profile.notify_by_email,
    )


def contact_to_fill_in(principal) -> Contact | None:
    """The contact details a form may fill in for the person at the keyboard.

    A representative gets their own e-mail address and phone, never those of the person they
    act for: a mandate for one service does not open that person's contact details. Nothing at
    a sign-in level that opens no personal data, and nothing for staff.
    """
    from portal.auth.access import may_see_personal_data

    if principal is None or not may_see_personal_data(principal):
        return None
    party = principal.own_party if principal.acts_for_other else principal.subject
    return contact_for(party) if party is not None else None


def normalise_phone(phone: str) -> str:
    """Keep a phone number as typed but tidy; raises ValueError when it cannot be one."""
    tidy = " ".join((phone or "").split())
    if not tidy:
        return ""
    digits = re.sub(r"\D", "", tidy)
    if not PHONE_ALLOWED.match(tidy) or not 10 <= len(digits) <= 15:
        raise ValueError("not a phone number")
    if len(tidy) > limits.PHONE_STORED:
        # "+31 (0)6 - 12 34 56 78" does not fit the column: keep the digits, and the plus.
        return ("+" if tidy.startswith("+") else "") + digits
    return tidy


def pending_email_for(party) -> str:
    """The address typed but not confirmed yet; "" when there is none."""
    profile = profile_for(party)
    return profile.pending_email if profile else ""


def save_contact(
    party, *, email: str, phone: str, notify_by_email: bool, language: str | None = None
) -> str | None:
    """Store the contact details. Returns the e-mail address that still needs confirming
    (send it a link with `confirmation_token`), or None when there is nothing to confirm.
    `language` ("nl", "en" or "" for no preference) is left alone when None."""
    profile = _profile_or_new(party)
    profile.phone = normalise_phone(phone)
    profile.notify_by_email = notify_by_email
    if language is not None:
        if language and language not in LANGUAGES:
            raise ValueError("unknown language")
        profile.language = language
    profile.updated_at = datetime.now(UTC)
    email = (email or "").strip()
    to_confirm = None
    if not email:
        profile.email, profile.pending_email, profile.email_confirmed_at = "", "", None
    elif email.lower() == profile.email.lower() and profile.email_confirmed_at:
        profile.pending_email = ""
    else:
        profile.pending_email = email
        to_confirm = email
    db.session.flush()
    return to_confirm


def save_email(party, email: str) -> str | None:
    """Keep `email` (e.g. typed in a request form) as the party's address, leaving phone and
    choices alone. As on the contact page it is used once confirmed: returns the address to
    send a confirmation link to, or None when it is the confirmed address already."""
    email = (email or "").strip()
    if not email:
        return None
    profile = _profile_or_new(party)
    profile.updated_at = datetime.now(UTC)
    if email.lower() == profile.email.lower() and profile.email_confirmed_at:
        profile.pending_email = ""
        db.session.flush()
        return None
    profile.pending_email = email
    db.session.flush()
    return email


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=EMAIL_LINK_SALT)


def _email_hash(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


def confirmation_token(party, email: str) -> str:
    kind, key = _key(party)
    return _serializer().dumps({"kind": kind, "key": key, "email": _email_hash(email)})


def confirm_email(token: str) -> Confirmation:
    """Make the pending address the confirmed one when the token is valid and current."""
    max_age = current_app.config["EMAIL_CONFIRMATION_HOURS"] * 3600
    try:
        data = _serializer().loads(token, max_age=max_age)
    except SignatureExpired:
        return Confirmation.EXPIRED
    except BadSignature:
        return Confirmation.INVALID
    profile = db.session.scalar(
        select(Profile).where(
            Profile.party_kind == data.get("kind"), Profile.party_key == data.get("key")
        )
    )
    if profile is None:
        return Confirmation.INVALID
    wanted = data.get("email")
    if profile.email_confirmed_at and _email_hash(profile.email) == wanted:
        return Confirmation.CONFIRMED  # the link was used before: nothing changes
    if not profile.pending_email or _email_hash(profile.pending_email) != wanted:
        return Confirmation.INVALID  # a newer address was typed since this link was sent
    profile.email, profile.pending_email = profile.pending_email, ""
    profile.email_confirmed_at = datetime.now(UTC)
    profile.updated_at = profile.email_confirmed_at
    db.session.flush()
    return Confirmation.CONFIRMED


def token_is_current(token: str) -> Confirmation | None:
    """Check a link before showing its confirm button: None when it can be used."""
    max_age = current_app.config["EMAIL_CONFIRMATION_HOURS"] * 3600
    try:
        _serializer().loads(token, max_age=max_age)
    except SignatureExpired:
        return Confirmation.EXPIRED
    except BadSignature:
        return Confirmation.INVALID
    return None


def stored_language(party) -> str | None:
    profile = profile_for(party)
    return profile.language or None if profile else None


def save_language(party, code: str) -> None:
    if code not in LANGUAGES:
        raise ValueError("unknown language")
    profile = _profile_or_new(party)
    profile.language = code
    profile.updated_at = datetime.now(UTC)
    db.session.flush()


def forget(party) -> None:
    """Remove the profile, e.g. when a person asks us to delete their contact details."""
    profile = profile_for(party)
    if profile is not None:
        db.session.delete(profile)
        db.session.flush()
        _request_cache().pop(_key(party), None)
