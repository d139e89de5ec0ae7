"""Booking, holding, rescheduling and cancelling.

Every function flushes and never commits; the caller's request commits once. Notifications
(confirmation with ICS, change, cancellation) go through `portal.appointments.notices` in the
same transaction, so nothing is sent for a change that was rolled back.

The database decides who gets a time (`portal.appointments.claims`): the Python checks here
give clear messages first, but two people who pass them at the same moment are told apart by
the unique key on the claims, and the loser gets `SlotTaken`, never a failed transaction.

Rescheduling moves the same row: the ICS UID must stay the same (it is unique per row), and
Mijn afspraken and the manage link keep pointing at the one appointment. The new units are
claimed before the old ones are let go, in one transaction. Cancelled appointments keep their
row (status "cancelled", `cancelled_at`) and lose their claims. A hold that ran out becomes
"expired" when its time is needed or when `release_expired_holds` runs.

With an outside back end (`APPOINTMENT_BACKEND`), that system holds the time (reserve, then
confirm) and our row carries its reference in `external_ref`; it has no claims.
"""

import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from portal.appointments import availability, claims, notices
from portal.appointments.availability import UNIT, local_day, units_for, utc_now
from portal.appointments.backends import backend, is_embedded
from portal.appointments.backends.base import BackendSlotTaken, BackendUnavailable
from portal.appointments.models import (
    Appointment,
    AppointmentType,
    Location,
    SlotClaim,
)
from portal.auth.audit import record_event
from portal.extensions import db

log = logging.getLogger(__name__)
HOLD_MINUTES = 10
CHANGEABLE = ("held", "booked")


# The longest message a handler can send with a move or a cancellation.
NOTE_MAX = 1000


class SlotTaken(Exception):
    """Someone else just took this time ("Dit tijdstip is net bezet"); show fresh times."""


class BookingError(ValueError):
    """A booking that is not allowed; the message is B1 Dutch and can be shown as is."""


@dataclass(frozen=True)
class Booker:
    """Who the appointment is for. `party` is a `portal.auth.principal.Party` when signed in."""

    name: str
    email: str | None = None
    phone: str | None = None
    party: object = None
    language: str | None = None
    visit_address: str | None = None
    notes: str | None = None
    case_id: int | None = None


def hold(
    type_slug: str,
    location_slug: str,
    starts_at: datetime,
    booker: Booker,
    *,
    persons: int = 1,
    minutes: int = HOLD_MINUTES,
) -> Appointment:
    """Reserve the slot while the resident confirms (status "held", `held_until`).
    Raises SlotTaken or BookingError."""
    now = utc_now()
    type_, location = _check(type_slug, location_slug, starts_at, persons, now)
    appointment = Appointment(
        key=secrets.token_urlsafe(24),
        uid=f"{uuid.uuid4()}@{urlsplit(current_app.config['PUBLIC_URL']).hostname or 'localhost'}",
        sequence=0,
        type_slug=type_.slug,
        location_slug=location.slug,
        desk=0,
        starts_at=starts_at,
        ends_at=starts_at + UNIT * units_for(type_, persons),
        persons=persons,
        status="held",
        held_until=now + timedelta(minutes=minutes),
        party_kind=getattr(booker.party, "kind", None),
        party_identifier=getattr(booker.party, "identifier", None),
        name=(booker.name or "")[:200],
        email=(booker.email or None) and booker.email[:254],
        phone=(booker.phone or None) and booker.phone[:40],
        language=(booker.language or None) and booker.language[:5],
        visit_address=(booker.visit_address or None) and booker.visit_address[:200],
        notes=(booker.notes or None) and booker.notes[:2000],
        case_id=booker.case_id,
        created_at=now,
        updated_at=now,
    )
    if is_embedded():
        desks = _free_desks(type_, location, starts_at, persons, now)
        appointment.reference = claims.next_reference(local_day(now).year)
        db.session.add(appointment)
        db.session.flush()
        desk = claims.claim(appointment, desks, now)
        if desk is None:
            db.session.delete(appointment)
            db.session.flush()
            raise SlotTaken
        appointment.desk = desk
    else:
        reservation = _backend_call(
            backend().reserve, type_.slug, location.slug, starts_at, persons
        )
        appointment.external_ref = reservation.external_ref[:100]
        appointment.ends_at = reservation.ends_at
        appointment.reference = claims.next_reference(local_day(now).year)
        db.session.add(appointment)
    db.session.flush()
    return appointment


