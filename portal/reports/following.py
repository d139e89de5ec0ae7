"""Following a report: who gets its updates, the follow link, and the e-mails.

    add_follower(report, *, role, email=None, phone=None, party=None) -> ReportFollower
    follow_link(follower) -> str                    absolute: PUBLIC_URL/melding/volgen/<token>
    follower_from_token(token) -> ReportFollower | None
    stop_following(follower) -> None
    notify_follower(follower, event) / notify_followers(report, event)

The follow link is `<key>-<mac>`: the key is random and stored, the MAC is an HMAC of the key
with SECRET_KEY. So every e-mail can carry the same link, a copied database alone cannot
make links, and a guessed or altered link finds nothing (the MAC is compared in constant
time). An unknown, altered and stopped link all answer None, so a page cannot tell them apart.

E-mails go through the outbox with the registered audience "follower" (see `init_app`): the
address, language and link are looked up when the e-mail is sent, so someone who stopped
following in between gets nothing.
"""

import secrets
from datetime import UTC, datetime

from flask import Flask, has_request_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.auth.pseudonym import pseudonym
from portal.cases.models import Case
from portal.cases.services import party_of
from portal.components import signed_links
from portal.extensions import db
from portal.i18n import current_locale
from portal.notifications import outbox
from portal.notifications.audiences import Addressee, register_audience
from portal.profile.services import contact_for
from portal.reports.models import Report, ReportFollower
from portal.reports.texts import REOPEN_DAYS

REPORTER = "reporter"
FOLLOWER = "follower"
ROLES = (REPORTER, FOLLOWER)
# Enough for a street's worth of neighbours; bounds the e-mails one change can cause.
MAX_FOLLOWERS = 200
EVENTS = ("received", "following", "status_changed", "closed", "merged", "reopened")
EMAIL_MAX = 254
PHONE_MAX = 40

FOLLOW_PATH = "/melding/volgen/"
_KEY_LENGTH = 32
LINK_PURPOSE = "report-follow"


class FollowError(ValueError):
    """Following is not possible; the message is B1 Dutch and can be shown as is."""


def now() -> datetime:
    """Naive UTC, as stored; a function so tests can move the clock."""
    return datetime.now(UTC).replace(tzinfo=None)


def _tidy(value: str | None, limit: int) -> str | None:
    value = (value or "").strip()
    if len(value) > limit:
        raise FollowError(_l("Dit gegeven is te lang. Controleer wat u heeft getypt."))
    return value or None


def _existing(report: Report, email: str | None, who: str | None) -> ReportFollower | None:
    for follower in report.followers:
        if email and (follower.email or "").lower() == email.lower():
            return follower
        if who and follower.party_pseudonym == who:
            return follower
    return None


