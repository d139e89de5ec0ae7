"""A proposed appointment on a case: the resident answers on the Mijn zaken case page, the
handler proposes from the back office.

- The case page shows `proposal_part` (registered for every product in the package's
  init_app, `portal.cases.extensions`): the proposal with three answers, "Ja, dat past" (one
  click), "Kies een ander moment" (a list of free times) and "Bel mij liever" (the phone
  number filled in). Every form is a plain POST that works without JavaScript; an error
  shows the case page again with the error and what was typed.
- Resident routes need DigiD or eHerkenning at level midden and the case of the principal;
  another case, or a proposal of another case, answers 404.
- `proposal_office` (/medewerkers/zaken/<number>/afspraak-voorstellen): the handler picks a
  kind of appointment and place (step one, GET) and one of the next free times (step two,
  POST). Case handlers of the case's team only; a refusal is audited and answers 404.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import SelectChoice

from portal.appointments import availability, booking, proposals, wording
from portal.appointments import proposal_texts as texts
from portal.appointments.backends.base import BackendUnavailable
from portal.appointments.blueprints import resident
from portal.appointments.models import AppointmentType, Location, Proposal
from portal.appointments.proposal_forms import (
    AcceptForm,
    CallForm,
    OfficeKindForm,
    OfficeProposalForm,
    OtherTimeForm,
)
from portal.auth import current_principal
from portal.auth.access import record_mandate_use, sign_in_required, staff_required
from portal.auth.audit import record_event
from portal.cases import resident_services as mine
from portal.cases.extensions import CasePart
from portal.cases.services import CaseError
from portal.cases.views import render_case
from portal.extensions import db

case_office = Blueprint("proposal_office", __name__, url_prefix="/medewerkers/zaken")

residents_only = sign_in_required(means=("digid", "eherkenning"), level="midden")
handlers_only = staff_required(role="case_handler")

# How many free times a list shows, and at most how many of one day (so the list spans days).
RESIDENT_TIMES, OFFICE_TIMES, PER_DAY = 8, 12, 3
SHOWN_STATES = {
    proposals.ACCEPTED: "booked",
    proposals.OTHER_TIME: "booked",
    proposals.CALL_INSTEAD: "call",
    proposals.WITHDRAWN: "withdrawn",
}


def spread(slots: list, limit: int) -> list:
    """The first free times, at most PER_DAY of one day."""
    chosen, per_day = [], {}
    for slot in slots:
        day = availability.local_day(slot.starts_at)
        if per_day.get(day, 0) < PER_DAY:
            per_day[day] = per_day.get(day, 0) + 1
            chosen.append(slot)
        if len(chosen) == limit:
            break
    return chosen


def time_choices(slots: list) -> list[SelectChoice]:
    return [
        SelectChoice(availability.slot_value(s.starts_at), wording.when_text(s.starts_at))
        for s in slots
    ]


def _resident_times(proposal: Proposal) -> list[SelectChoice]:
    try:
        slots = availability.free_slots(proposal.type_slug, proposal.location_slug, days=21)
    except BackendUnavailable:
        slots = []  # an outside appointment system that does not answer: "bel mij liever"
    return time_choices(spread(slots, RESIDENT_TIMES))


def _phone_of(case, principal) -> str:
    """The number the case already has, else the one in the profile (never asked twice)."""
    phone = (case.contact or {}).get("telefoon")
    if not phone and principal is not None and principal.subject is not None:
        from portal.profile.services import contact_for

        contact = contact_for(principal.subject)
        phone = contact.phone if contact else None
    return (phone or "")[:40]


def proposal_part(case, principal, form=None) -> CasePart | None:
    """The latest proposal on the case and its answer forms, for the case page."""
    found = proposals.proposals_of(case)
    if not found:
        return None
    proposal = found[0]
    place = proposals.location_of(proposal)
    kind = availability.get_type(proposal.type_slug)
    if place is None or kind is None:
        return None
    expired = proposals.is_expired(proposal)
    state = "expired" if expired else SHOWN_STATES.get(proposal.status, "open")
    appointment = proposals.appointment_of(proposal)
    other = form if isinstance(form, OtherTimeForm) else OtherTimeForm(formdata=None)
    call = form if isinstance(form, CallForm) else CallForm(formdata=None)
    if state in ("open", "expired"):
        other.voorstel_moment.choices = _resident_times(proposal)
        if call.voorstel_telefoon.data is None:
            call.voorstel_telefoon.data = _phone_of(case, principal)
    base = {"number": case.number, "proposal_id": proposal.id}
    context = {
        "proposal": proposal,
        "state": state,
        "what": wording.type_name(kind),
        "moment": texts.moment_text(proposal.starts_at, place),
        "held_until": wording.when_text(appointment.held_until)
        if appointment is not None and appointment.held_until
        else "",
        "appointment": wording.shown(appointment, kind, place)
        if state == "booked" and appointment
        else None,
        "cancelled": appointment is not None and appointment.status == "cancelled",
        "mine_url": url_for("appointments.mine"),
        "accept_form": form if isinstance(form, AcceptForm) else AcceptForm(formdata=None),
        "other_form": other,
        "call_form": call,
        "accept_action": url_for("appointments.proposal_accept", **base),
        "other_action": url_for("appointments.proposal_other_time", **base),
        "call_action": url_for("appointments.proposal_call", **base),
    }
    return CasePart("appointments/proposal_part.html", context, form=form)


def _answering(number: str, proposal_id: int):
    principal = current_principal()
    case = mine.case_for(principal, number)
    proposal = db.session.get(Proposal, proposal_id) if case is not None else None
    if proposal is None or proposal.case_id != case.id:
        abort(404)
    if principal.acts_for_other:
        record_mandate_use(principal, case.product_slug)
    return principal, case, proposal


def _answered(number: str, message):
    db.session.commit()
    flash(message, "ok")
    return redirect(url_for("cases.case_detail", number=number, _anchor="voorstel-title"))


def _again(case, form):
    """The case page with the form's error; a failed booking left nothing to keep."""
    db.session.rollback()
    return render_case(case, part_form=form, part_owner=proposal_part, status=422)


