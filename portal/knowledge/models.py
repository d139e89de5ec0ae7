"""Tables of the knowledge area (the contact centre's search): one row per contact a
staff member recorded, so the dashboard can count first-contact resolution."""

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.components.limits import STORED_TEXT, length_check
from portal.extensions import db


class Contact(db.Model):
    __tablename__ = "knowledge_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    # phone | desk | chat | email
    channel: Mapped[str] = mapped_column(String(20), index=True)
    # What the question was about: a product slug, "faq:<slug>" or "" when nothing fitted.
    topic: Mapped[str] = mapped_column(String(120), default="", index=True)
    # Team that owns the topic (product team), for the dashboard's per-team view.
    team: Mapped[str] = mapped_column(String(100), default="", index=True)
    answered_first_contact: Mapped[bool]
    # What followed when it was not answered: case | callback | appointment | none
    follow_up: Mapped[str] = mapped_column(String(20), default="none")
    # The case or appointment number that was started, for the staff member's overview.
    follow_up_ref: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text, length_check("note", STORED_TEXT))
    staff_ref: Mapped[str] = mapped_column(String(200))
    staff_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(index=True)
