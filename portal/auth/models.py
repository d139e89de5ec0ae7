"""Tables of the sign-in area: server-side sessions and the audit trail."""

from datetime import datetime

from sqlalchemy import JSON, DateTime, Index, String, UniqueConstraint
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


class MandateUse(db.Model):
    """A representative who used a mandate in the portal, per represented party. Identifiers
    are the audit trail's (`actor_of`, `acting_for_of`): pseudonyms, never BSNs. The name is
    kept so the represented person sees who acted for him. `blocked_at`: he ended the mandate's
    use in the portal; the representative's next request is refused."""

    __tablename__ = "mandates"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(80), index=True)
    actor: Mapped[str] = mapped_column(String(80))
    # The pseudonym cases store as `actor_pseudonym`, to name the representative there.
    case_actor: Mapped[str] = mapped_column(String(100), default="")
    representative_name: Mapped[str] = mapped_column(String(200), default="")
    services: Mapped[list] = mapped_column(JSON, default=list)
    first_used_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    blocked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (UniqueConstraint("subject", "actor", name="uq_mandates_subject_actor"),)
