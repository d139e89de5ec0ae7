"""The appointment's own page, from the link in the e-mail (/afspraak/beheren/<token>), without
signing in: see it, download it for the calendar, reschedule or cancel it, and afterwards
give a mark. "Mijn afspraken" (`views_mine`) links to the same page.

Whoever has the link may change the appointment, so these pages are never cached
(`no-store`), send no Referer outside this site and are not indexed. An altered or made-up
link gets a B1 404 page. Once the appointment has started the link changes nothing any more
(`links.link_state`), a cancelled appointment says so, and a form sent twice (the back
button, a second tab) is recognised by the version it carries: it is told what happened
instead of changing the appointment again.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.appointments import availability, booking, ics, links, wording
from portal.appointments import resident_services as rs
from portal.appointments.blueprints import resident
from portal.appointments.forms import CancelForm, MarkForm
from portal.extensions import db


def private(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _html(body: str, status: int = 200) -> Response:
    return private(Response(body, status=status, mimetype="text/html"))


def _unknown() -> Response:
    return _html(render_template("appointments/manage_unknown.html"), 404)


def _context(appointment, token: str) -> dict:
    kind = availability.get_type(appointment.type_slug)
    place = availability.get_location(appointment.location_slug)
    return {
        "appointment": appointment,
        "token": token,
        "state": links.link_state(appointment),
        "shown": wording.shown(appointment, kind, place),
        "kind_name": wording.type_name(kind) if kind else "",
        "new_url": url_for(".book", type_slug=appointment.type_slug),
        "ics_url": url_for(".calendar_file", token=token),
    }


def _page(appointment, token: str, *, mark_form=None, status: int = 200) -> Response:
    body = render_template(
        "appointments/manage.html",
        mark_form=mark_form or MarkForm(formdata=None),
        may_give_mark=links.may_give_mark(appointment),
        **_context(appointment, token),
    )
    return _html(body, status)


def _back(token: str, anchor: str | None = None) -> Response:
    return private(redirect(url_for(".manage", token=token, _anchor=anchor)))


def _stale(appointment) -> bool:
    """The form was made for an earlier version of the appointment (sent twice)."""
    return request.form.get("versie", "") != str(appointment.sequence)


def _refused(token: str, message: str) -> Response:
    flash(message, "warning")
    return _back(token)


@resident.get("/afspraak/beheren/<token>")
def manage(token: str):
    appointment = links.appointment_from_token(token)
    if appointment is None:
        return _unknown()
    return _page(appointment, token)


@resident.get("/afspraak/beheren/<token>/afspraak.ics")
def calendar_file(token: str):
    appointment = links.appointment_from_token(token)
    if appointment is None:
        return _unknown()
    kind = availability.get_type(appointment.type_slug)
    place = availability.get_location(appointment.location_slug)
    method = ics.CANCEL if appointment.status == "cancelled" else ics.PUBLISH
    response = Response(
        ics.calendar_file(appointment, kind, place, method), mimetype="text/calendar"
    )
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{ics.filename_for(appointment)}"'
    )
    return private(response)


def _moved_message(appointment) -> str:
    return _(
        "Uw afspraak is al verzet. De nieuwe tijd is %(when)s.",
        when=wording.when_text(appointment.starts_at),
    )


@resident.route("/afspraak/beheren/<token>/verzetten", methods=["GET", "POST"])
def reschedule(token: str):
    appointment = links.appointment_from_token(token)
    if appointment is None:
        return _unknown()
    if not links.may_change(appointment):
        return _back(token)
    kind = availability.get_type(appointment.type_slug)
    if kind is None:
        return _back(token)
    taken_near, error, status = None, False, 200
    if request.method == "POST":
        if _stale(appointment):
            return _refused(token, _moved_message(appointment))
        starts_at = availability.parse_start(request.form.get("tijd"))
        if starts_at is None or starts_at <= availability.utc_now():
            error, status = True, 400
        else:
            try:
                booking.reschedule(appointment, starts_at)
            except (booking.SlotTaken, booking.BookingError):
                db.session.rollback()
                taken_near = availability.nearest_free(
                    kind.slug, appointment.location_slug, starts_at, persons=appointment.persons
                )
                status = 409
            else:
                db.session.commit()
                flash(_("Uw afspraak is verzet. U krijgt een e-mail met de nieuwe tijd."), "ok")
                return _back(token)
    wanted = rs.parse_day(request.values.get("dag"))
    window = rs.time_window(
        kind,
        availability.get_location(appointment.location_slug),
        appointment.persons,
        rs.parse_day(request.values.get("vanaf")) or wanted,
    )

    def page_url(first) -> str:
        return url_for(".reschedule", token=token, vanaf=first.isoformat())

    body = render_template(
        "appointments/manage_reschedule.html",
        near=wording.slot_rows(taken_near) if taken_near is not None else None,
        time_error=error,
        duration_text=wording.duration_text(appointment.ends_at - appointment.starts_at),
        action=url_for(".reschedule", token=token),
        back_url=url_for(".manage", token=token),
        **wording.time_list(window, wanted, page_url, {"versie": appointment.sequence}),
        **_context(appointment, token),
    )
    return _html(body, status)


@resident.route("/afspraak/beheren/<token>/annuleren", methods=["GET", "POST"])
def cancel(token: str):
    appointment = links.appointment_from_token(token)
    if appointment is None:
        return _unknown()
    if not links.may_change(appointment):
        return _back(token)
    form = CancelForm()
    if request.method == "POST" and form.validate():
        if _stale(appointment):
            return _refused(token, _moved_message(appointment))
        try:
            booking.cancel(appointment, reason="cancelled by the resident")
        except booking.BookingError as error:
            db.session.rollback()
            return _refused(token, str(error))
        db.session.commit()
        return _back(token)
    body = render_template(
        "appointments/manage_cancel.html",
        form=form,
        back_url=url_for(".manage", token=token),
        **_context(appointment, token),
    )
    return _html(body)


@resident.post("/afspraak/beheren/<token>/cijfer")
def mark(token: str):
    appointment = links.appointment_from_token(token)
    if appointment is None:
        return _unknown()
    form = MarkForm()
    if not links.may_give_mark(appointment):
        return _back(token, "cijfer")
    if not form.validate():
        return _page(appointment, token, mark_form=form, status=400)
    try:
        rs.give_mark(appointment, int(form.cijfer.data), form.opmerking.data)
    except rs.MarkError as error:
        db.session.rollback()
        return _refused(token, str(error))
    db.session.commit()
    return _back(token, "cijfer")
