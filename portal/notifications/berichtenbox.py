"""The Berichtenbox holds every change a resident should read, not only written messages.

    record(event, case, payload) -> Message | None     called by `portal.cases.services.notify`
    title(message) -> str                               the heading a resident reads

A status change, an information request (a task) and a decision (the case closed with a
result) each also become a message in the case thread, so the resident finds them in the
Berichtenbox, counted as unread, next to the e-mail that says there is news. The message is
written in the same transaction as the change, once: `event_key` names the change (the status
step or the task), and a unique index on (case_id, event_key) refuses a second copy.

The body is stored in Dutch, like every text saved with a case (`stored_text`); the heading
is chosen at display time from `kind`, so it follows the page's language. Nothing is written
for a party without an account (they cannot open a Berichtenbox) or for the team's mail.
"""

from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.cases.anonymous import is_anonymous
from portal.cases.models import Case, Message, Task
from portal.cases.texts import RESULT_LABELS, STATUS_LABELS
from portal.extensions import db
from portal.notifications.outbox import now

MESSAGE = "message"
STATUS = "status"
TASK = "task"
DECISION = "decision"
# Which case events also write a Berichtenbox message, and of what kind.
EVENT_KINDS = {"status_changed": STATUS, "task": TASK, "case_closed": DECISION}


def record(event: str, case: Case, payload: dict) -> Message | None:
    """Write the Berichtenbox message for a case event, once; flushes, never commits."""
    kind = EVENT_KINDS.get(event)
    if kind is None or payload.get("recipient") or is_anonymous(case.party_kind):
        return None
    db.session.flush()  # the status step and the task need their ids for the key
    key, sender = _key_and_sender(kind, case, payload)
    if key is None:
        return None
    existing = db.session.scalar(
        select(Message).where(Message.case_id == case.id, Message.event_key == key)
    )
    if existing is not None:
        return existing
    with force_locale("nl"):
        body = _body(kind, case, payload)
    message = Message(
        direction="out",
        kind=kind,
        event_key=key,
        body=body,
        sender_label=sender,
        created_at=now(),
    )
    case.messages.append(message)
    db.session.flush()
    return message


def _key_and_sender(kind: str, case: Case, payload: dict) -> tuple[str | None, str]:
    if kind == TASK:
        sender = case.handler_name or current_app.config["MUNICIPALITY_NAME"]
        task_id = payload.get("task_id")
        return (f"task:{task_id}" if task_id else None), sender
    if not case.history:
        return None, ""
    step = case.history[-1]
    return f"{kind}:{step.id}", step.actor_label


def _long_date(value: str | None) -> str:
    return format_date(date.fromisoformat(value), format="d MMMM y") if value else ""


def _body(kind: str, case: Case, payload: dict) -> str:
    """The message in Dutch, B1: what changed, then the handler's own words, if any."""
    if kind == TASK:
        task = db.session.get(Task, payload["task_id"])
        lines = [task.text if task is not None else ""]
        if payload.get("due"):
            lines.append(
                _("Wij willen uw antwoord uiterlijk %(date)s.", date=_long_date(payload["due"]))
            )
        lines.append(_("U geeft antwoord op de pagina van uw zaak."))
        return " ".join(line for line in lines if line)
    step = case.history[-1]
    if kind == DECISION:
        label = RESULT_LABELS.get(case.result or "", case.result or "")
        lines = [_("Wij hebben een besluit genomen. De uitkomst is: %(result)s.", result=label)]
        lines.append(case.result_reason or "")
    elif payload.get("expected"):  # a new expected date (`extend_deadline`), same status
        lines = [
            _(
                "Het duurt langer. Wij verwachten dat uw zaak klaar is op %(date)s.",
                date=_long_date(payload["expected"]),
            )
        ]
        lines.append(step.note_for_resident or "")
    else:
        label = STATUS_LABELS.get(step.status, step.status)
        lines = [_("De status van uw zaak is nu: %(status)s.", status=label)]
        lines.append(step.note_for_resident or "")
    return " ".join(line for line in lines if line)


TITLES = {
    MESSAGE: _l("Bericht over %(product)s"),
    STATUS: _l("Nieuws over %(product)s"),
    TASK: _l("Wij hebben iets van u nodig voor %(product)s"),
    DECISION: _l("Besluit over %(product)s"),
}


def title(message: Message) -> str:
    """What the resident reads as the message's heading, in the page's language."""
    text = TITLES.get(message.kind or MESSAGE, TITLES[MESSAGE])
    return str(text) % {"product": message.case.product_name}
