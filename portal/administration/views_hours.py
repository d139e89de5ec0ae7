"""Opening hours per location, closures and the holidays the calendar knows. The rules and
the audit trail are in `portal.administration.hours`."""

from datetime import time, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from wtforms import SelectChoice

from portal.administration import hours
from portal.administration.blueprints import bp
from portal.administration.forms import ClosureForm, ConfirmForm, HoursForm
from portal.administration.forms_base import show_error
from portal.administration.staff import AdminError
from portal.appointments import agenda, availability
from portal.appointments.office_actions import Block
from portal.appointments.office_forms import parse_clock
from portal.appointments.views_office import desk_label, period_text
from portal.appointments.wording import location_name, when_text
from portal.auth import current_principal
from portal.auth.access import staff_required
from portal.cases.services import today
from portal.components.numbers import whole_number
from portal.extensions import db


@bp.get("/openingstijden")
@staff_required(role="admin")
def hours_overview():
    places = hours.locations()
    return render_template(
        "administration/hours.html",
        places=places,
        weeks={place.slug: hours.week_texts(place) for place in places},
        weekdays=hours.WEEKDAYS,
        closures=hours.future_closures(),
        by_slug={place.slug: place for place in places},
        holidays=hours.national_holidays(today()),
        form=ConfirmForm(),
        location_name=location_name,
        desk_label=desk_label,
        period_text=period_text,
    )


@bp.route("/openingstijden/<slug>", methods=["GET", "POST"])
@staff_required(role="admin")
def hours_change(slug: str):
    place = hours.location(slug)
    if place is None:
        abort(404)
    form = HoursForm()
    if request.method == "GET":
        for field, text in zip(form.day_fields(), hours.week_texts(place), strict=True):
            field.data = text
    if request.method == "POST" and form.validate_on_submit():
        week = {}
        for weekday, field in enumerate(form.day_fields()):
            try:
                week[str(weekday)] = hours.parse_day(field.data or "")
            except AdminError as error:
                field.errors = [*field.errors, str(error.message)]
        if not form.errors:
            if hours.set_opening_hours(place, week, current_principal()):
                db.session.commit()
                flash(_("De openingstijden zijn opgeslagen."), "ok")
            else:
                flash(_("Er was niets veranderd."), "info")
            return redirect(url_for("administration.hours_overview"))
    db.session.rollback()
    page = render_template(
        "administration/hours_form.html", form=form, place=place, location_name=location_name
    )
    return page, 422 if form.errors else 200


def _closure_form(places) -> ClosureForm:
    form = ClosureForm()
    form.location.choices = [SelectChoice("", _("Alle locaties"))] + [
        SelectChoice(place.slug, location_name(place)) for place in places
    ]
    most = max((place.capacity for place in places), default=1)
    form.desk.choices = [SelectChoice("", _("De hele locatie"))] + [
        SelectChoice(str(desk), _("Balie of medewerker %(number)s", number=desk))
        for desk in range(1, most + 1)
    ]
    return form


def _block_from(form: ClosureForm) -> Block | None:
    """The period the form asks for, in UTC; None (with the error on its field) when a date
    lies outside the years an agenda shows."""
    for field in (form.start_day, form.end_day):
        if field.data is not None and not agenda.date_in_range(field.data):
            field.errors = [_("Kies een datum in de jaren rond nu.")]
            return None
    first = form.start_day.data
    last = form.end_day.data or first
    starts_at = availability.to_utc(first, parse_clock(form.start_time.data) or time.min)
    end_clock = parse_clock(form.end_time.data)
    if end_clock is None:
        ends_at = availability.to_utc(last + timedelta(days=1), time.min)
    else:
        ends_at = availability.to_utc(last, end_clock)
    desk = whole_number(form.desk.data, max_digits=9)
    return Block(form.location.data or None, desk, starts_at, ends_at, form.reason.data)


def _fingerprint(block: Block) -> str:
    """What the administrator confirmed: a changed period needs a new confirmation."""
    parts = (block.location_slug or "*", block.desk or "*", block.starts_at, block.ends_at)
    return "|".join(str(part) for part in parts)


@bp.route("/sluitingen/nieuw", methods=["GET", "POST"])
@staff_required(role="admin")
def closure_add():
    places = hours.locations()
    form = _closure_form(places)
    booked = []
    if request.method == "POST" and form.validate_on_submit():
        wanted = _block_from(form)
        if wanted is not None:
            try:
                hours.check_closure(wanted)
            except AdminError as error:
                show_error(form, error, "start_day")
            else:
                booked = hours.booked_in(wanted)
                if not booked or form.confirmed.data == _fingerprint(wanted):
                    hours.add_closure(wanted, current_principal())
                    db.session.commit()
                    flash(
                        _("De sluiting is opgeslagen. Niemand kan in deze tijd nog boeken."), "ok"
                    )
                    if booked:
                        flash(_still_booked(len(booked)), "warning")
                    return redirect(url_for("administration.hours_overview"))
                form.confirmed.data = _fingerprint(wanted)
    db.session.rollback()
    page = render_template(
        "administration/closure_form.html",
        form=form,
        booked=booked,
        by_slug={place.slug: place for place in places},
        location_name=location_name,
        desk_label=desk_label,
        when_text=when_text,
    )
    return page, 422 if form.errors else 200


def _still_booked(count: int) -> str:
    return ngettext(
        "Er staat nog %(num)d afspraak in deze tijd. Laat de agenda-medewerkers hem "
        "verplaatsen of annuleren.",
        "Er staan nog %(num)d afspraken in deze tijd. Laat de agenda-medewerkers ze "
        "verplaatsen of annuleren.",
        count,
    )


@bp.post("/sluitingen/<int:closure_id>/weghalen")
@staff_required(role="admin")
def closure_remove(closure_id: int):
    row = hours.closure(closure_id)
    if row is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        flash(_("Dat lukte niet. Probeer het nog eens."), "error")
        return redirect(url_for("administration.hours_overview"))
    try:
        hours.remove_closure(row, current_principal())
    except AdminError as error:
        db.session.rollback()
        flash(str(error.message), "error")
    else:
        db.session.commit()
        flash(_("De sluiting is weggehaald. In deze tijd kan weer worden geboekt."), "ok")
    return redirect(url_for("administration.hours_overview"))
