"""The appointment as an iCalendar file (RFC 5545, through the `icalendar` library).

    calendar_file(appointment, kind, place, method=None) -> bytes
    ICS_MIME                                   "text/calendar; charset=utf-8"

One UID per appointment, kept when it is rescheduled, with SEQUENCE from the row (the booking
code raises it on every change): a calendar then updates the event it already has instead of
adding a second one. Times are Europe/Amsterdam with its VTIMEZONE, so the event is right in
a calendar set to any time zone and across the daylight-saving change.

METHOD:REQUEST for an appointment that is booked or changed (mail clients show it as an
invitation to add), METHOD:CANCEL with STATUS:CANCELLED once it is cancelled (they remove
it), METHOD:PUBLISH for the "Zet in uw agenda" download (a plain event to import).

The file holds what a calendar needs: the number, the place, what to bring and the costs. Not
the manage link: calendars are often shared with others, and the link changes the
appointment without signing in.

Call it with a language chosen (a request, or `flask_babel.force_locale`): the texts are
worded for the reader.
"""

from datetime import UTC, date, datetime

from flask import current_app
from flask_babel import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from portal.appointments import wording
from portal.appointments.models import Appointment, AppointmentType, Location

ICS_MIME = "text/calendar; charset=utf-8"
REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"
METHODS = (REQUEST, CANCEL, PUBLISH)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


def _description(appointment: Appointment, kind: AppointmentType | None) -> str:
    lines = [_("Nummer van uw afspraak: %(number)s", number=appointment.reference)]
    if appointment.persons > 1:
        lines.append(_("Voor %(count)s personen", count=appointment.persons))
    bring = wording.bring_list(kind) if kind else []
    if bring:
        lines.append(_("Neem mee:"))
        lines.extend(f"- {item}" for item in bring)
    cost = wording.cost_text(kind) if kind else ""
    if cost:
        lines.append(_("Kosten: %(cost)s", cost=cost))
    return "\n".join(lines)


def _summary(kind: AppointmentType | None, municipality: str) -> str:
    what = wording.type_name(kind) if kind else _("Afspraak")
    return _("%(what)s bij %(municipality)s", what=what, municipality=municipality)


def _organizer(municipality: str) -> vCalAddress:
    organizer = vCalAddress(f"mailto:{current_app.config['MAIL_FROM']}")
    organizer.params["CN"] = vText(municipality)
    return organizer


def _attendee(appointment: Appointment) -> vCalAddress:
    attendee = vCalAddress(f"mailto:{appointment.email}")
    if appointment.name:
        attendee.params["CN"] = vText(appointment.name)
    attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
    attendee.params["RSVP"] = vText("FALSE")
    return attendee


def _method_for(appointment: Appointment) -> str:
    return CANCEL if appointment.status == "cancelled" else REQUEST


def calendar_file(
    appointment: Appointment,
    kind: AppointmentType | None,
    place: Location | None,
    method: str | None = None,
    *,
    stamp: datetime | None = None,
) -> bytes:
    """The ICS text. `method` defaults to CANCEL for a cancelled appointment and REQUEST
    otherwise; `stamp` (naive UTC, default now) is the DTSTAMP."""
    method = method or _method_for(appointment)
    if method not in METHODS:
        raise ValueError(f"unknown iCalendar method: {method}")
    municipality = current_app.config["MUNICIPALITY_NAME"]
    cancelled = method == CANCEL or appointment.status == "cancelled"

    event = Event()
    event.add("uid", appointment.uid)
    event.add("dtstamp", _utc(stamp) if stamp else datetime.now(UTC))
    event.add("dtstart", wording.local(appointment.starts_at))
    event.add("dtend", wording.local(appointment.ends_at))
    event.add("sequence", appointment.sequence)
    event.add("summary", _summary(kind, municipality))
    event.add("location", wording.where_text(place, appointment))
    event.add("description", _description(appointment, kind))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("created", _utc(appointment.created_at))
    event.add("last-modified", _utc(appointment.updated_at))
    event.add("organizer", _organizer(municipality))
    if appointment.email:
        event.add("attendee", _attendee(appointment))

    calendar = Calendar()
    calendar.add("prodid", f"-//{municipality}//MijnGemeente afspraken//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(event)
    # Only the rules around the appointment's year: the whole history of the zone since 1970
    # would make every invitation some 20 KB larger.
    year = wording.local_day(appointment.starts_at).year
    calendar.add_missing_timezones(first_date=date(year - 1, 1, 1), last_date=date(year + 2, 1, 1))
    return calendar.to_ical()


def filename_for(appointment: Appointment) -> str:
    return f"afspraak-{appointment.reference}.ics"