@resident.post("/mijn-zaken/<number>/voorstel/<int:proposal_id>/ja")
@residents_only
def proposal_accept(number: str, proposal_id: int):
    principal, case, proposal = _answering(number, proposal_id)
    form = AcceptForm()
    if form.validate_on_submit():
        try:
            proposals.accept(proposal, principal)
        except (proposals.ProposalError, CaseError, booking.BookingError) as error:
            form.form_errors.append(str(error))
        else:
            return _answered(number, _("Uw afspraak staat. U ziet hem ook bij Mijn afspraken."))
    return _again(case, form)


@resident.post("/mijn-zaken/<number>/voorstel/<int:proposal_id>/ander-moment")
@residents_only
def proposal_other_time(number: str, proposal_id: int):
    principal, case, proposal = _answering(number, proposal_id)
    form = OtherTimeForm()
    if form.validate_on_submit():
        try:
            proposals.other_time(proposal, form.chosen(), principal)
        except booking.SlotTaken:
            form.voorstel_moment.errors.append(str(texts.TAKEN))
        except (proposals.ProposalError, CaseError, booking.BookingError) as error:
            form.voorstel_moment.errors.append(str(error))
        else:
            return _answered(number, _("Uw afspraak staat. U ziet hem ook bij Mijn afspraken."))
    return _again(case, form)


@resident.post("/mijn-zaken/<number>/voorstel/<int:proposal_id>/bellen")
@residents_only
def proposal_call(number: str, proposal_id: int):
    from portal.questions.callbacks import CallbackError, parse_phone, show_phone

    principal, case, proposal = _answering(number, proposal_id)
    form = CallForm()
    if form.validate_on_submit():
        try:
            phone = show_phone(parse_phone(form.voorstel_telefoon.data))
            proposals.call_instead(proposal, principal, phone)
        except (CallbackError, proposals.ProposalError, CaseError) as error:
            form.voorstel_telefoon.errors.append(str(error))
        else:
            return _answered(number, _("Wij bellen u op %(phone)s.", phone=phone))
    return _again(case, form)


