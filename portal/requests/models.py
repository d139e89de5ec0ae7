"""Tables of the requests area: drafts of requests and the files added to them.

A draft belongs to the party the request is for and to the person filling it in, both kept
as pseudonyms (never a BSN). It holds only what the person typed: register facts are looked
up when shown, once per sign-in, and kept with the session (`prefill.facts_for_draft`).
After submission the answers move to the case and are removed here; the row stays so the
confirmation page can be shown again.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.components.limits import STORED_TEXT, length_check
from portal.extensions import db


class Draft(db.Model):
    __tablename__ = "requests_draft"
    __table_args__ = (Index("ix_requests_draft_owner", "party_kind", "party_key", "actor_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Random; the draft's name in URLs.
    token: Mapped[str] = mapped_column(String(32), unique=True)
    product_slug: Mapped[str] = mapped_column(String(100))
    form_version: Mapped[int]
    party_kind: Mapped[str] = mapped_column(String(20))
    party_key: Mapped[str] = mapped_column(String(64))
    actor_key: Mapped[str] = mapped_column(String(100))
    answers: Mapped[dict] = mapped_column(JSON)
    # Why the back office should look closer (an address check); never shown to the person.
    review_reason: Mapped[str | None] = mapped_column(
        Text, length_check("review_reason", STORED_TEXT)
    )
    # The idempotency key of the submission: a retried POST finds the same case.
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)
    submitted_at: Mapped[datetime | None]
    case_number: Mapped[str | None] = mapped_column(String(20))

    uploads: Mapped[list["DraftUpload"]] = relationship(
        back_populates="draft", order_by="DraftUpload.id", cascade="all, delete-orphan"
    )
    # Answers kept for its steps (`KeptAnswers`), found by token: read with the draft when
    # a step is shown, so looking for them costs no query of its own.
    kept_answers: Mapped[list["KeptAnswers"]] = relationship(
        primaryjoin="Draft.token == foreign(KeptAnswers.draft_token)", viewonly=True
    )


class DraftUpload(db.Model):
    """A file added to a draft, kept in the file store; linked to the case on submission."""

    __tablename__ = "requests_upload"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("requests_draft.id"), index=True)
    token: Mapped[str] = mapped_column(String(32), unique=True)
    field: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    path: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime]

    draft: Mapped[Draft] = relationship(back_populates="uploads")


class KeptAnswers(db.Model):
    """What someone typed on a step and posted after their session had ended (the idle
    time-out) or when their level of assurance was too low: kept server side, never in the
    cookie, until the same person signs in again and opens the step (`portal.requests.kept`).

    Tied to the draft's token rather than to a foreign key: only the draft's owner finds the
    draft, and rows nobody comes back for go after a short time anyway."""

    __tablename__ = "requests_kept_answers"
    __table_args__ = (UniqueConstraint("draft_token", "step_name", name="uq_requests_kept_step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_token: Mapped[str] = mapped_column(String(32))
    step_name: Mapped[str] = mapped_column(String(100))
    # The raw posted values per field name (lists), so the step shows exactly what was typed.
    values: Mapped[dict] = mapped_column(JSON)
    kept_at: Mapped[datetime] = mapped_column(index=True)
