"""What residents, companies and representatives may see and do with their cases.

Who sees a case: the party it concerns (`principal.subject`). A company signed in for one branch
(vestiging) sees that branch's cases and the company-wide ones; signed in without a branch it
sees all of the company's. A representative sees only cases whose product the mandate covers.
Everything else is treated as if it does not exist, so a case number reveals nothing.
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, or_, select, update
from sqlalchemy import case as sql_case
from sqlalchemy.orm import joinedload, selectinload

from portal.auth.audit import record_event
from portal.cases import files
from portal.cases.models import Case, Document, Feedback, Message, Task
from portal.cases.services import (
    CaseError,
    audit,
    now,
    require_open,
    resume_after_waiting,
    send_message,
)
from portal.extensions import db

PER_PAGE = 10
INBOX_PER_PAGE = 25
# Where a request keeps the unread count once known (`portal.cases.unread_messages`).
UNREAD_KEY = "portal.unread_messages"


@dataclass(frozen=True)
class CasePage:
    items: list[Case]
    page: int
    pages: int
    total: int


@dataclass(frozen=True)
class MessagePage:
    items: list[Message]
    page: int
    pages: int
    total: int
    unread: int


def _visible(query: Select, principal) -> Select:
    subject = principal.subject
    query = query.where(
        Case.party_kind == subject.kind, Case.party_identifier == subject.identifier
    )
    if subject.kind == "company" and subject.branch:
        query = query.where(or_(Case.party_branch == subject.branch, Case.party_branch.is_(None)))
    if principal.acts_for_other:
        query = query.where(Case.product_slug.in_(tuple(principal.mandate_services)))
    return query


def cases_for(
    principal, *, closed: bool = False, page: int = 1, total: int | None = None
) -> CasePage:
    """Open or closed cases the principal may see, newest first. `total`: their number,
    when the caller has counted them already (`count_cases`)."""
    query = _visible(select(Case), principal).where(
        Case.closed_at.is_not(None) if closed else Case.closed_at.is_(None)
    )
    if total is None:
        total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    # The list says "Wij hebben iets van u nodig" from the tasks: loaded in one query.
    items = db.session.scalars(
        query.options(selectinload(Case.tasks))
        .order_by(Case.created_at.desc(), Case.id.desc())
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    )
    return CasePage(list(items), page, pages, total)


def count_cases(principal) -> dict[str, int]:
    """Open and closed cases the principal may see, counted in one query."""
    closed = func.coalesce(func.sum(sql_case((Case.closed_at.is_not(None), 1), else_=0)), 0)
    total, closed_count = db.session.execute(
        _visible(select(func.count(Case.id), closed), principal)
    ).one()
    return {"open": (total or 0) - closed_count, "closed": closed_count}


def case_for(principal, number: str) -> Case | None:
    case = db.session.scalars(
        _visible(select(Case), principal).where(Case.number == number)
    ).first()
    if case is None and principal is not None:
        _audit_refused(principal, number)
    return case


def _audit_refused(principal, number: str) -> None:
    """Someone else's case, or one outside the mandate: written to the audit log as staff
    refusals are. Committed at once, since the refusal ends the request without a commit."""
    if db.session.scalar(select(Case.id).where(Case.number == number)) is None:
        return  # a mistyped number is no attempt at someone else's case
    record_event("cases.case_refused", "refused", principal=principal, target=number)
    db.session.commit()


def document_for(principal, number: str, document_id: int) -> Document | None:
    case = case_for(principal, number)
    if case is None:
        return None
    return next((d for d in case.documents if d.id == document_id), None)


def task_for(case: Case, task_id: int) -> Task | None:
    return next((task for task in case.tasks if task.id == task_id), None)


def resident_message(case: Case, text: str, principal) -> Message:
    """The resident writes to the team about this case."""
    if len(text or "") > 5000:
        raise CaseError(_l("Uw bericht is te lang. Gebruik maximaal 5000 tekens."))
    return send_message(case, text, principal)


def complete_task(case: Case, task: Task, principal, *, text: str = "", upload=None) -> None:
    """Answer a task with text, a file, or both. Raises files.FileRejected for a bad file."""
    require_open(case)
    if task.completed_at is not None:
        raise CaseError(_l("U heeft deze taak al gedaan."))
    text = (text or "").strip()
    if not text and upload is None:
        raise CaseError(_l("Typ een antwoord of kies een bestand."))
    if upload is not None:
        stored = files.store(upload)
        document = Document(
            kind="antwoord",
            name=stored.name,
            content_type=stored.content_type,
            size=stored.size,
            path=stored.path,
            created_at=now(),
        )
        case.documents.append(document)
        task.answer_document = document
    task.answer_text = text or None
    task.completed_at = now()
    case.updated_at = task.completed_at
    audit(case, "task_completed", principal, {"task_id": task.id})
    resume_after_waiting(case, task.created_at, principal)
    db.session.flush()


def give_feedback(case: Case, mark: int, comment: str, principal) -> Feedback:
    """One mark (1–10) per closed case, with an optional comment."""
    if not case.is_closed:
        raise CaseError(_l("U kunt een cijfer geven als uw zaak klaar is."))
    if case.feedback is not None:
        raise CaseError(_l("U heeft al een cijfer gegeven. Bedankt daarvoor."))
    if not 1 <= mark <= 10:
        raise CaseError(_l("Kies een cijfer van 1 tot en met 10."))
    feedback = Feedback(mark=mark, comment=(comment or "").strip() or None, created_at=now())
    case.feedback = feedback
    audit(case, "feedback_given", principal, {"mark": mark})
    db.session.flush()
    return feedback


def inbox(principal, *, page: int = 1) -> MessagePage:
    """The Berichtenbox: messages from the municipality on cases the principal may see,
    newest first, one page of them, each with its case."""
    cases = _visible(select(Case.id), principal).scalar_subquery()
    query = select(Message).where(Message.direction == "out", Message.case_id.in_(cases))
    total, unread = db.session.execute(
        select(
            func.count(Message.id),
            func.coalesce(func.sum(sql_case((Message.read_at.is_(None), 1), else_=0)), 0),
        ).where(Message.direction == "out", Message.case_id.in_(cases))
    ).one()
    pages = max(1, -(-total // INBOX_PER_PAGE))
    page = min(max(page, 1), pages)
    items = db.session.scalars(
        query.options(joinedload(Message.case))
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(INBOX_PER_PAGE)
        .offset((page - 1) * INBOX_PER_PAGE)
    )
    return MessagePage(list(items), page, pages, total, unread)


def unread_count(principal) -> int:
    cases = _visible(select(Case.id), principal).scalar_subquery()
    query = select(func.count(Message.id)).where(
        Message.direction == "out", Message.read_at.is_(None), Message.case_id.in_(cases)
    )
    return db.session.scalar(query) or 0


def message_for(principal, message_id: int) -> Message | None:
    cases = _visible(select(Case.id), principal).scalar_subquery()
    return db.session.scalars(
        select(Message).where(
            Message.id == message_id, Message.direction == "out", Message.case_id.in_(cases)
        )
    ).first()


def mark_shown_read(case: Case, shown_ids: set[int], at: datetime | None = None) -> int:
    """Mark as read the messages of `case` a page showed (by id), and nothing else: not the
    case's other messages, not one written after the page read them. Returns how many."""
    if not shown_ids:
        return 0
    result = db.session.execute(
        update(Message)
        .where(
            Message.case_id == case.id,
            Message.id.in_(shown_ids),
            Message.direction == "out",
            Message.read_at.is_(None),
        )
        .values(read_at=at or now())
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount or 0


def mark_read(messages: list[Message], at: datetime | None = None) -> None:
    for message in messages:
        if message.direction == "out" and message.read_at is None:
            message.read_at = at or now()
    db.session.flush()
