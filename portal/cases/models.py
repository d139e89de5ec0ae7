"""Tables of the cases area (zaken).

A case (zaak) is what a request, report or question becomes. It keeps the party it concerns
(for a person the BSN: needed to find the cases of a signed-in resident; it never leaves the
server in URLs or logs), who acted, the status history, the handler, documents, messages and
tasks. Statuses and results are stored as codes; their resident-facing texts live in
`portal.cases.texts` so they can be translated.
"""

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.components.limits import STORED_BODY, STORED_TEXT, length_check
from portal.extensions import db


class CaseNumberCounter(db.Model):
    """The last case number handed out per year; one row per year, locked while counting."""

    __tablename__ = "cases_number_counter"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int]


def _open_index(name: str, *columns: str) -> Index:
    """An index over the open cases only: a tenth of the table or less, and what the back
    office works through."""
    where = text("closed_at IS NULL")
    return Index(name, *columns, sqlite_where=where, postgresql_where=where)


class Case(db.Model):
    __tablename__ = "cases_case"
    __table_args__ = (
        # Mijn zaken: a party's cases, newest first.
        Index("ix_cases_case_party_created", "party_kind", "party_identifier", "created_at"),
        # The back-office queue: a team's open cases, due first (id breaks ties, so a page is
        # read in index order). Its filters on status, handler and product have their own.
        _open_index("ix_cases_case_open_team", "team", "expected_completion", "id"),
        _open_index("ix_cases_case_open_status", "team", "status", "expected_completion", "id"),
        _open_index(
            "ix_cases_case_open_handler", "team", "handler_ref", "expected_completion", "id"
        ),
        # The queue's product choices, read pair by pair (portal.backoffice.services).
        _open_index("ix_cases_case_open_product", "team", "product_slug", "product_name"),
        # The dashboard: a team's cases closed in a period.
        Index("ix_cases_case_team_closed", "team", "closed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    product_slug: Mapped[str] = mapped_column(String(100), index=True)
    product_name: Mapped[str] = mapped_column(String(200))
    team: Mapped[str] = mapped_column(String(100), index=True)

    party_kind: Mapped[str] = mapped_column(String(20))
    party_identifier: Mapped[str] = mapped_column(String(20))
    party_branch: Mapped[str | None] = mapped_column(String(20))
    # "self" or "representative"; the label is what the resident and handler see.
    actor_kind: Mapped[str] = mapped_column(String(20))
    actor_label: Mapped[str] = mapped_column(String(200))
    actor_pseudonym: Mapped[str | None] = mapped_column(String(100))

    status: Mapped[str] = mapped_column(String(40), index=True)
    answers: Mapped[dict] = mapped_column(JSON)
    contact: Mapped[dict | None] = mapped_column(JSON)
    # Why the back office must look closer; never shown to the resident.
    review_reason: Mapped[str | None] = mapped_column(
        Text, length_check("review_reason", STORED_TEXT)
    )

    handler_name: Mapped[str | None] = mapped_column(String(200))
    handler_ref: Mapped[str | None] = mapped_column(String(200))
    # The handler's work address, so deadline warnings reach the person and not only the team.
    handler_email: Mapped[str | None] = mapped_column(String(200))

    norm_working_days: Mapped[int | None]
    norm_weeks: Mapped[int | None]
    expected_completion: Mapped[date | None]
    # The last norm warning sent ("at_risk" or "late"), so each is sent once per case.
    deadline_notified: Mapped[str | None] = mapped_column(String(20))
    delay_reason: Mapped[str | None] = mapped_column(
        Text, length_check("delay_reason", STORED_TEXT)
    )

    result: Mapped[str | None] = mapped_column(String(40))
    result_reason: Mapped[str | None] = mapped_column(
        Text, length_check("result_reason", STORED_TEXT)
    )

    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # The dashboard counts the cases closed in a period.
    closed_at: Mapped[datetime | None] = mapped_column(index=True)

    history: Mapped[list["StatusChange"]] = relationship(
        back_populates="case", order_by="StatusChange.id", cascade="all, delete-orphan"
    )
    documents: Mapped[list["Document"]] = relationship(
        back_populates="case", order_by="Document.id", cascade="all, delete-orphan"
    )
    messages: Mapped[list["Message"]] = relationship(
        back_populates="case", order_by="Message.id", cascade="all, delete-orphan"
    )
    tasks: Mapped[list["Task"]] = relationship(
        back_populates="case", order_by="Task.id", cascade="all, delete-orphan"
    )
    events: Mapped[list["CaseEvent"]] = relationship(
        back_populates="case", order_by="CaseEvent.id", cascade="all, delete-orphan"
    )
    feedback: Mapped["Feedback | None"] = relationship(cascade="all, delete-orphan")

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def open_tasks(self) -> list["Task"]:
        return [task for task in self.tasks if task.completed_at is None]


class StatusChange(db.Model):
    """One step in the status history, with an optional note written for the resident."""

    __tablename__ = "cases_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases_case.id"), index=True)
    status: Mapped[str] = mapped_column(String(40))
    note_for_resident: Mapped[str | None] = mapped_column(
        Text, length_check("note_for_resident", STORED_TEXT)
    )
    actor_label: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]

    case: Mapped[Case] = relationship(back_populates="history")


