"""Tables of functional administration: staff and teams kept here when the staff broker
does not send them, and settings (retention periods, targets, the second pair of eyes)."""

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


class StaffMember(db.Model):
    __tablename__ = "admin_staff_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The staff broker's subject ("sub"), as Principal.staff_id.
    staff_id: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    roles: Mapped[list] = mapped_column(JSON, default=list)
    team: Mapped[str | None] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(200), default="")


class Team(db.Model):
    __tablename__ = "admin_team"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    # The team leader's e-mail address for the weekly summary.
    lead_email: Mapped[str] = mapped_column(String(254), default="")
    active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime]


class Setting(db.Model):
    """One setting; the defaults and the allowed values live in administration.settings."""

    __tablename__ = "admin_setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(200), default="")
