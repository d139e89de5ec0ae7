"""The agenda pages that change something for residents or colleagues: move an appointment
to another time or cancel it (each with a message to the resident), block time for a desk or
close a location, and the list of blocks that have not passed.

Access and the appointment lookup are those of `portal.appointments.views_office`. Blocking
time that holds booked appointments shows them first and asks to go on: the appointments
stay, and the handler moves or cancels each with a message.
"""

from datetime import date, datetime, time, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from wtforms import SelectChoice

from portal.appointments import agenda, availability, booking
from portal.appointments import office_actions as actions
from portal.appointments import office_forms as forms
from portal.appointments.blueprints import office as bp
from portal.appointments.views_office import (
    appointment_or_404,
    handlers_only,
    shown_helpers,
)
from portal.appointments.wording import location_name, time_text
from portal.auth import current_principal
from portal.components.numbers import whole_number
from portal.extensions import db


def _show_error(form, error: actions.ActionError, default: str) -> None:
    field = form._fields.get(error.field or "") or form._fields[default]
    field.errors = [*field.errors, str(error)]


def _move_day(form, found) -> date:
    """The day whose free times are shown: the one asked for, else the appointment's own."""
    own = max(agenda.local(found.starts_at).date(), agenda.today())
    if form.dag.process_errors:
        form.dag.errors = list(form.dag.process_errors)
        return own
    if form.dag.data is None:
        return own
    if not agenda.date_in_range(form.dag.data) or form.dag.data < agenda.today():
        form.dag.errors = [_("Kies een dag vanaf vandaag.")]
        return own
    return form.dag.data


@bp.route("/afspraak/<int:appointment_id>/verplaatsen", methods=["GET", "POST"])
@handlers_only
def move(appointment_id: int):
    found = appointment_or_404(appointment_id)
    day_form = forms.MoveDayForm(request.args)
    day = _move_day(day_form, found)
    slots = availability.free_slots(
        found.type_slug, found.location_slug, persons=found.persons, start_day=day, days=1
    )
    times = {availability.slot_value(s.starts_at): s.starts_at for s in slots}
    form = forms.MoveForm()
    form.starts_at.choices = [
        SelectChoice(value, agenda_time(moment)) for value, moment in times.items()
    ]
    if request.method == "POST" and form.validate_on_submit():
        chosen = times.get(form.starts_at.data or "")
        if chosen is None:
            form.starts_at.errors = [_("Dit tijdstip is net bezet. Kies een andere tijd.")]
        else:
            try:
                moved = actions.move(found, chosen, form.message.data, current_principal())
            except booking.SlotTaken:
                form.starts_at.errors = [_("Dit tijdstip is net bezet. Kies een andere tijd.")]
            except actions.ActionError as error:
                _show_error(form, error, "starts_at")
            else:
                db.session.commit()
                flash(_("De afspraak is verplaatst. De inwoner krijgt een e-mail."), "ok")
                return redirect(url_for("appointment_office.appointment", appointment_id=moved.id))
    db.session.rollback()
    page = render_template(
        "appointments/office/move.html",
        appointment=found,
        location=agenda.location_by_slug(found.location_slug),
        kind=agenda.type_names().get(found.type_slug),
        form=form,
        day_form=day_form,
        day=day,
        previous=day - timedelta(days=1) if day > agenda.today() else None,
        following=day + timedelta(days=1),
        **shown_helpers(),
    )
    return page, 422 if form.errors or day_form.errors else 200


def agenda_time(moment: datetime) -> str:
    return _("%(time)s uur", time=time_text(moment))


@bp.route("/afspraak/<int:appointment_id>/annuleren", methods=["GET", "POST"])
@handlers_only
def cancel(appointment_id: int):
    found = appointment_or_404(appointment_id)
    form = forms.CancelForm()
    if request.method == "POST" and form.validate_on_submit():
        try:
            actions.cancel(found, form.message.data, current_principal())
        except actions.ActionError as error:
            _show_error(form, error, "message")
        else:
            db.session.commit()
            flash(_("De afspraak is geannuleerd. De inwoner krijgt een e-mail."), "ok")
            return redirect(
                url_for(
                    "appointment_office.day",
                    locatie=found.location_slug,
                    datum=agenda.local(found.starts_at).date().isoformat(),
                )
            )
    db.session.rollback()
    page = render_template(
        "appointments/office/cancel.html",
        appointment=found,
        location=agenda.location_by_slug(found.location_slug),
        kind=agenda.type_names().get(found.type_slug),
        form=form,
        **shown_helpers(),
    )
    return page, 422 if form.errors else 200