def confirm(appointment: Appointment, actor=None) -> Appointment:
    """Turn a held appointment into a booked one and send the confirmation (with ICS).
    A hold that ran out is taken again when the time is still free, else SlotTaken."""
    if appointment.status == "booked":
        return appointment  # confirmed twice (a double click): nothing more to do
    if appointment.status not in ("held", "expired"):
        raise BookingError(
            _l("Deze afspraak kunt u niet meer bevestigen. Maak een nieuwe afspraak.")
        )
    now = utc_now()
    if not is_embedded():
        appointment.external_ref = _backend_call(
            backend().confirm,
            appointment.external_ref,
            name=appointment.name,
            email=appointment.email,
            phone=appointment.phone,
        )[:100]
    elif appointment.status == "expired":
        type_, location = _check(
            appointment.type_slug,
            appointment.location_slug,
            appointment.starts_at,
            appointment.persons,
            now,
        )
        desks = _free_desks(type_, location, appointment.starts_at, appointment.persons, now)
        desk = claims.claim(appointment, desks, now)
        if desk is None:
            raise SlotTaken
        appointment.desk = desk
    appointment.status = "booked"
    appointment.held_until = None
    appointment.updated_at = now
    db.session.flush()
    _audit("booked", actor, appointment)
    notices.booked(appointment)
    return appointment


def book(
    type_slug: str,
    location_slug: str,
    starts_at: datetime,
    booker: Booker,
    *,
    persons: int = 1,
    actor=None,
) -> Appointment:
    """Hold and confirm at once. Raises SlotTaken or BookingError."""
    return confirm(hold(type_slug, location_slug, starts_at, booker, persons=persons), actor)


def reschedule(
    appointment: Appointment, starts_at: datetime, actor=None, reason: str = ""
) -> Appointment:
    """Book the new time first, then release the old one (the old slot is kept until the new
    one is certain). Keeps the ICS UID, raises SEQUENCE. `reason` is the municipality's message
    to the resident (a handler who moves it); the resident's own move has none.
    Raises SlotTaken or BookingError."""
    now = utc_now()
    _check_changeable(appointment, actor, now)
    if starts_at == appointment.starts_at:
        return appointment  # the same change sent twice
    type_, location = _check(
        appointment.type_slug, appointment.location_slug, starts_at, appointment.persons, now
    )
    old_start, old_end = appointment.starts_at, appointment.ends_at
    ends_at = starts_at + UNIT * units_for(type_, appointment.persons)
    if is_embedded():
        desks = _free_desks(type_, location, starts_at, appointment.persons, now, appointment)
        old_claims = list(appointment.claims)
        appointment.starts_at, appointment.ends_at = starts_at, ends_at
        desk = claims.claim(appointment, desks, now, keep=old_claims)
        if desk is None:
            appointment.starts_at, appointment.ends_at = old_start, old_end
            raise SlotTaken
        kept = set(claims.units_of(appointment))
        stale = [c.id for c in old_claims if c.desk != desk or c.unit_start not in kept]
        if stale:
            db.session.execute(delete(SlotClaim).where(SlotClaim.id.in_(stale)))
        db.session.expire(appointment, ["claims"])
        appointment.desk = desk
    else:
        reservation = _backend_call(
            backend().reserve, type_.slug, location.slug, starts_at, appointment.persons
        )
        new_ref = _backend_call(
            backend().confirm,
            reservation.external_ref,
            name=appointment.name,
            email=appointment.email,
            phone=appointment.phone,
        )
        _cancel_at_backend(appointment.external_ref)
        appointment.external_ref = new_ref[:100]
        appointment.starts_at, appointment.ends_at = starts_at, reservation.ends_at
    appointment.sequence += 1
    appointment.change_note = (reason or "").strip()[:NOTE_MAX] or None
    appointment.reminder_sent_at = None  # the reminder is for the new time
    appointment.updated_at = now
    db.session.flush()
    _audit("rescheduled", actor, appointment, f"from {old_start.isoformat()}Z")
    notices.changed(appointment)
    return appointment


def cancel(appointment: Appointment, actor=None, reason: str = "") -> None:
    """Cancel and release the slot; the resident gets the cancellation (ICS METHOD:CANCEL)."""
    now = utc_now()
    _check_changeable(appointment, actor, now)
    if not is_embedded() and appointment.external_ref:
        try:
            backend().cancel(appointment.external_ref)
        except BackendUnavailable as error:
            raise BookingError(_unavailable()) from error
    was_booked = appointment.status == "booked"
    claims.release(appointment)
    appointment.status = "cancelled"
    appointment.change_note = (reason or "").strip()[:NOTE_MAX] or None
    appointment.cancelled_at = now
    appointment.held_until = None
    appointment.updated_at = now
    db.session.flush()
    _audit("cancelled", actor, appointment, reason)
    if was_booked:
        notices.cancelled(appointment)


