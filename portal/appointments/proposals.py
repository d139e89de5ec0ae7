"""Proposed, not searched for (voorstellen): the municipality proposes a moment on a case, and
the resident accepts it with one click, picks another time, or asks for a call instead.

    propose(case, type_slug, location_slug, starts_at, actor) -> Proposal
    first_free_proposal(case, type_slug, *, location_slug=None, actor=None) -> Proposal | None
    accept(proposal, principal) -> Appointment
    other_time(proposal, starts_at, principal) -> Appointment
    call_instead(proposal, principal, phone) -> None
    withdraw(proposal, actor) -> None

How long the moment is kept free: a proposal holds its slot (`booking.hold`) for 3 days, but
never later than one day before the moment itself. Three days gives a resident who reads the
mail only every few days time to answer, also over a weekend; ending a day before the moment
tells the handler the day before whether the visit goes ahead, and gives the time back to
others while it can still be booked. So a proposal is only made for a moment at least two
days ahead (`MIN_NOTICE`): the resident then always has at least a day to answer. A hold that
ran out makes the proposal "verlopen": the resident chooses a fresh time instead.

Every function flushes and never commits. Each step is a note on the case's timeline and in
the case's audit trail; the resident hears of a proposal by a message in the Berichtenbox
(which e-mails them), the team hears of an answer by the team mailbox.
"""

from datetime import datetime, timedelta

from sqlalchemy import select

from portal.appointments import availability, booking
from portal.appointments import proposal_texts as texts
from portal.appointments.models import Appointment, AppointmentType, Location, Proposal
from portal.cases import handling as case_handling
from portal.cases import services as cases
from portal.cases.models import Case
from portal.extensions import db

HOLD = timedelta(days=3)
DECIDE_BEFORE = timedelta(days=1)
MIN_NOTICE = timedelta(days=2)
# How far ahead the first free moment is looked for, and how many taken-at-once retries.
SEARCH_DAYS = 28
TRIES = 3

PROPOSED = "proposed"
ACCEPTED = "accepted"
OTHER_TIME = "other_time"
CALL_INSTEAD = "call_instead"
WITHDRAWN = "withdrawn"
EXPIRED = "expired"


class ProposalError(ValueError):
    """A step that is not allowed; the message is B1 Dutch and can be shown as is."""


def now() -> datetime:
    """Naive UTC, as stored; a function so tests can move the clock."""
    return cases.now()


def kind_and_place(type_slug: str, location_slug: str) -> tuple[AppointmentType, Location]:
    """The active type and location, when the type is held at that location."""
    kind, place = availability.get_type(type_slug), availability.get_location(location_slug)
    if kind is None or place is None or location_slug not in (kind.location_slugs or []):
        raise ProposalError(texts.UNKNOWN_KIND)
    return kind, place


def location_of(proposal: Proposal) -> Location | None:
    return db.session.scalars(
        select(Location).where(Location.slug == proposal.location_slug)
    ).first()


def appointment_of(proposal: Proposal) -> Appointment | None:
    return db.session.get(Appointment, proposal.appointment_id) if proposal.appointment_id else None


def proposals_of(case: Case) -> list[Proposal]:
    """The case's proposals, the newest first."""
    query = select(Proposal).where(Proposal.case_id == case.id).order_by(Proposal.id.desc())
    return list(db.session.scalars(query))


def open_proposal(case: Case) -> Proposal | None:
    return next((p for p in proposals_of(case) if p.status == PROPOSED), None)


def is_expired(proposal: Proposal, moment: datetime | None = None) -> bool:
    """Still unanswered, but the slot is no longer held (the hold ran out or was released)."""
    if proposal.status == EXPIRED:
        return True
    if proposal.status != PROPOSED:
        return False
    held = appointment_of(proposal)
    return (
        held is None
        or held.status != "held"
        or held.held_until is None
        or held.held_until <= (moment or now())
    )