def add_follower(
    report: Report,
    *,
    role: str,
    email: str | None = None,
    phone: str | None = None,
    party=None,
) -> ReportFollower:
    """Add the reporter (role "reporter") or someone who follows a duplicate ("follower").
    `party` is the signed-in subject (`portal.auth.principal.Party`) or None. Flushes.

    The same e-mail address or signed-in party following the same report again gets the
    row it already has (started again if it had stopped). Raises FollowError when the
    report has MAX_FOLLOWERS already or a value is too long."""
    if role not in ROLES:
        raise ValueError(f"unknown follower role: {role}")
    email = _tidy(email, EMAIL_MAX)
    phone = _tidy(phone, PHONE_MAX)
    who = pseudonym(party.identifier) if party is not None else None
    found = _existing(report, email, who)
    if found is not None:
        found.stopped_at = None
        found.email = found.email or email
        found.phone = found.phone or phone
        db.session.flush()
        return found
    if _count(report) >= MAX_FOLLOWERS:
        raise FollowError(_l("Deze melding heeft al veel volgers. U kunt hem niet meer volgen."))
    follower = ReportFollower(
        key=secrets.token_hex(_KEY_LENGTH // 2),
        role=role,
        email=email,
        phone=phone,
        party_pseudonym=who,
        language=current_locale() if has_request_context() else None,
        created_at=now(),
    )
    report.followers.append(follower)
    db.session.flush()
    return follower


def _count(report: Report) -> int:
    if report.id is None:
        return len(report.followers)
    query = select(func.count(ReportFollower.id)).where(ReportFollower.report_id == report.id)
    return db.session.scalar(query) or 0


def follow_token(follower: ReportFollower) -> str:
    return signed_links.token_for(LINK_PURPOSE, follower.key)


def follow_link(follower: ReportFollower) -> str:
    """The absolute, unguessable link that shows the report to this follower."""
    return signed_links.link_for(FOLLOW_PATH, LINK_PURPOSE, follower.key)


def follower_from_token(token: str) -> ReportFollower | None:
    """The follower a link belongs to; None for a malformed, altered, unknown or stopped
    link (the same answer for each, so a guess learns nothing)."""
    key = signed_links.key_from(LINK_PURPOSE, token)
    if key is None:
        return None
    follower = db.session.scalars(select(ReportFollower).where(ReportFollower.key == key)).first()
    if follower is None or follower.stopped_at is not None:
        return None
    return follower


def stop_following(follower: ReportFollower) -> None:
    """No more e-mails, and the link stops working. Flushes."""
    if follower.stopped_at is None:
        follower.stopped_at = now()
    db.session.flush()


def case_of(report: Report) -> Case:
    return db.session.get(Case, report.case_id)


def _reached_by_case_emails(follower: ReportFollower, case: Case) -> bool:
    """A signed-in reporter whose profile has a confirmed address already gets the case's
    own e-mails; a second one per change would be noise."""
    if follower.role != REPORTER or follower.party_pseudonym is None:
        return False
    party = party_of(case)
    if pseudonym(party.identifier) != follower.party_pseudonym:
        return False
    contact = contact_for(party)
    return bool(contact and contact.email and contact.email_verified)


def _wants_email(follower: ReportFollower, case: Case) -> bool:
    return (
        follower.stopped_at is None
        and bool(follower.email)
        and not _reached_by_case_emails(follower, case)
    )


def _enqueue(follower: ReportFollower, case: Case, event: str) -> None:
    outbox.enqueue(
        event,
        case=case,
        party=None,
        payload={
            "recipient": "follower",
            "follower_id": follower.id,
            "reopen_days": REOPEN_DAYS,
            "language": follower.language,
        },
    )


def notify_follower(follower: ReportFollower, event: str) -> bool:
    """One e-mail to one follower, e.g. "received" to the reporter or "following" to someone
    who just started following. False when they get no e-mail from us. Flushes."""
    if event not in EVENTS:
        raise ValueError(f"unknown follower event: {event}")
    case = case_of(follower.report)
    if not _wants_email(follower, case):
        return False
    _enqueue(follower, case, event)
    return True


def notify_followers(report: Report, event: str) -> None:
    """Tell every follower with an e-mail address that the report changed. `event` is
    "received", "status_changed", "closed", "merged" or "reopened". Writes outbox rows
    (one per follower who wants e-mail, at most MAX_FOLLOWERS); flushes."""
    if event not in EVENTS:
        raise ValueError(f"unknown follower event: {event}")
    case = case_of(report)
    for follower in report.followers:
        if _wants_email(follower, case):
            _enqueue(follower, case, event)


def _resolve(payload: dict) -> Addressee:
    """For the notifications worker, at send time."""
    follower = db.session.get(ReportFollower, payload.get("follower_id"))
    if follower is None:
        return Addressee(None, skip_reason="follower not found")
    if follower.stopped_at is not None:
        return Addressee(None, skip_reason="stopped following")
    if not follower.email:
        return Addressee(None, skip_reason="no e-mail address")
    return Addressee(follower.email, follower.language, follow_link(follower))


def init_app(app: Flask) -> None:
    register_audience("follower", _resolve)
    signed_links.hide_in_logs(app, FOLLOW_PATH)