def release_expired_holds(now: datetime | None = None) -> int:
    """Free slots whose hold ran out; returns how many."""
    now = now or utc_now()
    expired = db.session.scalars(
        select(Appointment).where(Appointment.status == "held", Appointment.held_until <= now)
    ).all()
    for appointment in expired:
        if appointment.external_ref and not is_embedded():
            _cancel_at_backend(appointment.external_ref)
        claims.expire(appointment, now)
    db.session.flush()
    return len(expired)


def _check(
    type_slug: str, location_slug: str, starts_at: datetime, persons: int, now: datetime
) -> tuple[AppointmentType, Location]:
    """The rules a person can break, checked before anything is claimed."""
    type_ = availability.get_type(type_slug)
    location = availability.get_location(location_slug)
    if type_ is None or location is None or location.slug not in (type_.location_slugs or []):
        raise BookingError(_l("Deze afspraak kunt u hier niet maken. Kies een andere plek."))
    if not 1 <= persons <= type_.max_persons:
        raise BookingError(
            _l("U kunt een afspraak maken voor 1 tot %(max)s personen.", max=type_.max_persons)
        )
    if starts_at <= now:
        raise BookingError(_l("Dit tijdstip is al voorbij. Kies een andere tijd."))
    if starts_at < now + timedelta(hours=type_.lead_time_hours):
        raise BookingError(
            _l(
                "Maak de afspraak minstens %(hours)s uur van tevoren. Kies een latere tijd.",
                hours=type_.lead_time_hours,
            )
        )
    if local_day(starts_at) > availability.last_bookable_day(type_, now):
        raise BookingError(
            _l(
                "Zo ver vooruit kunt u nog geen afspraak maken. Kies een dag in de komende "
                "%(days)s dagen.",
                days=type_.horizon_days,
            )
        )
    return type_, location


def _free_desks(
    type_: AppointmentType,
    location: Location,
    starts_at: datetime,
    persons: int,
    now: datetime,
    moving: Appointment | None = None,
) -> list[int]:
    """The desks free for the whole appointment; BookingError when the location is closed
    then, SlotTaken when every desk is taken."""
    day = local_day(starts_at)
    if starts_at not in availability.open_starts(
        type_, location, persons, day, day, now, count_claims=False
    ):
        raise BookingError(_l("Op dit tijdstip kunt u geen afspraak maken. Kies een andere tijd."))
    desks = availability.open_starts(
        type_, location, persons, day, day, now, except_appointment=moving and moving.id
    ).get(starts_at)
    if not desks:
        raise SlotTaken
    return desks


def _check_changeable(appointment: Appointment, actor, now: datetime) -> None:
    if appointment.status == "cancelled":
        raise BookingError(_l("Deze afspraak is al geannuleerd."))
    if appointment.status not in CHANGEABLE:
        raise BookingError(_l("Deze afspraak kunt u niet meer wijzigen."))
    if appointment.starts_at <= now and not getattr(actor, "is_staff", False):
        raise BookingError(
            _l("Deze afspraak is al begonnen of voorbij. U kunt hem niet meer wijzigen.")
        )


def _unavailable():
    return _l("Het afsprakensysteem werkt nu niet. Probeer het over een paar minuten opnieuw.")


def _backend_call(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except BackendSlotTaken as error:
        raise SlotTaken from error
    except BackendUnavailable as error:
        raise BookingError(_unavailable()) from error


def _cancel_at_backend(external_ref: str | None) -> None:
    """Letting go of an old booking at the outside system; if it does not answer, the new
    booking still stands and the log says what to clean up."""
    if not external_ref:
        return
    try:
        backend().cancel(external_ref)
    except BackendUnavailable:
        log.warning("appointment back end did not cancel %s", external_ref)


def _audit(action: str, actor, appointment: Appointment, detail: str = "") -> None:
    """Staff actions are audited; a resident's own booking is in the appointment row."""
    if getattr(actor, "is_staff", False):
        record_event(
            f"appointments.{action}",
            "ok",
            principal=actor,
            target=appointment.reference,
            detail=detail,
        )
