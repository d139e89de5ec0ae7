"""The manage link in the confirmation e-mail: see, reschedule or cancel an appointment without
signing in.

    manage_token(appointment) -> str          "<key>-<mac>"
    manage_link(appointment) -> str           absolute: PUBLIC_URL/afspraak/beheren/<token>
    appointment_from_token(token) -> Appointment | None
    link_state(appointment, now=None) -> str  OPEN, STARTED, ENDED, NO_SHOW, CANCELLED, MOVED

As with the follow link of a report (`portal.reports.following`): the key is random and
stored with the appointment, the MAC is an HMAC of it with SECRET_KEY. A copied database
alone cannot make links, and a guessed or altered link finds nothing (the MAC is compared in
constant time). A malformed, altered or unknown link, and one of a time that is only held,
all answer None, so a page cannot tell them apart.

What the link still allows depends on the appointment (`link_state`): it stops changing
anything once the appointment has started, and after it ended it only asks for a mark.
"""

from datetime import UTC, datetime

from flask import Flask
from sqlalchemy import select

from portal.appointments.models import Appointment
from portal.components import signed_links
from portal.extensions import db

MANAGE_PATH = "/afspraak/beheren/"
LINK_PURPOSE = "appointment-manage"

OPEN = "open"  # can be rescheduled and cancelled
STARTED = "started"  # begun, not over yet: nothing to change
ENDED = "ended"  # over: the resident may give a mark
NO_SHOW = "no_show"  # over, the resident did not come
CANCELLED = "cancelled"
MOVED = "moved"  # replaced by a new appointment when it was rescheduled

# Statuses that say the appointment took place, whatever the clock says.
_TOOK_PLACE = ("arrived", "done")


def now() -> datetime:
    """Naive UTC, as stored; a function so tests can move the clock."""
    return datetime.now(UTC).replace(tzinfo=None)


def manage_token(appointment: Appointment) -> str:
    return signed_links.token_for(LINK_PURPOSE, appointment.key)


def manage_path(appointment: Appointment) -> str:
    return f"{MANAGE_PATH}{manage_token(appointment)}"


def manage_link(appointment: Appointment) -> str:
    """The absolute, unguessable link to the appointment's own page."""
    return signed_links.link_for(MANAGE_PATH, LINK_PURPOSE, appointment.key)


def appointment_from_token(token: str) -> Appointment | None:
    """The appointment a link belongs to; None for a malformed, altered or unknown link and
    for a time that is only held (not booked yet)."""
    key = signed_links.key_from(LINK_PURPOSE, token)
    if key is None:
        return None
    found = db.session.scalars(select(Appointment).where(Appointment.key == key)).first()
    if found is None or found.status == "held":
        return None
    return found


def replacement_of(appointment: Appointment) -> Appointment | None:
    """The appointment that took this one's place when it was rescheduled, if any."""
    return db.session.scalars(
        select(Appointment).where(Appointment.replaces_id == appointment.id)
    ).first()


def link_state(appointment: Appointment, at: datetime | None = None) -> str:
    moment = at or now()
    if appointment.status == "cancelled":
        return MOVED if replacement_of(appointment) is not None else CANCELLED
    if appointment.status == "no_show":
        return NO_SHOW
    if appointment.status in _TOOK_PLACE or appointment.ends_at <= moment:
        return ENDED
    if appointment.starts_at <= moment:
        return STARTED
    return OPEN


def may_change(appointment: Appointment, at: datetime | None = None) -> bool:
    return link_state(appointment, at) == OPEN


def may_give_mark(appointment: Appointment, at: datetime | None = None) -> bool:
    """Once, after the appointment took place."""
    return appointment.mark is None and link_state(appointment, at) == ENDED


def init_app(app: Flask) -> None:
    signed_links.hide_in_logs(app, MANAGE_PATH)