def hold_minutes(starts_at: datetime, moment: datetime) -> int:
    until = min(moment + HOLD, starts_at - DECIDE_BEFORE)
    return max(1, int((until - moment).total_seconds() // 60))


def booker_for(case: Case, place: Location) -> booking.Booker:
    """Who the appointment is for, from what the case already knows (never asked twice)."""
    answers = case.answers or {}
    contact = case.contact or {}
    address = (answers.get("adres") or "").strip()[:200] or None
    if place.kind == "thuis" and address is None:
        raise ProposalError(texts.NO_ADDRESS)
    return booking.Booker(
        name=str(answers.get("naam") or "")[:200],
        email=(contact.get("email") or None),
        phone=(contact.get("telefoon") or None),
        party=cases.party_of(case),
        visit_address=address if place.kind == "thuis" else None,
        case_id=case.id,
    )


def _staff_or_system(actor):
    """Who sends the proposal message: staff, or the municipality itself for a product rule
    (a message "from" a resident would go to the team instead)."""
    return actor if getattr(actor, "means", None) == "staff" else None


def propose(case: Case, type_slug: str, location_slug: str, starts_at: datetime, actor) -> Proposal:
    """Hold the moment and tell the resident. An open proposal on the case is replaced.
    Raises ProposalError, CaseError (closed case) or booking.SlotTaken."""
    cases.require_open(case)
    kind, place = kind_and_place(type_slug, location_slug)
    moment = now()
    if starts_at < moment + MIN_NOTICE:
        raise ProposalError(texts.TOO_SOON)
    booker = booker_for(case, place)
    earlier = open_proposal(case)
    if earlier is not None:
        _release(earlier, WITHDRAWN, actor)
    held = booking.hold(
        type_slug, location_slug, starts_at, booker, minutes=hold_minutes(starts_at, moment)
    )
    proposal = Proposal(
        case_id=case.id,
        type_slug=type_slug,
        location_slug=location_slug,
        starts_at=starts_at,
        appointment_id=held.id,
        status=PROPOSED,
        proposed_by=cases.actor_label(actor)[:200],
        created_at=moment,
    )
    db.session.add(proposal)
    note = texts.stored(texts.PROPOSED_NOTE, at=starts_at, place=place)
    case_handling.add_timeline_note(case, note, actor)
    cases.audit(case, "appointment_proposed", actor, {"type": type_slug, "place": location_slug})
    message = texts.stored(texts.PROPOSED_MESSAGE, at=starts_at, place=place, kind=kind)
    case_handling.send_message(case, message, _staff_or_system(actor))
    db.session.flush()
    return proposal


def proposable_slots(type_slug: str, location_slug: str, *, days: int = SEARCH_DAYS) -> list:
    """Free slots far enough ahead to propose (see MIN_NOTICE), in order."""
    moment = now()
    earliest = moment + MIN_NOTICE
    slots = availability.free_slots(
        type_slug, location_slug, start_day=availability.local_day(earliest), days=days, now=moment
    )
    return [slot for slot in slots if slot.starts_at >= earliest]


def first_free_proposal(
    case: Case, type_slug: str, *, location_slug: str | None = None, actor=None
) -> Proposal | None:
    """Propose the first free moment (for a product's rule). None when nothing is free or the
    type is unknown: the handler then proposes a moment by hand."""
    kind = availability.get_type(type_slug)
    if kind is None or not kind.location_slugs:
        return None
    location_slug = location_slug or kind.location_slugs[0]
    for slot in proposable_slots(type_slug, location_slug)[:TRIES]:
        try:
            return propose(case, type_slug, location_slug, slot.starts_at, actor)
        except booking.SlotTaken:
            continue
    return None


def _answerable(proposal: Proposal, *, allow_expired: bool) -> None:
    if proposal.status not in (PROPOSED, EXPIRED):
        raise ProposalError(texts.ANSWERED)
    if not allow_expired and is_expired(proposal):
        raise ProposalError(texts.EXPIRED)


def _case(proposal: Proposal) -> Case:
    return db.session.get(Case, proposal.case_id)


def _release(proposal: Proposal, status: str, actor) -> None:
    """Give the held moment back and close the proposal with `status`."""
    held = appointment_of(proposal)
    if held is not None and held.status == "held":
        booking.cancel(held, actor)
    proposal.status = status
    proposal.answered_at = now()


def accept(proposal: Proposal, principal) -> Appointment:
    """ "Ja, dat past": the held moment becomes the appointment (confirmation with ICS)."""
    _answerable(proposal, allow_expired=False)
    case = _case(proposal)
    cases.require_open(case)
    appointment = booking.confirm(appointment_of(proposal), actor=principal)
    proposal.status = ACCEPTED
    proposal.answered_at = now()
    _after_answer(case, proposal, appointment, texts.ACCEPTED_NOTE, "proposal_accepted", principal)
    return appointment


def other_time(proposal: Proposal, starts_at: datetime, principal) -> Appointment:
    """Book the time the resident chose, then give the proposed one back (so a taken time
    leaves the proposal as it was). Also for a proposal that expired.
    Raises ProposalError, booking.SlotTaken or booking.BookingError."""
    _answerable(proposal, allow_expired=True)
    case = _case(proposal)
    cases.require_open(case)
    _, place = kind_and_place(proposal.type_slug, proposal.location_slug)
    if starts_at not in {s.starts_at for s in _free_on_day(proposal, starts_at)}:
        raise ProposalError(texts.NOT_FREE)
    appointment = booking.book(
        proposal.type_slug,
        proposal.location_slug,
        starts_at,
        booker_for(case, place),
        actor=principal,
    )
    _release(proposal, OTHER_TIME, principal)
    proposal.appointment_id = appointment.id
    _after_answer(
        case, proposal, appointment, texts.OTHER_TIME_NOTE, "proposal_other_time", principal
    )
    return appointment


def _free_on_day(proposal: Proposal, starts_at: datetime) -> list:
    return availability.free_slots(
        proposal.type_slug,
        proposal.location_slug,
        start_day=availability.local_day(starts_at),
        days=1,
        now=now(),
    )


def call_instead(proposal: Proposal, principal, phone: str) -> None:
    """ "Bel mij liever": give the moment back; the handler finds the number in the case's
    messages and the team mailbox hears of it."""
    _answerable(proposal, allow_expired=True)
    case = _case(proposal)
    cases.require_open(case)
    _release(proposal, CALL_INSTEAD, principal)
    case_handling.add_timeline_note(case, texts.stored(texts.CALL_NOTE), principal)
    cases.audit(case, "proposal_call_instead", principal)
    case_handling.send_message(case, texts.stored(texts.CALL_MESSAGE, phone=phone[:40]), principal)
    cases.notify_team("message", case)
    db.session.flush()


def withdraw(proposal: Proposal, actor) -> None:
    """The municipality takes back an unanswered proposal; the resident is told."""
    if proposal.status not in (PROPOSED, EXPIRED):
        raise ProposalError(texts.ANSWERED)
    case = _case(proposal)
    place = location_of(proposal)
    _release(proposal, WITHDRAWN, actor)
    if place is not None and not case.is_closed:
        note = texts.stored(texts.WITHDRAWN_NOTE, at=proposal.starts_at, place=place)
        case_handling.add_timeline_note(case, note, actor)
        case_handling.send_message(
            case, texts.stored(texts.WITHDRAWN_MESSAGE), _staff_or_system(actor)
        )
    cases.audit(case, "proposal_withdrawn", actor)
    db.session.flush()


def _after_answer(case, proposal, appointment, note, action, principal) -> None:
    place = location_of(proposal)
    case_handling.add_timeline_note(
        case, texts.stored(note, at=appointment.starts_at, place=place), principal
    )
    cases.audit(case, action, principal)
    cases.notify_team("message", case)
    db.session.flush()