class Document(db.Model):
    """A file of the case. `path` is relative to the file store; a receipt has none because it
    is drawn from the case itself when someone downloads it."""

    __tablename__ = "cases_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    path: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]

    case: Mapped[Case] = relationship(back_populates="documents")

    @classmethod
    def of_file(cls, stored, kind: str, created_at: datetime) -> "Document":
        """A document for a file in the file store (`portal.cases.files.StoredFile`)."""
        return cls(
            kind=kind,
            name=stored.name,
            content_type=stored.content_type,
            size=stored.size,
            path=stored.path,
            created_at=created_at,
        )


class Message(db.Model):
    """A message in the case thread: "out" from the municipality, "in" from the resident.

    `kind` is "message" (written by a person) or, for the Berichtenbox, "status", "task" or
    "decision" (written when the case changed; `portal.notifications.berichtenbox`), with
    `event_key` naming that change so it is written once."""

    __tablename__ = "cases_message"
    __table_args__ = (Index("uq_cases_message_event", "case_id", "event_key", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases_case.id"), index=True)
    direction: Mapped[str] = mapped_column(String(3))
    body: Mapped[str] = mapped_column(Text, length_check("body", STORED_BODY))
    sender_label: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    # Read by the resident (for "out") or by the back office (for "in").
    read_at: Mapped[datetime | None]
    kind: Mapped[str] = mapped_column(String(20), default="message", server_default="message")
    event_key: Mapped[str | None] = mapped_column(String(60))

    case: Mapped[Case] = relationship(back_populates="messages")


class Task(db.Model):
    """Something the municipality asks of the resident, answered in the portal."""

    __tablename__ = "cases_task"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases_case.id"), index=True)
    text: Mapped[str] = mapped_column(Text, length_check("text", STORED_TEXT))
    due: Mapped[date | None]
    created_at: Mapped[datetime]
    completed_at: Mapped[datetime | None]
    answer_text: Mapped[str | None] = mapped_column(Text, length_check("answer_text", STORED_TEXT))
    answer_document_id: Mapped[int | None] = mapped_column(ForeignKey("cases_document.id"))
    last_reminded_at: Mapped[datetime | None]

    case: Mapped[Case] = relationship(back_populates="tasks")
    answer_document: Mapped[Document | None] = relationship()


class CaseEvent(db.Model):
    """Audit trail of the case: who did what, when. Details hold no personal data."""

    __tablename__ = "cases_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases_case.id"), index=True)
    action: Mapped[str] = mapped_column(String(60))
    actor_label: Mapped[str] = mapped_column(String(200))
    detail: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime]

    case: Mapped[Case] = relationship(back_populates="events")


class Feedback(db.Model):
    """The resident's mark for a closed case; at most one per case."""

    __tablename__ = "cases_feedback"
    __table_args__ = (UniqueConstraint("case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases_case.id"))
    mark: Mapped[int]
    comment: Mapped[str | None] = mapped_column(Text, length_check("comment", STORED_TEXT))
    # The dashboard reads the marks given in a period.
    created_at: Mapped[datetime] = mapped_column(index=True)


class StatusText(db.Model):
    """What a resident reads under a status for one product, written by the webteam; the
    general text in `cases.texts.WHAT_HAPPENS_NEXT` is used where there is none."""

    __tablename__ = "cases_status_text"
    __table_args__ = (UniqueConstraint("product_slug", "status", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_slug: Mapped[str] = mapped_column(String(100), index=True)
    status: Mapped[str] = mapped_column(String(40))
    locale: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text, length_check("text", STORED_TEXT))
    updated_at: Mapped[datetime]
