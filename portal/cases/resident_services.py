"""What residents, companies and representatives may see and do with their cases.

Who sees a case: the party it concerns (`principal.subject`). A company signed in for one branch
(vestiging) sees that branch's cases and the company-wide ones; signed in without a branch it
sees all of the company's. A representative sees only cases whose product the mandate covers.
Everything else is treated as if it does not exist, so a case number reveals nothing.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import Integer, Select, bindparam, exists, func, or_, select, update
from sqlalchemy import case as sql_case
from sqlalchemy.orm import contains_eager, joinedload

from portal.auth.audit import record_event
from portal.cases import files
from portal.cases.handling import resume_after_waiting, send_message
from portal.cases.models import Case, Document, Feedback, Message, Task
from portal.cases.services import CaseError, audit, now, require_open
from portal.cases.status_texts import OWN_TEXT_LOCALE, own_text_column, text_locale
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
    # The ids of the listed cases that wait for the resident: an open task.
    waiting: frozenset[int] = frozenset()
    # Open and closed cases, and the principal's unread messages (`count_cases`).
    counts: dict[str, int] | None = None


@dataclass(frozen=True)
class ShownCase:
    """A case with what its page shows besides its rows (`case_page`)."""

    case: Case
    own_text: str | None  # the webteam's "Wat gebeurt er nu?" text, if it wrote one
    unread: int  # the principal's unread messages over all cases, before this page


@dataclass(frozen=True)
class MessagePage:
    items: list[Message]
    page: int
    pages: int
    total: int
    unread: int


# Who sees what, as conditions with named parameters (`_visible_where`). The statements the
# resident's pages send on every visit are built once per kind of principal and reused
# (`functools.cache`): building and keying one costs a third of a query on PostgreSQL.
def _shape(principal) -> tuple[tuple[bool, bool], dict]:
    """What a statement's conditions depend on (a branch, a mandate) and the values for
    its parameters."""
    subject = principal.subject
    branch = subject.kind == "company" and bool(subject.branch)
    values = {"party_kind": subject.kind, "party_identifier": subject.identifier}
    if branch:
        values["party_branch"] = subject.branch
    if principal.acts_for_other:
        values["mandate_services"] = list(principal.mandate_services)
    return (branch, principal.acts_for_other), values


def _visible_where(query: Select, shape: tuple[bool, bool]) -> Select:
    branch, mandate = shape
    query = query.where(
        Case.party_kind == bindparam("party_kind"),
        Case.party_identifier == bindparam("party_identifier"),
    )
    if branch:
        query = query.where(
            or_(Case.party_branch == bindparam("party_branch"), Case.party_branch.is_(None))
        )
    if mandate:
        query = query.where(Case.product_slug.in_(bindparam("mandate_services", expanding=True)))
    return query


def _visible(query: Select, principal) -> Select:
    shape, values = _shape(principal)
    return _visible_where(query, shape).params(values)


def cases_for(principal, *, closed: bool = False, page: int = 1) -> CasePage:
    """Open or closed cases the principal may see, newest first, one page of them; with
    the counts of both kinds and the header's unread messages (`counts`). One query, or
    two when the page is empty."""
    page = max(page, 1)
    rows = _case_rows(principal, closed, page)
    if rows:
        _, _, total, everything, unread = rows[0]
        other = everything - total
        counts = {"open": other if closed else total, "closed": total if closed else other}
        counts["unread"] = unread or 0
    else:
        counts = count_cases(principal, with_unread=True)
        total = counts["closed" if closed else "open"]
        if total and page > 1:
            # Past the last page (an old link): the last page instead.
            page = -(-total // PER_PAGE)
            rows = _case_rows(principal, closed, page)
    pages = max(1, -(-total // PER_PAGE))
    waiting = frozenset(row[0].id for row in rows if row[1])
    return CasePage([row[0] for row in rows], page, pages, total, waiting, counts)


def _case_rows(principal, closed: bool, page: int) -> list:
    """(case, has an open task, cases of this kind, all cases, unread messages) per case."""
    shape, values = _shape(principal)
    values["offset"] = (page - 1) * PER_PAGE
    return db.session.execute(_case_rows_statement(shape, closed), values).all()


@cache
def _case_rows_statement(shape: tuple[bool, bool], closed: bool) -> Select:
    # The list says "Wij hebben iets van u nodig" when a task is open: asked in the same
    # query, not by loading the tasks.
    open_task = exists().where(Task.case_id == Case.id, Task.completed_at.is_(None))
    everything = _visible_where(select(func.count(Case.id)), shape).correlate(None)
    query = _visible_where(
        select(
            Case,
            open_task,
            func.count(Case.id).over(),
            everything.scalar_subquery(),
            _unread_where(shape).scalar_subquery(),
        ),
        shape,
    ).where(Case.closed_at.is_not(None) if closed else Case.closed_at.is_(None))
    return (
        query.order_by(Case.created_at.desc(), Case.id.desc())
        .limit(PER_PAGE)
        .offset(bindparam("offset", type_=Integer))
    )


def count_cases(principal, *, with_unread: bool = False) -> dict[str, int]:
    """Open and closed cases the principal may see, counted in one query; `with_unread`:
    with the unread messages the header shows, in the same query."""
    closed = func.coalesce(func.sum(sql_case((Case.closed_at.is_not(None), 1), else_=0)), 0)
    columns = [func.count(Case.id), closed]
    if with_unread:
        columns.append(_unread_where(_shape(principal)[0]).scalar_subquery())
    found = db.session.execute(_visible(select(*columns), principal)).one()
    total, closed_count = found[0] or 0, found[1]
    counts = {"open": total - closed_count, "closed": closed_count}
    if with_unread:
        counts["unread"] = found[2] or 0
    return counts


def case_for(principal, number: str) -> Case | None:
    case = db.session.scalars(
        _visible(select(Case), principal).where(Case.number == number)
    ).first()
    if case is None and principal is not None:
        _audit_refused(principal, number)
    return case


def case_page(principal, number: str) -> ShownCase | None:
    """The case for its page, in a constant number of queries: one for the case with its
    tasks, the webteam's status text and the header's unread count. The history, documents
    and messages then load one query each as the page reads them: measured on PostgreSQL,
    a lazy load costs less than a `selectinload` of one case. None as `case_for`."""
    shape, values = _shape(principal)
    values |= {"number": number, OWN_TEXT_LOCALE: text_locale()}
    found = db.session.execute(_case_page_statement(shape), values).unique().one_or_none()
    if found is None:
        if principal is not None:
            _audit_refused(principal, number)
        return None
    case, own_text, unread = found
    return ShownCase(case, own_text, unread or 0)


@cache
def _case_page_statement(shape: tuple[bool, bool]) -> Select:
    columns = (Case, own_text_column(), _unread_where(shape).scalar_subquery())
    return (
        _visible_where(select(*columns), shape)
        .where(Case.number == bindparam("number"))
        .options(joinedload(Case.tasks))
    )


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
        document = Document.of_file(stored, "antwoord", now())
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
    newest first, one page of them, each with its case; counted in the same query."""
    page = max(page, 1)
    rows = _inbox_rows(principal, page)
    if not rows and page > 1:
        # Past the last page (an old link, a message gone): the last page instead.
        total = db.session.scalar(
            _visible(select(func.count(Message.id)).join(Message.case), principal).where(
                Message.direction == "out"
            )
        )
        page = max(1, -(-(total or 0) // INBOX_PER_PAGE))
        rows = _inbox_rows(principal, page)
    total, unread = (rows[0][1], rows[0][2]) if rows else (0, 0)
    pages = max(1, -(-total // INBOX_PER_PAGE))
    return MessagePage([row[0] for row in rows], page, pages, total, unread or 0)


def _inbox_rows(principal, page: int) -> list:
    """(message, total, unread) for one page; the counts over all the principal's messages."""
    shape, values = _shape(principal)
    values["offset"] = (page - 1) * INBOX_PER_PAGE
    return db.session.execute(_inbox_statement(shape), values).all()


@cache
def _inbox_statement(shape: tuple[bool, bool]) -> Select:
    # Of each case only what the list shows (number, and the product in the title): the
    # whole case, answers and all, costs more to read than the page.
    unread = func.sum(sql_case((Message.read_at.is_(None), 1), else_=0))
    query = _visible_where(
        select(Message, func.count(Message.id).over(), unread.over()).join(Message.case),
        shape,
    ).where(Message.direction == "out")
    return (
        query.options(contains_eager(Message.case).load_only(Case.number, Case.product_name))
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(INBOX_PER_PAGE)
        .offset(bindparam("offset", type_=Integer))
    )


def _unread_where(shape: tuple[bool, bool]) -> Select:
    cases = _visible_where(select(Case.id), shape).scalar_subquery()
    return select(func.count(Message.id)).where(
        Message.direction == "out", Message.read_at.is_(None), Message.case_id.in_(cases)
    )


@cache
def _unread_statement(shape: tuple[bool, bool]) -> Select:
    return _unread_where(shape)


def unread_count(principal) -> int:
    """The header's count of unread messages: on every page a resident sees."""
    shape, values = _shape(principal)
    return db.session.scalar(_unread_statement(shape), values) or 0


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
