"""Booking an appointment: /afspraak/<type_slug>, signed in or not, in four short steps.

1. Wie en waar (`book`): how many people (when the type allows more than one) and the place.
2. Dag en tijd (`times`): the days of a week that have free times, as links, and the times
   of one day as radio buttons, paged a week at a time; no calendar widget, so it works
   without JavaScript. Choosing a time holds it (`booking.hold`) while the resident goes on.
3. Uw gegevens (`details`): name, e-mail (for the confirmation, the manage link and the ICS)
   and phone, pre-filled when signed in. Kept on the held appointment.
4. Controleren (`check`): confirming books the held time (`booking.confirm`). A hold that ran
   out or a time someone else got is "Dit tijdstip is net bezet" with the nearest free times,
   never an error; the details typed stay.
Then the confirmation (`done`) with what to bring, the costs and "Zet in uw agenda".

The browser session holds only the key of the held appointment (no personal data); step
and choices travel in the URL, so the back button and a bookmark work.
"""

from flask import abort, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from portal.appointments import availability, booking, links, type_cache, wording
from portal.appointments import resident_services as rs
from portal.appointments.blueprints import resident
from portal.appointments.forms import ConfirmForm, ContactForm, WhoWhereForm
from portal.auth import current_principal
from portal.auth.access import require
from portal.components.numbers import whole_number
from portal.extensions import db
from portal.i18n import current_locale
from portal.profile.services import contact_for

HELD = "appointment_held"
BOOKED = "appointment_booked"


def _kind_or_404(type_slug: str) -> tuple:
    """The type and its places (kept per process, `type_cache`)."""
    kind, places = type_cache.type_with_places(type_slug) if len(type_slug) <= 60 else (None, [])
    if kind is None:
        abort(404)
    return kind, places


def _gate(kind, places: list) -> Response | None:
    """Types that cannot be booked here: a page that says why and what to do instead.
    `places`: the type's places from `_kind_or_404`."""
    if not kind.bookable_online or not places:
        return render_template("appointments/book_not_online.html", kind=kind)
    if kind.needs_sign_in:
        require()
    return None


def _choice(kind, places: list, persons: str | None, location: str | None):
    """(persons, the chosen place) from the URL or a form, or None when they do not fit the
    type."""
    by_slug = {place.slug: place for place in places}
    if kind.max_persons <= 1 and not persons:
        persons = "1"
    if len(places) == 1 and not location:
        location = places[0].slug
    count = whole_number(persons, max_digits=3)
    if count is None or not 1 <= count <= kind.max_persons:
        return None
    if location not in by_slug:
        return None
    return count, by_slug[location]


def _steps(kind, current: int) -> dict:
    return {"kind": kind, "kind_name": wording.type_name(kind), "number": current, "total": 4}


def _who_where_form(kind, places: list, formdata=None) -> WhoWhereForm:
    form = WhoWhereForm(formdata=formdata)
    persons = range(1, kind.max_persons + 1)
    form.personen.choices = [SelectChoice(str(n), str(n)) for n in persons]
    form.locatie.choices = [SelectChoice(place.slug, wording.where_text(place)) for place in places]
    if kind.max_persons <= 1:
        del form.personen
    if len(form.locatie.choices) <= 1:
        del form.locatie
    return form


@resident.route("/afspraak/<type_slug>", methods=["GET", "POST"])
def book(type_slug: str):
    kind, places = _kind_or_404(type_slug)
    gate = _gate(kind, places)
    if gate is not None:
        return gate
    formdata = request.form if request.method == "POST" else None
    form = _who_where_form(kind, places, formdata=formdata)
    if request.method == "GET":
        # Coming back from "Wijzigen" on the check page: the earlier choice stays chosen.
        for name in ("personen", "locatie"):
            if name in form and request.args.get(name):
                form[name].data = request.args.get(name)[:60]
    elif form.validate():
        chosen = _choice(kind, places, request.form.get("personen"), request.form.get("locatie"))
        if chosen is not None:
            persons, place = chosen
            return redirect(
                url_for(".times", type_slug=type_slug, personen=persons, locatie=place.slug)
            )
    place = places[0]
    return render_template(
        "appointments/book_start.html",
        form=form,
        has_fields=len([field for field in form if field.type == "RadioField"]) > 0,
        duration_text=wording.duration_text(availability.length_for(kind, 1)),
        bring=wording.bring_list(kind),
        cost=wording.cost_text(kind),
        direct_url=url_for(".times", type_slug=type_slug, personen=1, locatie=place.slug),
        **_steps(kind, 1),
    )


