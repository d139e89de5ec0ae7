"""Tables of the sign-in area: server-side sessions and the audit trail."""

from datetime import datetime

from sqlalchemy import JSON, DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


class AuthSession(db.Model):
    """One signed-in session. The browser only holds a random key; its hash is the id here,
    so neither the cookie nor a copy of this table gives away the other."""

    __tablename__ = "auth_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    means: Mapped[str] = mapped_column(String(20))
    principal: Mapped[dict] = mapped_column(JSON)
    provider_subject: Mapped[str] = mapped_column(String(200), default="")
    used_services: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_auth_sessions_last_seen_at", "last_seen_at"),)


class AuditEvent(db.Model):
    """Who did what, for whom, when. Identifiers are pseudonyms, never BSNs."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    action: Mapped[str] = mapped_column(String(80), index=True)
    result: Mapped[str] = mapped_column(String(40))
    means: Mapped[str] = mapped_column(String(20), default="")
    actor: Mapped[str] = mapped_column(String(80), default="", index=True)
    acting_for: Mapped[str] = mapped_column(String(80), default="")
    target: Mapped[str] = mapped_column(String(120), default="")
    detail: Mapped[str] = mapped_column(String(200), default="")
