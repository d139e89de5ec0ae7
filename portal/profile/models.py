"""Tables of the profile area: contact details and preferences, kept once per party.

A party is found by the pseudonym of its identifier, so no BSN or KVK number is stored here.
Retention: a profile is kept while the party uses the portal; `services.forget` removes it.
"""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


class Profile(db.Model):
    __tablename__ = "profile"
    __table_args__ = (UniqueConstraint("party_kind", "party_key", name="uq_profile_party"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    party_kind: Mapped[str] = mapped_column(String(10))
    party_key: Mapped[str] = mapped_column(String(128))
    email: Mapped[str] = mapped_column(String(254), default="")
    email_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    pending_email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    language: Mapped[str] = mapped_column(String(2), default="")
    notify_by_email: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
