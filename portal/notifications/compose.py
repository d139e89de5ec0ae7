"""Who an outbox row goes to, and the e-mail itself, in the recipient's language.

The address is looked up when the e-mail is sent, not when the event is written: a resident
who confirms a new address or turns e-mail off in between gets what they asked for.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from flask import current_app, render_template
from flask_babel import force_locale, format_date

from portal.cases.anonymous import is_anonymous
from portal.cases.services import get_case, party_of
from portal.i18n import SUPPORTED_LANGUAGES
from portal.notifications import audiences, overrides, texts, typed_address
from portal.notifications.models import OutboxEvent
from portal.profile.services import contact_for

DEFAULT_LANGUAGE = "nl"


@dataclass(frozen=True)
class Recipient:
    """Where the e-mail goes; `skip_reason` says why there is nowhere to send it."""

    address: str | None
    language: str = DEFAULT_LANGUAGE
    skip_reason: str | None = None
    # Set by an audience another area registered; else the link follows from the row.
    link: str | None = None
    # From an added audience too: placeholder values and files to attach (see `audiences`).
    params: dict = field(default_factory=dict)
    attachments: tuple[tuple[str, str, bytes], ...] = ()
    # Mailed at the address typed for the case by someone who cannot sign in: the e-mail
    # carries its content and never links to Mijn zaken (`typed_address`).
    signed_out: bool = False


def _language(*choices: str | None) -> str:
    for choice in choices:
        if choice in SUPPORTED_LANGUAGES:
            return choice
    return DEFAULT_LANGUAGE


def recipient_for(row: OutboxEvent) -> Recipient:
    if row.audience == "address":
        return Recipient(row.payload["email"], _language(row.language))
    if row.audience == "team":
        # Team mailboxes read Dutch: it is the working language of the municipality.
        return Recipient(row.payload["team_email"], DEFAULT_LANGUAGE)
    if audiences.is_registered(row.audience):
        found = audiences.resolve(row.audience, row.payload)
        if found.address is None:
            return Recipient(None, skip_reason=found.skip_reason or "no e-mail address")
        return Recipient(
            found.address,
            _language(found.language, row.language),
            link=found.link,
            params=found.params,
            attachments=found.attachments,
        )
    return _resident(row)


def _resident(row: OutboxEvent) -> Recipient:
    case = get_case(row.case_number)
    if case is None:
        return Recipient(None, skip_reason="case not found")
    return resident_recipient(case, row.event, row.language)


def resident_recipient(case, event: str = "status_changed", language: str | None = None):
    """Where the resident's e-mails about `case` go, as the worker will decide at send time.

    The address typed for this case (in a request form or with a question) comes first: the
    form said "hierop krijgt u bericht over uw aanvraag". It is not used when it is the
    profile's own address and the profile turned e-mail off (the form only filled it in).
    Without a typed address the profile's confirmed address is used.
    """
    contact = contact_for(party_of(case))
    typed = typed_address.address_for(case)
    if typed is not None and not (
        contact is not None
        and not contact.notify_by_email
        and typed.lower() == (contact.email or "").lower()
    ):
        return _typed_for_case(
            case, typed, event, _language(contact and contact.language, language)
        )
    if contact is None or not contact.email:
        return Recipient(None, skip_reason="no e-mail address")
    if not contact.email_verified:
        return Recipient(None, skip_reason="e-mail address not confirmed")
    if not contact.notify_by_email:
        return Recipient(None, skip_reason="e-mail notifications turned off")
    return Recipient(contact.email, _language(contact.language, language))


def _typed_for_case(case, address: str, event: str, language: str) -> Recipient:
    """The address typed for this case (see `typed_address`)."""
    if not is_anonymous(case.party_kind):
        return Recipient(address, language)
    if event not in typed_address.TEXTS:
        return Recipient(None, skip_reason="no text for a signed-out resident")
    return Recipient(address, language, link=typed_address.link(), signed_out=True)


def _portal_link(row: OutboxEvent) -> str:
    public_url = current_app.config["PUBLIC_URL"].rstrip("/")
    if row.audience == "address":
        return row.payload["link"]
    if row.audience == "team":
        return f"{public_url}/medewerkers/zaken/{row.case_number}"
    if row.event == "case_closed" and row.payload.get("feedback_url"):
        return row.payload["feedback_url"]
    return f"{public_url}/mijn-zaken/{row.case_number}"


def _mark_links(row: OutboxEvent) -> list[tuple[int, str]]:
    """For the closing e-mail: one link per mark that opens the case page with that mark
    chosen. The resident still signs in and sends it there, so a link alone changes nothing."""
    if row.audience != "resident" or row.event != "case_closed":
        return []
    page, _, anchor = _portal_link(row).partition("#")
    return [(mark, f"{page}?cijfer={mark}#{anchor or 'beoordeling'}") for mark in range(1, 11)]


def _long_date(value: str | None) -> str | None:
    return format_date(date.fromisoformat(value), format="d MMMM y") if value else None


def _params(row: OutboxEvent) -> dict:
    return {
        "number": row.case_number,
        "expected": _long_date(row.payload.get("expected")),
        "due": _long_date(row.payload.get("due")),
        "hours": row.payload.get("hours") or current_app.config["EMAIL_CONFIRMATION_HOURS"],
        "days": row.payload.get("reopen_days"),
    }


def _mail_domain() -> str:
    return current_app.config["MAIL_FROM"].rpartition("@")[2] or "localhost"


def message_id(row: OutboxEvent) -> str:
    """The same for every attempt of one event, so a duplicate delivery can be recognised."""
    return f"<notification-{row.key}@{_mail_domain()}>"


def compose(
    row: OutboxEvent, recipient: Recipient, draft: texts.EmailText | None = None
) -> EmailMessage:
    """The e-mail; `draft` stands in for the stored wording (the editor's preview)."""
    with force_locale(recipient.language):
        if recipient.signed_out:
            wording = typed_address.text_for(row.event)
        else:
            # The webteam's wording (editor), where it rewrote this e-mail.
            wording = (
                draft
                or overrides.text_for(row.event, row.audience, recipient.language)
                or texts.text_for(row.event, row.audience)
            )
        params = {**_params(row), **recipient.params}
        lines = [line for line in (texts.filled(t, params) for t in wording.lines) if line]
        if recipient.signed_out:
            lines += typed_address.content_lines(row.event, get_case(row.case_number), row.payload)
        why = {
            "address": texts.FOOTER_ADDRESS,
            "resident": texts.FOOTER_RESIDENT,
            "follower": texts.FOOTER_FOLLOWER,
            **texts.AUDIENCE_FOOTERS,
        }
        footer = why.get(row.audience, ()) + texts.FOOTER_ALL
        if recipient.signed_out:
            footer = typed_address.FOOTER + texts.FOOTER_ALL
        context = {
            "language": recipient.language,
            "subject": texts.filled(wording.subject, params),
            "greeting": str(texts.GREETING),
            "lines": lines,
            "action": str(wording.action),
            "link": recipient.link or _portal_link(row),
            "link_intro": str(texts.LINK_INTRO),
            "marks": [] if recipient.signed_out else _mark_links(row),
            "marks_intro": str(texts.MARKS_INTRO),
            "sign_off": str(texts.SIGN_OFF),
            "municipality": current_app.config["MUNICIPALITY_NAME"],
            "footer": [str(line) for line in footer],
        }
        text_body = render_template("notifications/email.txt", **context)
        html_body = render_template("notifications/email.html", **context)

    message = EmailMessage()
    message["Subject"] = context["subject"]
    message["From"] = formataddr((context["municipality"], current_app.config["MAIL_FROM"]))
    message["To"] = recipient.address
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = message_id(row)
    # RFC 3834: out-of-office replies must not answer this.
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text_body)
    message.add_alternative(html_body, subtype="html")
    for filename, mime, content in recipient.attachments:
        _attach(message, filename, mime, content)
    # After the bodies: set_content() replaces every Content-* header.
    message["Content-Language"] = recipient.language
    return message


def _attach(message: EmailMessage, filename: str, mime: str, content: bytes) -> None:
    """Add a file; `mime` may carry parameters ("text/calendar; method=REQUEST")."""
    kind, *parameters = (part.strip() for part in mime.split(";"))
    maintype, _, subtype = kind.partition("/")
    params = dict(p.partition("=")[::2] for p in parameters if "=" in p)
    message.add_attachment(
        content, maintype=maintype, subtype=subtype, filename=filename, params=params
    )
