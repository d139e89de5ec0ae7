"""E-mail to the address typed for one case.

A case whose contact says `{"kanaal": "email", "email": ...}` (the resident chose to get the
answer by e-mail at that address, e.g. in "Stel uw vraag", or typed it on the contact step of
a request form) is mailed there, before the profile's address (`compose.resident_recipient`).
A signed-in resident gets the usual e-mails with the usual link to Mijn zaken, and the
confirmation page offers to keep the address in the profile (`for_confirmation`), through
the profile's own confirmation link. Reports do not: their reporters without an account
are mailed through the follow link (`portal.reports.following`), and a second e-mail per
change would be noise.

Someone who asked without signing in (an anonymous party) cannot open Mijn zaken, so their
e-mails say what there is to say in the e-mail itself: the answer (a message), the status
note (e.g. "Uw vraag is doorgestuurd naar Team Parkeren") or the closing explanation (the
warm hand-over to a partner). That is the choice that is safe here: the resident chose
e-mail for this answer; a link that opens the case without a sign-in would be a bearer key
in the mailbox, exactly as readable as the text but also opening the question and the
contact details, and forwarding it would forward access. The e-mail's one link goes to a
public page that says the answer is in the e-mail and what to do next; there are no mark
links (giving a mark needs the case page).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.cases.models import Case, Message, Task
from portal.extensions import db
from portal.notifications.texts import EmailText

EMAIL_CHANNEL = "email"
LINK_PATH = "/vraag/antwoord-per-e-mail"
# Bounded: a message can be long, an e-mail should stay readable.
CONTENT_MAX = 5000

_ACTION = _l("Lees wat u nog kunt doen")
TEXTS = {
    "received": EmailText(
        _l("Wij hebben uw vraag ontvangen (%(number)s)"),
        (
            _l("Wij hebben uw vraag ontvangen. Het zaaknummer is %(number)s."),
            _l("U krijgt het antwoord per e-mail, uiterlijk %(expected)s."),
            _l("Antwoord niet op deze e-mail. Heeft u nog een vraag? Noem dan het zaaknummer."),
        ),
        _ACTION,
    ),
    "status_changed": EmailText(
        _l("Er is nieuws over uw vraag (%(number)s)"),
        (_l("Er is nieuws over uw vraag %(number)s."),),
        _ACTION,
    ),
    "message": EmailText(
        _l("Ons antwoord op uw vraag (%(number)s)"),
        (_l("Hieronder leest u ons bericht over uw vraag %(number)s."),),
        _ACTION,
    ),
    "task": EmailText(
        _l("Wij hebben iets van u nodig (%(number)s)"),
        (
            _l("Wij hebben nog iets van u nodig voor uw vraag %(number)s."),
            _l("Bel ons en noem het zaaknummer. Het telefoonnummer staat op de pagina hieronder."),
        ),
        _ACTION,
    ),
    "task_reminder": EmailText(
        _l("Herinnering: wij wachten op u (%(number)s)"),
        (
            _l("Wij wachten nog op iets van u voor uw vraag %(number)s."),
            _l("Bel ons en noem het zaaknummer. Het telefoonnummer staat op de pagina hieronder."),
        ),
        _ACTION,
    ),
    "deadline_at_risk": EmailText(
        _l("Het antwoord op uw vraag %(number)s duurt misschien langer"),
        (
            _l("Wij hebben beloofd dat u uiterlijk %(expected)s antwoord krijgt."),
            _l("Het kan zijn dat dit niet lukt. Wij doen ons best."),
        ),
        _ACTION,
    ),
    "deadline_missed": EmailText(
        _l("Het antwoord op uw vraag %(number)s duurt langer"),
        (
            _l("Wij hebben uw vraag niet op %(expected)s beantwoord. Dat spijt ons."),
            _l("U krijgt zo snel mogelijk antwoord."),
        ),
        _ACTION,
    ),
    "case_closed": EmailText(
        _l("Uw vraag %(number)s is afgehandeld"),
        (_l("Wij hebben uw vraag %(number)s afgehandeld."),),
        _ACTION,
    ),
}
# The line before the content of each kind of e-mail.
CONTENT_INTRO = {
    "status_changed": _l("Dit is er veranderd:"),
    "message": _l("Ons bericht:"),
    "task": _l("Dit hebben wij nodig:"),
    "task_reminder": _l("Dit hebben wij nodig:"),
    "case_closed": _l("Ons antwoord:"),
}
FOOTER = (
    _l("U krijgt deze e-mail omdat u dit e-mailadres gaf bij uw vraag."),
    _l("Wij gebruiken het alleen om uw vraag te beantwoorden."),
)


def address_for(case: Case) -> str | None:
    """The address typed for this case, when the resident chose the answer by e-mail."""
    contact = case.contact if isinstance(case.contact, dict) else {}
    if contact.get("kanaal") != EMAIL_CHANNEL:
        return None
    address = str(contact.get("email") or "").strip()
    return address[:254] or None


@dataclass(frozen=True)
class Announced:
    """What the confirmation page of a request says about e-mail: the address the case's
    e-mails go to ("" for none), and whether to offer keeping the typed one in the profile."""

    email: str
    offer_to_save: bool


def for_confirmation(case: Case, principal) -> Announced:
    from portal.notifications.compose import resident_recipient
    from portal.profile.services import contact_for, pending_email_for

    typed = address_for(case)
    address = resident_recipient(case).address or ""
    if principal.acts_for_other:
        # The represented person's address is theirs; hers is kept in her own profile.
        return Announced(address if address == typed else "", False)
    own = contact_for(principal.subject)
    known = {own.email.lower(), pending_email_for(principal.subject).lower()} if own else set()
    return Announced(address, typed is not None and typed.lower() not in known)


def link() -> str:
    return current_app.config["PUBLIC_URL"].rstrip("/") + LINK_PATH


def text_for(event: str) -> EmailText:
    return TEXTS[event]


def _content(event: str, case: Case, payload: dict) -> str:
    if event == "message":
        message = db.session.get(Message, payload.get("message_id") or 0)
        return message.body if message is not None and message.case_id == case.id else ""
    if event in ("task", "task_reminder"):
        task = db.session.get(Task, payload.get("task_id") or 0)
        return task.text if task is not None and task.case_id == case.id else ""
    if event == "status_changed":
        notes = [step.note_for_resident for step in case.history if step.note_for_resident]
        return notes[-1] if notes else ""
    if event == "case_closed":
        return case.result_reason or ""
    return ""


def content_lines(event: str, case: Case, payload: dict) -> list[str]:
    """What the e-mail says beyond "there is news": its intro line, then the text's
    paragraphs."""
    text = _content(event, case, payload or {})[:CONTENT_MAX].strip()
    if not text:
        return []
    paragraphs = [part.strip() for part in text.splitlines() if part.strip()]
    return [str(CONTENT_INTRO[event]), *paragraphs]
