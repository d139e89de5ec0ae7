"""The staff agenda under /medewerkers/afspraken: a day and a week per location, for every
desk or one (balie, or handler for home visits and calls), an appointment with its actions,
and the buttons "aanwezig" and "niet gekomen".

Every route needs a staff sign-in with the role case_handler (or admin); refused access is
audited, also when a resident tries. An appointment that does not exist answers 404, and
the refusal is audited. Every page works without JavaScript. The rules are in
`portal.appointments.agenda` (reading) and `portal.appointments.office_actions` (changing);
moving, cancelling and blocking time are in `views_office_changes`.
"""

from datetime import date, time, timedelta
from functools import wraps
from urllib.parse import urlsplit

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import SelectChoice

from portal.appointments import agenda
from portal.appointments import office_actions as actions
from portal.appointments import office_forms as forms
from portal.appointments.blueprints import office as bp
from portal.appointments.wording import (
    day_text,
    location_name,
    time_text,
    type_name,
    when_text,
)
from portal.auth import current_principal
from portal.auth.access import staff_required
from portal.auth.audit import record_event
from portal.extensions import db

STATUS_LABELS = {
    "held": _l("Wordt geboekt"),
    "booked": _l("Geboekt"),
    "arrived": _l("Aanwezig"),
    "no_show": _l("Niet gekomen"),
    "done": _l("Geweest"),
    "cancelled": _l("Geannuleerd"),
    "expired": _l("Niet bevestigd"),
}
STATUS_BADGES = {"arrived": "success", "no_show": "danger", "held": "warning"}
PREFIX = "/medewerkers/afspraken"


def handlers_only(view):
    """Staff with the role case_handler. A resident who tries is refused and audited too
    (`staff_required` audits a missing role; this adds the wrong kind of account)."""
    guarded = staff_required(role="case_handler")(view)

    @wraps(view)
    def wrapper(*args, **kwargs):
        principal = current_principal()
        if principal is not None and not principal.is_staff:
            record_event("access.not_staff", "refused", principal=principal, target=request.path)
            db.session.commit()
        return guarded(*args, **kwargs)

    return wrapper


def appointment_or_404(appointment_id: int):
    appointment = agenda.appointment_by_id(appointment_id)
    if appointment is None:
        actions.record_refused(f"appointment {appointment_id}", current_principal())
        db.session.commit()
        abort(404)
    return appointment


def desk_label(location, desk: int) -> str:
    if location is not None and location.kind in ("thuis", "video"):
        return _("Medewerker %(number)s", number=desk)
    return _("Balie %(number)s", number=desk)


def duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("%(hours)s uur en %(minutes)s minuten", hours=hours, minutes=rest)
    if hours:
        return _("%(hours)s uur", hours=hours)
    return ngettext("%(num)d minuut", "%(num)d minuten", rest)


def period_text(start, end) -> str:
    """A blocked period in words: "dinsdag 8 december, de hele dag", "dinsdag 8 december van
    13.00 tot 17.00 uur", or from one day to another."""
    first, last = agenda.local(start), agenda.local(end)
    if first.time() == time.min and last.time() == time.min:
        last_day = last.date() - timedelta(days=1)
        if last_day <= first.date():
            return _("%(day)s, de hele dag", day=day_text(first.date()))
        return _(
            "%(first)s tot en met %(last)s", first=day_text(first.date()), last=day_text(last_day)
        )
    if first.date() == last.date():
        return _(
            "%(day)s van %(start)s tot %(end)s uur",
            day=day_text(first.date()),
            start=time_text(start),
            end=time_text(end),
        )
    return _(
        "%(first)s %(start)s uur tot %(last)s %(end)s uur",
        first=day_text(first.date()),
        start=time_text(start),
        last=day_text(last.date()),
        end=time_text(end),
    )


def safe_return(target: str | None, fallback: str) -> str:
    """Back to the agenda page the handler came from; never to another site."""
    parts = urlsplit(target or "")
    if parts.scheme or parts.netloc or not parts.path.startswith(PREFIX):
        return fallback
    return target[:500]


def shown_helpers() -> dict:
    """What the templates need to word times, names and states."""
    return {
        "status_labels": STATUS_LABELS,
        "status_badges": STATUS_BADGES,
        "types": agenda.type_names(),
        "type_name": type_name,
        "location_name": location_name,
        "day_text": day_text,
        "time_text": time_text,
        "when_text": when_text,
        "duration_text": duration_text,
        "desk_label": desk_label,
        "period_text": period_text,
    }