def _place(places: list, slug: str):
    """The place of a held appointment (a place the type no longer offers is read alone)."""
    found = [place for place in places if place.slug == slug]
    return found[0] if found else availability.get_location(slug)


def _time_page(kind, persons: int, place, *, taken_near=None, error=None, status=200, day=None):
    """The days of a week with free times, and the times of one of them: the day in the
    URL or the form (`dag`, or `day`), else the first with free times."""
    values = request.values
    wanted = day or rs.parse_day(values.get("dag"))
    start = rs.parse_day(values.get("vanaf")) or wanted
    window = rs.time_window(kind, place, persons, start)
    location = place.slug if place is not None else ""

    def page_url(first) -> str:
        return url_for(
            ".times",
            type_slug=kind.slug,
            personen=persons,
            locatie=location,
            vanaf=first.isoformat(),
        )

    sent_along = {"personen": persons, "locatie": location}
    return (
        render_template(
            "appointments/book_times.html",
            persons=persons,
            place_text=wording.where_text(place),
            duration_text=wording.duration_text(availability.length_for(kind, persons)),
            near=wording.slot_rows(taken_near) if taken_near is not None else None,
            time_error=error,
            action=url_for(".times", type_slug=kind.slug),
            back_url=url_for(".book", type_slug=kind.slug, personen=persons, locatie=location),
            **wording.time_list(window, wanted, page_url, sent_along),
            **_steps(kind, 2),
        ),
        status,
    )


def _held() -> object | None:
    return rs.by_key(session.get(HELD))


def _booker(previous) -> booking.Booker:
    principal = current_principal()
    party = principal.subject if principal is not None and not principal.is_staff else None
    return booking.Booker(
        name=(previous.name if previous else "") or "",
        email=previous.email if previous else None,
        phone=previous.phone if previous else None,
        visit_address=previous.visit_address if previous else None,
        party=party,
        language=current_locale(),
    )


@resident.route("/afspraak/<type_slug>/tijd", methods=["GET", "POST"])
def times(type_slug: str):
    kind, places = _kind_or_404(type_slug)
    gate = _gate(kind, places)
    if gate is not None:
        return gate
    values = request.form if request.method == "POST" else request.args
    chosen = _choice(kind, places, values.get("personen"), values.get("locatie"))
    if chosen is None:
        return redirect(url_for(".book", type_slug=type_slug))
    persons, place = chosen
    if request.method == "GET":
        return _time_page(kind, persons, place)
    starts_at = availability.parse_start(request.form.get("tijd"))
    if starts_at is None or starts_at <= availability.utc_now():
        return _time_page(kind, persons, place, error=True, status=400)
    held = _hold(kind, place.slug, starts_at, persons)
    if held is None:
        near = availability.nearest_free(kind.slug, place.slug, starts_at, persons=persons)
        return _time_page(kind, persons, place, taken_near=near, status=409)
    db.session.commit()
    session[HELD] = held.key
    if rs.has_contact(held):
        return redirect(url_for(".check", type_slug=type_slug))
    return redirect(url_for(".details", type_slug=type_slug))


def _hold(kind, location: str, starts_at, persons: int):
    """Hold the chosen time; the details typed for a time held earlier come along, and that
    time goes back. None when the time is taken (or cannot be booked any more)."""
    previous = _held()
    if previous is not None and previous.type_slug != kind.slug:
        previous = None
    if (
        previous is not None
        and previous.status == "held"
        and (previous.starts_at, previous.location_slug, previous.persons)
        == (starts_at, location, persons)
    ):
        return previous  # the same time chosen again (the back button)
    try:
        held = booking.hold(kind.slug, location, starts_at, _booker(previous), persons=persons)
    except (booking.SlotTaken, booking.BookingError):
        db.session.rollback()
        return None
    if previous is not None and previous.status == "held":
        booking.cancel(previous, reason="other time chosen")
    return held


