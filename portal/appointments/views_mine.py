"""Mijn afspraken (/mijn-afspraken): the signed-in resident's appointments, coming and past.

Each links to the appointment's own page (`views_manage`), which has the same actions as
the link in the e-mail: reschedule, cancel, the calendar file, and a mark afterwards.
Appointments made without signing in are not here: they are known only by their e-mail
address, and an e-mail address proves nothing about who is signed in.
"""

from flask import render_template, url_for

from portal.appointments import availability, links, wording
from portal.appointments import resident_services as rs
from portal.appointments.blueprints import resident
from portal.auth import current_principal
from portal.auth.access import sign_in_required


def _item(appointment) -> dict:
    kind = availability.get_type(appointment.type_slug)
    place = availability.get_location(appointment.location_slug)
    return {
        "appointment": appointment,
        "shown": wording.shown(appointment, kind, place),
        "manage_path": links.manage_path(appointment),
        "may_give_mark": links.may_give_mark(appointment),
        "state": links.link_state(appointment),
    }


@resident.get("/mijn-afspraken")
@sign_in_required()
def mine():
    upcoming, past = rs.appointments_of(current_principal().subject)
    return render_template(
        "appointments/mine.html",
        upcoming=[_item(row) for row in upcoming],
        past=[_item(row) for row in past],
        bookable=[
            (wording.type_name(kind), url_for(".book", type_slug=kind.slug))
            for kind in rs.bookable_types()
        ],
    )