def _block_form(places) -> forms.BlockForm:
    form = forms.BlockForm()
    form.location.choices = [SelectChoice("", _("Alle locaties"))] + [
        SelectChoice(p.slug, location_name(p)) for p in places
    ]
    most = max((p.capacity for p in places), default=1)
    form.desk.choices = [SelectChoice("", _("De hele locatie"))] + [
        SelectChoice(str(d), _("Balie of medewerker %(number)s", number=d))
        for d in range(1, most + 1)
    ]
    if request.method == "GET":
        form.location.data = request.args.get("locatie", "")[:60]
        form.desk.data = request.args.get("balie", "")[:4]
    return form


def _block_from(form) -> actions.Block | None:
    """The period the form asks for, in UTC; None (with the error on its field) when a date
    is outside the years an agenda shows."""
    for field in (form.start_day, form.end_day):
        if field.data is not None and not agenda.date_in_range(field.data):
            field.errors = [_("Kies een datum in de jaren rond nu.")]
            return None
    first = form.start_day.data
    last = form.end_day.data or first
    start_clock = forms.parse_clock(form.start_time.data) or time.min
    end_clock = forms.parse_clock(form.end_time.data)
    starts_at = availability.to_utc(first, start_clock)
    if end_clock is None:
        ends_at = availability.to_utc(last + timedelta(days=1), time.min)
    else:
        ends_at = availability.to_utc(last, end_clock)
    desk = whole_number(form.desk.data, max_digits=9)
    return actions.Block(form.location.data or None, desk, starts_at, ends_at, form.reason.data)


def _fingerprint(block: actions.Block) -> str:
    """What the handler confirmed: a changed period needs a new confirmation."""
    parts = (block.location_slug or "*", block.desk or "*", block.starts_at, block.ends_at)
    return "|".join(str(part) for part in parts)


@bp.route("/blokkeren", methods=["GET", "POST"])
@handlers_only
def block():
    places = agenda.locations()
    form = _block_form(places)
    booked = []
    if request.method == "POST" and form.validate_on_submit():
        wanted = _block_from(form)
        if wanted is not None:
            try:
                actions.check_block(wanted)
            except actions.ActionError as error:
                _show_error(form, error, "start_day")
            else:
                booked = actions.appointments_in(wanted)
                if not booked or form.confirmed.data == _fingerprint(wanted):
                    actions.block_time(wanted, current_principal())
                    db.session.commit()
                    flash(_("De tijd is geblokkeerd. Niemand kan hem nog boeken."), "ok")
                    if booked:
                        flash(_remaining(len(booked)), "warning")
                    return redirect(url_for("appointment_office.closures"))
                form.confirmed.data = _fingerprint(wanted)
    db.session.rollback()
    page = render_template(
        "appointments/office/block.html",
        form=form,
        booked=booked,
        places={p.slug: p for p in places},
        **shown_helpers(),
    )
    return page, 422 if form.errors else 200


def _remaining(count: int) -> str:
    return ngettext(
        "Er staat nog %(num)d afspraak in deze tijd. Verplaats of annuleer hem.",
        "Er staan nog %(num)d afspraken in deze tijd. Verplaats of annuleer ze.",
        count,
    )


@bp.get("/blokkades")
@handlers_only
def closures():
    places = {p.slug: p for p in agenda.locations()}
    slug = request.args.get("locatie", "")[:60] or None
    if slug is not None and slug not in places:
        abort(404)
    return render_template(
        "appointments/office/closures.html",
        closures=actions.future_closures(slug),
        places=places,
        chosen=slug,
        form=forms.ConfirmForm(),
        **shown_helpers(),
    )


@bp.post("/blokkades/<int:closure_id>/weghalen")
@handlers_only
def remove_closure(closure_id: int):
    closure = actions.closure_by_id(closure_id)
    principal = current_principal()
    if closure is None:
        actions.record_refused(f"closure {closure_id}", principal)
        db.session.commit()
        abort(404)
    form = forms.ConfirmForm()
    if not form.validate_on_submit():
        flash(_("Dat lukte niet. Probeer het nog eens."), "error")
        return redirect(url_for("appointment_office.closures"))
    try:
        actions.remove_closure(closure, principal)
    except actions.ActionError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("De blokkade is weggehaald. De tijd is weer vrij."), "ok")
    return redirect(url_for("appointment_office.closures"))