def _held_for(kind):
    held = _held()
    if held is None or held.type_slug != kind.slug or held.status not in ("held", "expired"):
        return None
    return held


def _prefill(form: ContactForm, held) -> None:
    if held.name or held.email:
        form.naam.data, form.email.data = held.name, held.email
        form.telefoon.data, form.adres.data = held.phone, held.visit_address
        return
    principal = current_principal()
    if principal is None or principal.is_staff or principal.subject is None:
        return
    contact = contact_for(principal.subject)
    form.naam.data = principal.represented_name or principal.display_name
    if contact is not None:
        form.email.data, form.telefoon.data = contact.email, contact.phone


@resident.route("/afspraak/<type_slug>/gegevens", methods=["GET", "POST"])
def details(type_slug: str):
    kind, places = _kind_or_404(type_slug)
    gate = _gate(kind, places)
    if gate is not None:
        return gate
    held = _held_for(kind)
    if held is None:
        return redirect(url_for(".book", type_slug=type_slug))
    place = _place(places, held.location_slug)
    form = ContactForm(formdata=request.form if request.method == "POST" else None)
    at_home = place is not None and place.kind == "thuis"
    if not at_home:
        del form.adres
    if request.method == "GET":
        _prefill(form, held)
    elif form.validate():
        rs.save_contact(
            held,
            name=form.naam.data,
            email=form.email.data,
            phone=form.telefoon.data,
            visit_address=form.adres.data if at_home else None,
        )
        db.session.commit()
        return redirect(url_for(".check", type_slug=type_slug))
    return render_template(
        "appointments/book_details.html",
        form=form,
        signed_in=current_principal() is not None,
        back_url=_times_url(held),
        **_steps(kind, 3),
    )


def _times_url(held, **extra) -> str:
    day = wording.local_day(held.starts_at).isoformat()
    return url_for(
        ".times",
        type_slug=held.type_slug,
        personen=held.persons,
        locatie=held.location_slug,
        vanaf=day,
        dag=day,
        **extra,
    )


@resident.route("/afspraak/<type_slug>/controleren", methods=["GET", "POST"])
def check(type_slug: str):
    kind, places = _kind_or_404(type_slug)
    gate = _gate(kind, places)
    if gate is not None:
        return gate
    held = _held_for(kind)
    if held is None:
        return redirect(url_for(".book", type_slug=type_slug))
    place = _place(places, held.location_slug)
    if not rs.has_contact(held):
        return redirect(url_for(".details", type_slug=type_slug))
    form = ConfirmForm()
    if request.method == "POST" and form.validate():
        try:
            # A hold that ran out is taken again when the time is still free.
            booking.confirm(held)
        except (booking.SlotTaken, booking.BookingError):
            db.session.rollback()
            near = availability.nearest_free(
                kind.slug, held.location_slug, held.starts_at, persons=held.persons
            )
            return _time_page(
                kind,
                held.persons,
                place,
                taken_near=near,
                status=409,
                day=wording.local_day(held.starts_at),
            )
        db.session.commit()
        session.pop(HELD, None)
        session[BOOKED] = held.key
        return redirect(url_for(".done", type_slug=type_slug))
    return render_template(
        "appointments/book_check.html",
        form=form,
        held=held,
        shown=wording.shown(held, kind, place),
        held_until=wording.time_text(held.held_until) if held.status == "held" else None,
        times_url=_times_url(held),
        start_url=url_for(
            ".book", type_slug=type_slug, personen=held.persons, locatie=held.location_slug
        ),
        details_url=url_for(".details", type_slug=type_slug),
        **_steps(kind, 4),
    )


@resident.get("/afspraak/<type_slug>/bevestiging")
def done(type_slug: str):
    kind, _places = _kind_or_404(type_slug)
    appointment = rs.by_key(session.get(BOOKED))
    if appointment is None or appointment.type_slug != kind.slug or appointment.status == "held":
        return redirect(url_for(".book", type_slug=type_slug))
    place = availability.get_location(appointment.location_slug)
    token = links.manage_token(appointment)
    return render_template(
        "appointments/book_done.html",
        appointment=appointment,
        shown=wording.shown(appointment, kind, place),
        kind_name=wording.type_name(kind),
        manage_url=url_for(".manage", token=token),
        ics_url=url_for(".calendar_file", token=token),
    )
