"""Moving a case (zaak) forward once it exists, up to closing it.

    assign(case, handler, *, actor=None) -> None
    change_status(case, status, note_for_resident, actor) -> None
    add_timeline_note(case, note_for_resident, actor) -> None
    request_information(case, text, due, *, actor=None) -> Task
    resume_after_waiting(case, waited_since, actor) -> None
    send_message(case, text, sender) -> Message
    attach_document(case, file, kind, *, actor=None) -> Document
    close_case(case, result, reason, actor) -> None
    extend_deadline(case, new_date, reason, actor) -> None

Each refuses a closed case (except a message from staff) with a `CaseError`. The conventions
(flush, never commit; history, audit trail and notification in the same transaction) are
described in `portal.cases.services`, which holds what these share.
"""

from datetime import UTC, date, datetime

from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.cases import files
from portal.cases.calendar import add_working_days, working_days_between
from portal.cases.models import Case, Document, Message, Task
from portal.cases.services import (
    AMSTERDAM,
    CaseError,
    _iso,
    _record_status,
    actor_label,
    audit,
    notify,
    now,
    require_open,
    staff_ref,
    today,
)
from portal.cases.texts import (
    CLOSED,
    DOCUMENT_KINDS,
    IN_PROGRESS,
    OPEN_STATUSES,
    RESULT_LABELS,
    RESULTS_NEEDING_REASON,
    WAITING_FOR_RESIDENT,
)
from portal.extensions import db


def assign(case: Case, handler, *, actor=None) -> None:
    """Make `handler` (a staff Principal, or anything with `display_name` and `staff_id`)
    the case's handler; the resident sees the name."""
    require_open(case)
    case.handler_name = handler.display_name
    case.handler_ref = staff_ref(handler)
    case.handler_email = getattr(handler, "email", "") or None
    case.updated_at = now()
    audit(case, "assigned", actor or handler, {"handler": case.handler_name})
    db.session.flush()


def change_status(case: Case, status: str, note_for_resident: str | None, actor) -> None:
    require_open(case)
    if status not in OPEN_STATUSES:
        raise CaseError(_l("Kies een status uit de lijst. Afronden doet u met een uitkomst."))
    _record_status(case, status, note_for_resident, actor)
    audit(case, "status_changed", actor, {"status": status})
    notify("status_changed", case, {"status": status})
    db.session.flush()


def add_timeline_note(case: Case, note_for_resident: str, actor) -> None:
    """A step on the case's timeline that keeps the status and sends no e-mail: the area that
    writes it audits it and tells the resident its own way (a proposal comes as a message)."""
    require_open(case)
    _record_status(case, case.status, note_for_resident, actor)
    db.session.flush()


def request_information(case: Case, text: str, due: date | None, *, actor=None) -> Task:
    """Ask the resident for something; the case waits for them until they answer."""
    require_open(case)
    if not text or not text.strip():
        raise CaseError(_l("Schrijf op wat u van de inwoner nodig heeft."))
    if due is not None and due < today():
        raise CaseError(_l("De uiterste datum ligt in het verleden. Kies een latere datum."))
    task = Task(text=text.strip(), due=due, created_at=now())
    case.tasks.append(task)
    if case.status != WAITING_FOR_RESIDENT:
        _record_status(case, WAITING_FOR_RESIDENT, None, actor)
    audit(case, "information_requested", actor, {"due": _iso(due)})
    db.session.flush()
    notify("task", case, {"task_id": task.id, "due": _iso(due)})
    return task


def send_message(case: Case, text: str, sender) -> Message:
    """A message in the case thread. From staff or the system it goes out to the resident (who
    gets an e-mail that there is news); from the resident it comes in for the team."""
    if not text or not text.strip():
        raise CaseError(_l("Typ uw bericht."))
    outgoing = sender is None or getattr(sender, "means", None) == "staff"
    if not outgoing:
        require_open(case)
    message = Message(
        direction="out" if outgoing else "in",
        body=text.strip(),
        sender_label=actor_label(sender),
        created_at=now(),
    )
    case.messages.append(message)
    case.updated_at = message.created_at
    audit(case, "message_sent" if outgoing else "message_received", sender)
    db.session.flush()
    if outgoing:
        notify("message", case, {"message_id": message.id})
    return message


def attach_document(case: Case, file, kind: str, *, actor=None) -> Document:
    """Store a file (an upload or a `files.StoredFile`) with the case, e.g. a decision letter.

    Raises files.FileRejected when an upload is not a PDF, JPEG or PNG or is too large.
    """
    if kind not in DOCUMENT_KINDS:
        raise CaseError(_l("Kies wat voor document dit is."))
    stored = file if isinstance(file, files.StoredFile) else files.store(file)
    document = Document.of_file(stored, kind, now())
    case.documents.append(document)
    case.updated_at = document.created_at
    audit(case, "document_added", actor, {"kind": kind})
    db.session.flush()
    return document


def close_case(case: Case, result: str, reason: str | None, actor) -> None:
    """Finish the case with a result. A "no" (or partly no, or a hand-over) must say why."""
    require_open(case)
    if result not in RESULT_LABELS:
        raise CaseError(_l("Kies een uitkomst uit de lijst."))
    reason = (reason or "").strip() or None
    if result in RESULTS_NEEDING_REASON and not reason:
        raise CaseError(_l("Leg uit waarom. De inwoner moet weten waarom het antwoord nee is."))
    case.result = result
    case.result_reason = reason
    case.closed_at = now()
    _record_status(case, CLOSED, None, actor)
    audit(case, "closed", actor, {"result": result})
    public_url = current_app.config["PUBLIC_URL"].rstrip("/")
    notify(
        "case_closed",
        case,
        {"result": result, "feedback_url": f"{public_url}/mijn-zaken/{case.number}#beoordeling"},
    )
    db.session.flush()


def extend_deadline(case: Case, new_date: date, reason: str, actor) -> None:
    """Move the expected date, with the reason the resident reads ("afspraak = afspraak")."""
    require_open(case)
    if not reason or not reason.strip():
        raise CaseError(_l("Leg uit waarom het langer duurt."))
    if case.expected_completion and new_date <= case.expected_completion:
        raise CaseError(_l("De nieuwe datum moet later zijn dan de oude datum."))
    old = case.expected_completion
    case.expected_completion = new_date
    case.delay_reason = reason.strip()
    case.deadline_notified = None
    _record_status(case, case.status, reason, actor)
    audit(case, "deadline_extended", actor, {"from": _iso(old), "to": _iso(new_date)})
    notify("status_changed", case, {"status": case.status, "expected": _iso(new_date)})
    db.session.flush()


def resume_after_waiting(case: Case, waited_since: datetime, actor) -> None:
    """The resident answered: the norm clock stood still while we waited (as the Awb term is
    suspended), so the expected date moves by the working days waited."""
    if case.expected_completion is not None:
        waited = working_days_between(
            waited_since.replace(tzinfo=UTC).astimezone(AMSTERDAM).date(), today()
        )
        if waited > 0:
            case.expected_completion = add_working_days(case.expected_completion, waited)
    if case.status == WAITING_FOR_RESIDENT and not case.open_tasks:
        _record_status(case, IN_PROGRESS, None, actor)