def _choose(week: bool):
    """The location, desk and day (or week) asked for, with the form that chooses them.
    A typed date that is wrong shows an error and today's agenda."""
    places = agenda.locations()
    if not places:
        abort(404)
    form = forms.AgendaForm(request.args)
    form.locatie.choices = [SelectChoice(p.slug, location_name(p)) for p in places]
    slug = request.args.get("locatie", "")[:60]
    location = next((p for p in places if p.slug == slug), None) if slug else places[0]
    if location is None:
        abort(404)
    form.locatie.data = location.slug
    form.balie.choices = [SelectChoice("", _("Alle balies en medewerkers"))] + [
        SelectChoice(str(d), desk_label(location, d)) for d in agenda.desks_of(location)
    ]
    desk = None
    if request.args.get("balie"):
        try:
            desk = int(request.args["balie"][:4])
        except ValueError:
            abort(404)
        if desk not in agenda.desks_of(location):
            abort(404)
    day = _day(form)
    return form, location, desk, agenda.week_start(day) if week else day


def _day(form) -> date:
    if form.dag.process_errors:
        form.dag.errors = list(form.dag.process_errors)
        return agenda.today()
    typed = form.dag.data
    if typed is None and request.args.get("datum"):
        try:
            typed = date.fromisoformat(request.args["datum"][:10])
        except ValueError:
            form.dag.errors = [_("Deze datum bestaat niet. U ziet de agenda van vandaag.")]
            return agenda.today()
    if typed is None:
        return agenda.today()
    if not agenda.date_in_range(typed):
        form.dag.errors = [_("Kies een datum in de jaren rond nu. U ziet de agenda van vandaag.")]
        return agenda.today()
    return typed


def _nav_args(location, desk) -> dict:
    return {"locatie": location.slug, **({"balie": desk} if desk else {})}


@bp.get("")
@handlers_only
def day():
    form, location, desk, shown_day = _choose(week=False)
    principal = current_principal()
    actions.record_viewed(principal, f"{location.slug}/{desk or '*'}/{shown_day.isoformat()}")
    db.session.commit()
    (agenda_day,) = agenda.days(location, shown_day, 1, desk)
    return render_template(
        "appointments/office/day.html",
        form=form,
        location=location,
        desk=desk,
        agenda_day=agenda_day,
        nav_args=_nav_args(location, desk),
        previous=shown_day - timedelta(days=1),
        following=shown_day + timedelta(days=1),
        today=agenda.today(),
        here=request.full_path.rstrip("?"),
        **shown_helpers(),
    )


@bp.get("/week")
@handlers_only
def week():
    form, location, desk, monday = _choose(week=True)
    principal = current_principal()
    actions.record_viewed(principal, f"{location.slug}/{desk or '*'}/week {monday.isoformat()}")
    db.session.commit()
    return render_template(
        "appointments/office/week.html",
        form=form,
        location=location,
        desk=desk,
        week_days=agenda.days(location, monday, 7, desk),
        monday=monday,
        nav_args=_nav_args(location, desk),
        previous=monday - timedelta(days=7),
        following=monday + timedelta(days=7),
        today=agenda.today(),
        **shown_helpers(),
    )


@bp.get("/afspraak/<int:appointment_id>")
@handlers_only
def appointment(appointment_id: int):
    found = appointment_or_404(appointment_id)
    actions.record_viewed(current_principal(), found.reference)
    db.session.commit()
    location = agenda.location_by_slug(found.location_slug)
    return render_template(
        "appointments/office/appointment.html",
        appointment=found,
        location=location,
        kind=agenda.type_names().get(found.type_slug),
        case_number=agenda.case_number(found),
        back_url=url_for(
            "appointment_office.day",
            locatie=found.location_slug,
            datum=agenda.local(found.starts_at).date().isoformat(),
        ),
        here=request.path,
        **shown_helpers(),
    )


def _mark(appointment_id: int, apply, done: str):
    found = appointment_or_404(appointment_id)
    form = forms.ConfirmForm()
    fallback = url_for("appointment_office.appointment", appointment_id=found.id)
    target = safe_return(request.form.get("terug"), fallback)
    if not form.validate_on_submit():
        flash(_("Dat lukte niet. Probeer het nog eens."), "error")
        return redirect(target)
    try:
        apply(found, current_principal())
    except actions.ActionError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(done, "ok")
    return redirect(target)


@bp.post("/afspraak/<int:appointment_id>/aanwezig")
@handlers_only
def mark_arrived(appointment_id: int):
    return _mark(appointment_id, actions.mark_arrived, _("De inwoner is aanwezig gemeld."))


@bp.post("/afspraak/<int:appointment_id>/niet-gekomen")
@handlers_only
def mark_no_show(appointment_id: int):
    return _mark(appointment_id, actions.mark_no_show, _("De afspraak staat op niet gekomen."))
