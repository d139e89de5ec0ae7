"""Tables of the appointments area (afspraken).

Times are stored as naive UTC; the municipality's clock (Europe/Amsterdam, with its daylight
saving change) is applied when availability is computed and when times are shown, so a slot is
right in every time zone and on the night the clocks move.

A booking claims every 15-minute unit it covers on one desk (`SlotClaim`, unique per location,
desk and unit): two people who book the last free slot at the same moment cannot both win, on
SQLite or PostgreSQL, whatever the Python code checked before.
"""

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.components.limits import STORED_TEXT, length_check
from portal.extensions import db

UNIT_MINUTES = 15


class Location(db.Model):
    """Where appointments happen: the town hall, a service point, at home, a video call."""

    __tablename__ = "appointments_location"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    # gemeentehuis | servicepunt | thuis | video
    kind: Mapped[str] = mapped_column(String(20))
    name_nl: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(200), default="")
    # Desks (or handlers for home visits and calls) that can take an appointment at once.
    capacity: Mapped[int] = mapped_column(default=1)
    # {"0": [["09:00", "12:30"], ["13:30", "17:00"]], ...}: Monday is "0", local times.
    opening_hours: Mapped[dict] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AppointmentType(db.Model):
    """What an appointment is for, per product: duration, where, what to bring, costs."""

    __tablename__ = "appointments_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    # The catalogue product it belongs to (e.g. reisdocument-aanvragen), if any.
    product_slug: Mapped[str | None] = mapped_column(String(100), index=True)
    name_nl: Mapped[str] = mapped_column(String(150))
    name_en: Mapped[str] = mapped_column(String(150))
    # Minutes for the first person and for every extra person or product.
    duration_minutes: Mapped[int]
    extra_minutes_per_person: Mapped[int] = mapped_column(default=0)
    max_persons: Mapped[int] = mapped_column(default=1)
    location_slugs: Mapped[list] = mapped_column(JSON)
    bring_nl: Mapped[list] = mapped_column(JSON, default=list)
    bring_en: Mapped[list] = mapped_column(JSON, default=list)
    cost_cents: Mapped[int | None]
    cost_text_nl: Mapped[str] = mapped_column(String(300), default="")
    cost_text_en: Mapped[str] = mapped_column(String(300), default="")
    # No booking closer than this to now, and none further ahead than the horizon.
    lead_time_hours: Mapped[int] = mapped_column(default=2)
    horizon_days: Mapped[int] = mapped_column(default=42)
    # DigiD needed to book (e.g. a Wmo home visit is proposed on a case, not booked freely).
    needs_sign_in: Mapped[bool] = mapped_column(Boolean, default=False)
    bookable_online: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Closure(db.Model):
    """Time no one can book: a closed day for a location (holiday, training), or time a
    handler blocked. `location_slug` None closes every location."""

    __tablename__ = "appointments_closure"

    id: Mapped[int] = mapped_column(primary_key=True)
    location_slug: Mapped[str | None] = mapped_column(String(60), index=True)
    # Set when one desk/handler is blocked, not the whole location.
    desk: Mapped[int | None]
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime]


class Appointment(db.Model):
    __tablename__ = "appointments_appointment"
    __table_args__ = (
        Index("ix_appointments_appointment_day", "location_slug", "starts_at"),
        # The dashboard reads every location's appointments of a period.
        Index("ix_appointments_appointment_starts_at", "starts_at"),
        # The few holds, found without reading the booked appointments (availability skips
        # the claims of holds that ran out).
        Index(
            "ix_appointments_appointment_held",
            "held_until",
            sqlite_where=text("status = 'held'"),
            postgresql_where=text("status = 'held'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Shown to the resident and staff ("A-2026-000123"); not a secret.
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    # Public part of the manage link; the link carries a MAC of it (see `links`).
    key: Mapped[str] = mapped_column(String(32), unique=True)
    # The ICS UID: stable across reschedules, so calendars update the same event.
    uid: Mapped[str] = mapped_column(String(100), unique=True)
    sequence: Mapped[int] = mapped_column(default=0)
    type_slug: Mapped[str] = mapped_column(String(60), index=True)
    location_slug: Mapped[str] = mapped_column(String(60))
    desk: Mapped[int]
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    persons: Mapped[int] = mapped_column(default=1)
    # held (reserved while the resident confirms) | booked | cancelled | arrived | no_show | done
    status: Mapped[str] = mapped_column(String(20), index=True)
    held_until: Mapped[datetime | None]

    # Who: a signed-in party (as on cases) or only the contact details given.
    party_kind: Mapped[str | None] = mapped_column(String(20))
    party_identifier: Mapped[str | None] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str | None] = mapped_column(String(5))
    # Address for a home visit; the resident's notes ("bel aan bij de achterdeur").
    visit_address: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text, length_check("notes", STORED_TEXT))
    # The municipality's message with the last move or cancellation, shown on the manage page
    # (e-mails only say there is one: they never carry what a handler wrote).
    change_note: Mapped[str | None] = mapped_column(Text, length_check("change_note", STORED_TEXT))
    # The case it belongs to (a proposed home visit on a Wmo case), if any.
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases_case.id"), index=True)
    # The appointment this one replaced when it was rescheduled.
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("appointments_appointment.id"))
    # Reference at an outside appointment system (Qmatic, JCC), when that is the back end.
    external_ref: Mapped[str | None] = mapped_column(String(100))

    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]
    reminder_sent_at: Mapped[datetime | None]
    mark: Mapped[int | None]
    mark_comment: Mapped[str | None] = mapped_column(
        Text, length_check("mark_comment", STORED_TEXT)
    )

    claims: Mapped[list["SlotClaim"]] = relationship(
        back_populates="appointment", cascade="all, delete-orphan"
    )


class SlotClaim(db.Model):
    """One 15-minute unit of one desk, taken by one appointment. The unique constraint is what
    makes double booking impossible; cancelling deletes the claims."""

    __tablename__ = "appointments_slot_claim"
    __table_args__ = (
        UniqueConstraint("location_slug", "desk", "unit_start"),
        # Availability reads a location's claims for a month from this index alone.
        Index(
            "ix_appointments_slot_claim_place_time",
            "location_slug",
            "unit_start",
            "desk",
            "appointment_id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[int] = mapped_column(
        ForeignKey("appointments_appointment.id"), index=True
    )
    location_slug: Mapped[str] = mapped_column(String(60))
    desk: Mapped[int]
    unit_start: Mapped[datetime] = mapped_column(index=True)

    appointment: Mapped[Appointment] = relationship(back_populates="claims")


class AppointmentNumberCounter(db.Model):
    """The last appointment reference handed out per year (A-2026-000123); locked while
    counting, like the case numbers."""

    __tablename__ = "appointments_number_counter"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int]


class Proposal(db.Model):
    """A moment the municipality proposes on a case ("Wij stellen voor: dinsdag 8 december om
    10.00 uur bij u thuis"): the resident accepts, picks another time, or asks for a call."""

    __tablename__ = "appointments_proposal"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases_case.id"), index=True)
    type_slug: Mapped[str] = mapped_column(String(60))
    location_slug: Mapped[str] = mapped_column(String(60))
    starts_at: Mapped[datetime]
    # The held appointment that keeps the moment free until the resident answers.
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointments_appointment.id"))
    # proposed | accepted | other_time | call_instead | withdrawn | expired
    status: Mapped[str] = mapped_column(String(20))
    proposed_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
