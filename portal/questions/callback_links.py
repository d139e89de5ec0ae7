"""The link and e-mails for someone who asked for a call-back without signing in.

    link_token(callback) -> str                   "<id>-<mac>"
    window_link(callback) -> str                  PUBLIC_URL/terugbellen/nieuw-tijdvak/<token>
    callback_from_token(token) -> Callback | None
    can_write(case) -> bool
    notify_requester(callback, case, event) -> bool

The link is the call-back's id with an HMAC of it (SECRET_KEY), as the report follow link
(`portal.reports.following`): a copied database alone cannot make links, and an altered or
made-up link finds nothing (compared in constant time). It leads to the request's own page:
choose a new window after two failed attempts, and give a mark after the call.

E-mails go to the contact address the requester left, through the outbox audience
"callback" (registered in `init_app`; the words are `portal.notifications.texts.CALLBACK`):
the address and the link are looked up at send time.
"""

from flask import Flask
from flask_babel import force_locale

from portal.cases.anonymous import ANONYMOUS
from portal.cases.models import Case
from portal.components import signed_links
from portal.extensions import db
from portal.notifications import outbox
from portal.notifications.audiences import Addressee, register_audience
from portal.notifications.texts import CALLBACK
from portal.questions.models import Callback

AUDIENCE = "callback"
LINK_PATH = "/terugbellen/nieuw-tijdvak/"
LINK_PURPOSE = "callback-window"


def link_token(callback: Callback) -> str:
    return signed_links.token_for(LINK_PURPOSE, callback.id)


def window_link(callback: Callback) -> str:
    return signed_links.link_for(LINK_PATH, LINK_PURPOSE, callback.id)


def callback_from_token(token: str | None) -> Callback | None:
    """None for a malformed, altered or unknown link: the same answer for each."""
    key = signed_links.key_from(LINK_PURPOSE, token)
    if key is None or not key.isdigit() or len(key) > 12:
        return None
    return db.session.get(Callback, int(key))


def is_anonymous(case: Case) -> bool:
    return case.party_kind == ANONYMOUS


def contact_email(case: Case) -> str | None:
    return (case.contact or {}).get("email") or None


def can_write(case: Case) -> bool:
    """A signed-in resident reads the Berichtenbox; without an account only an e-mail
    address they left reaches them."""
    return not is_anonymous(case) or contact_email(case) is not None


def notify_requester(callback: Callback, case: Case, event: str) -> bool:
    """An e-mail with the link to an anonymous requester who left an address. Flushes."""
    if event not in CALLBACK:
        raise ValueError(f"unknown call-back event: {event}")
    if not is_anonymous(case) or contact_email(case) is None:
        return False
    outbox.enqueue(
        event,
        case=case,
        party=None,
        payload={
            "recipient": AUDIENCE,
            "callback_id": callback.id,
            "language": (case.contact or {}).get("taal"),
        },
    )
    return True


def _resolve(payload: dict) -> Addressee:
    """For the notifications worker, at send time."""
    from portal.questions.callbacks import callback_window_words

    callback = db.session.get(Callback, payload.get("callback_id"))
    case = db.session.get(Case, callback.case_id) if callback is not None else None
    if case is None:
        return Addressee(None, skip_reason="call-back not found")
    address = contact_email(case)
    if address is None:
        return Addressee(None, skip_reason="no e-mail address")
    language = (case.contact or {}).get("taal") or "nl"
    with force_locale(language):
        window = callback_window_words(callback)
    return Addressee(address, language, window_link(callback), params={"window": window})


def init_app(app: Flask) -> None:
    register_audience(AUDIENCE, _resolve)
    signed_links.hide_in_logs(app, LINK_PATH)
