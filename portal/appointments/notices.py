"""What the resident is told when an appointment is booked, changed or cancelled, and the
reminder the day before (`portal.appointments.reminders`).

`portal.appointments.booking` calls these in the same transaction as the change, so a
message goes through the outbox only when the change is committed.

The e-mails go to the registered outbox audience "appointment" (`init_app`): the address,
the words for the date, time and place, the manage link and the ICS file are made when the
e-mail is sent, from the appointment as it is then. So a confirmation that waited in the
outbox while the resident rescheduled carries the new time, and nothing about an
appointment that was cancelled in between is sent except the cancellation.
"""

from datetime import UTC, datetime

from flask import Flask, current_app
from flask_babel import force_locale

from portal.appointments import ics, links, wording
from portal.appointments.models import Appointment, AppointmentType, Location
from portal.auth.principal import Party
from portal.extensions import db
from portal.i18n import SUPPORTED_LANGUAGES
from portal.notifications import outbox
from portal.notifications.audiences import Addressee, register_audience
from portal.profile.services import contact_for

AUDIENCE = "appointment"
BOOKED, CHANGED, CANCELLED, REMINDER = "booked", "changed", "cancelled", "reminder"
# Events about an appointment that still takes place: not sent once it is cancelled.
_ONLY_WHILE_BOOKED = (BOOKED, CHANGED, REMINDER)


def _party(appointment: Appointment) -> Party | None:
    if appointment.party_kind and appointment.party_identifier:
        return Party(appointment.party_kind, appointment.party_identifier)
    return None


def _enqueue(appointment: Appointment, event: str) -> None:
    db.session.flush()
    outbox.enqueue(
        event,
        case=None,
        party=_party(appointment),
        payload={
            "recipient": AUDIENCE,
            "appointment_id": appointment.id,
            # The resolver only sees the payload: it needs the event to know what to skip.
            "event": event,
            "language": appointment.language,
        },
    )


def booked(appointment: Appointment) -> None:
    """The appointment is booked: send the confirmation with the ICS invitation."""
    _enqueue(appointment, BOOKED)


def changed(appointment: Appointment) -> None:
    """The appointment moved to a new time: send the change (same UID, higher SEQUENCE)."""
    _enqueue(appointment, CHANGED)


def cancelled(appointment: Appointment) -> None:
    """The appointment is cancelled: send the cancellation (METHOD:CANCEL)."""
    _enqueue(appointment, CANCELLED)


def reminder(appointment: Appointment) -> None:
    """The day before: the reminder (no ICS; the calendar has it already)."""
    _enqueue(appointment, REMINDER)


def _address(appointment: Appointment) -> tuple[str | None, str | None]:
    """The address the resident gave when booking; else, for an appointment made on a case,
    the confirmed address in their profile when they want e-mail."""
    if appointment.email:
        return appointment.email, None
    party = _party(appointment)
    contact = contact_for(party) if party is not None else None
    if contact is None or not contact.email:
        return None, "no e-mail address"
    if not contact.email_verified:
        return None, "e-mail address not confirmed"
    if not contact.notify_by_email:
        return None, "e-mail notifications turned off"
    return contact.email, None


def _language(appointment: Appointment) -> str:
    return appointment.language if appointment.language in SUPPORTED_LANGUAGES else "nl"


def _skip_reason(appointment: Appointment | None, event: str | None) -> str | None:
    if appointment is None:
        return "appointment not found"
    if appointment.status == "held":
        return "appointment not booked"
    if event in _ONLY_WHILE_BOOKED and appointment.status == "cancelled":
        return "appointment cancelled"
    if event == REMINDER and appointment.starts_at <= datetime.now(UTC).replace(tzinfo=None):
        return "appointment already started"
    return None


def _new_booking_link(appointment: Appointment) -> str:
    public_url = current_app.config["PUBLIC_URL"].rstrip("/")
    return f"{public_url}/afspraak/{appointment.type_slug}"


def resolve(payload: dict) -> Addressee:
    """For the notifications worker, at send time."""
    appointment = db.session.get(Appointment, payload.get("appointment_id"))
    event = payload.get("event")
    reason = _skip_reason(appointment, event)
    if reason:
        return Addressee(None, skip_reason=reason)
    address, reason = _address(appointment)
    if address is None:
        return Addressee(None, skip_reason=reason)
    kind = db.session.scalar(
        db.select(AppointmentType).where(AppointmentType.slug == appointment.type_slug)
    )
    place = db.session.scalar(db.select(Location).where(Location.slug == appointment.location_slug))
    language = _language(appointment)
    with force_locale(language):
        params = {
            "note": bool(appointment.change_note and event in (CHANGED, CANCELLED)),
            "number": appointment.reference,
            "when": wording.when_text(appointment.starts_at),
            "where": wording.where_text(place, appointment),
        }
        attachments = ()
        if event != REMINDER:
            method = ics.CANCEL if event == CANCELLED else ics.REQUEST
            content = ics.calendar_file(appointment, kind, place, method)
            mime = f"text/calendar; method={method}; charset=utf-8"
            attachments = ((ics.filename_for(appointment), mime, content),)
    link = _new_booking_link(appointment) if event == CANCELLED else links.manage_link(appointment)
    return Addressee(address, language, link, params=params, attachments=attachments)


def init_app(app: Flask) -> None:
    register_audience(AUDIENCE, resolve)