# The back office: propose a moment, or take an open proposal back.


def _staff_case_or_404(number: str):
    from portal.backoffice import services as office

    principal = current_principal()
    case = office.case_for_staff(principal, number)
    if case is None:
        office.record_refused(number, principal)
        db.session.commit()
        abort(404)
    return principal, case


def kind_choices(case) -> list[SelectChoice]:
    """Every active kind of appointment at each of its places; the case's product first."""
    kinds = db.session.scalars(
        select(AppointmentType)
        .where(AppointmentType.active.is_(True))
        .order_by(AppointmentType.position, AppointmentType.id)
    ).all()
    places = {p.slug: p for p in db.session.scalars(select(Location).where(Location.active))}
    kinds = sorted(kinds, key=lambda k: k.product_slug != case.product_slug)
    return [
        SelectChoice(
            f"{kind.slug}|{slug}",
            _(
                "%(what)s – %(where)s",
                what=wording.type_name(kind),
                where=texts.place_text(places[slug]),
            ),
        )
        for kind in kinds
        for slug in kind.location_slugs or []
        if slug in places
    ]


@case_office.route("/<number>/afspraak-voorstellen", methods=["GET", "POST"])
@handlers_only
def propose(number: str):
    principal, case = _staff_case_or_404(number)
    choices = kind_choices(case)
    values = [choice.value for choice in choices]
    chosen = (request.form.get("soort") or request.args.get("soort") or "")[:130]
    if chosen not in values:
        chosen = values[0] if len(values) == 1 else ""
    kind_form = OfficeKindForm(formdata=None, soort=chosen)
    kind_form.soort.choices = [SelectChoice("", _("Kies een soort afspraak")), *choices]
    form = OfficeProposalForm(soort=chosen)
    slots = []
    if chosen:
        type_slug, location_slug = chosen.split("|", 1)
        try:
            slots = spread(proposals.proposable_slots(type_slug, location_slug), OFFICE_TIMES)
        except BackendUnavailable:
            slots = []
        form.moment.choices = time_choices(slots)
        if request.method == "POST" and form.validate_on_submit():
            try:
                proposals.propose(case, type_slug, location_slug, form.chosen(), principal)
            except booking.SlotTaken:
                form.moment.errors.append(str(texts.TAKEN))
            except (proposals.ProposalError, CaseError, booking.BookingError) as error:
                form.moment.errors.append(str(error))
            else:
                record_event("appointments.proposed", "success", principal, case.number)
                db.session.commit()
                flash(_("Het voorstel is verstuurd. De inwoner krijgt een bericht."), "ok")
                return redirect(url_for("backoffice.case_detail", number=number))
            db.session.rollback()
    elif request.method == "POST":
        kind_form.soort.errors.append(str(texts.UNKNOWN_KIND))
    open_one = proposals.open_proposal(case)
    page = render_template(
        "appointments/propose_office.html",
        case=case,
        kind_form=kind_form,
        form=form,
        chosen=chosen,
        has_times=bool(slots),
        open_proposal=open_one,
        open_moment=_open_moment(open_one),
        withdraw_form=AcceptForm(formdata=None),
        page_errors=bool(form.errors or kind_form.errors),
    )
    return page, 422 if (form.errors or kind_form.errors) else 200


def _open_moment(proposal: Proposal | None) -> str | None:
    place = proposals.location_of(proposal) if proposal else None
    return texts.moment_text(proposal.starts_at, place) if place else None


@case_office.post("/<number>/afspraak-voorstellen/<int:proposal_id>/intrekken")
@handlers_only
def withdraw(number: str, proposal_id: int):
    principal, case = _staff_case_or_404(number)
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None or proposal.case_id != case.id:
        abort(404)
    if AcceptForm().validate_on_submit():
        try:
            proposals.withdraw(proposal, principal)
        except proposals.ProposalError as error:
            flash(str(error), "error")
        else:
            record_event("appointments.proposal_withdrawn", "success", principal, case.number)
            db.session.commit()
            flash(_("Het voorstel is ingetrokken. De inwoner krijgt een bericht."), "ok")
    return redirect(url_for("proposal_office.propose", number=number))
