"""Tables of the questions area: call-back requests (terugbelverzoeken) and their attempts.

A question and a call-back are cases (`portal.cases`); what only a call-back has lives here:
the chosen time window and each attempt to call. Windows are the ones the contact centre
staffs (`CallbackWindow`), so staff can plan calls per window.
"""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db


class CallbackWindow(db.Model):
    """A window the contact centre staffs on working days, e.g. 09:00–11:00, local time,
    with how many calls it can take."""

    __tablename__ = "questions_callback_window"

    id: Mapped[int] = mapped_column(primary_key=True)
    starts: Mapped[str] = mapped_column(String(5))  # "09:00"
    ends: Mapped[str] = mapped_column(String(5))  # "11:00"
    capacity: Mapped[int] = mapped_column(default=10)
    active: Mapped[bool] = mapped_column(default=True)


class Callback(db.Model):
    __tablename__ = "questions_callback"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases_case.id"), unique=True)
    phone: Mapped[str] = mapped_column(String(40))
    topic: Mapped[str] = mapped_column(String(100))
    window_day: Mapped[date] = mapped_column(index=True)
    window_id: Mapped[int] = mapped_column(ForeignKey("questions_callback_window.id"))
    # waiting | reached | new_window_needed | closed
    status: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # When the current window was chosen: the attempts after it count towards the two
    # failed attempts that lead to a new window.
    window_chosen_at: Mapped[datetime | None]

    window: Mapped[CallbackWindow] = relationship()
    attempts: Mapped[list["CallAttempt"]] = relationship(
        back_populates="callback", order_by="CallAttempt.id", cascade="all, delete-orphan"
    )


class CallAttempt(db.Model):
    """One try to call: reached, not reached, or voicemail left."""

    __tablename__ = "questions_call_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    callback_id: Mapped[int] = mapped_column(ForeignKey("questions_callback.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))  # reached | not_reached | voicemail
    note: Mapped[str | None] = mapped_column(String(500))
    staff_label: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]

    callback: Mapped[Callback] = relationship(back_populates="attempts")


class WindowBooking(db.Model):
    """How many call-backs a window holds on a day; a row per (day, window) with a counter so
    a full window refuses the next request even when two arrive at once."""

    __tablename__ = "questions_window_booking"
    __table_args__ = (UniqueConstraint("day", "window_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    window_id: Mapped[int] = mapped_column(ForeignKey("questions_callback_window.id"))
    taken: Mapped[int] = mapped_column(default=0)
