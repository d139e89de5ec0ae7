"""What a handler does in the agenda: mark someone arrived or not come, move or cancel an
appointment with a message to the resident, and block time (one desk, a whole location, or
every location) or remove a block that has not passed.

Each action records a security event (`portal.auth.audit.record_event`) and, when the
appointment belongs to a case, a line on the case's history. Blocking time never cancels an
appointment: the handler sees which appointments are in the period and moves or cancels them
one by one, each with a message. Nothing here commits; the view commits once.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from portal.appointments import booking
from portal.appointments.agenda import desks_of, local, location_by_slug, now, valid_id
from portal.appointments.models import Appointment, Closure
from portal.auth.audit import record_event
from portal.cases import services as cases
from portal.cases.models import Case
from portal.extensions import db

MESSAGE_MAX = 1000
REASON_MAX = 200
# A longer block is a mistake (a year typed wrong), not a closure.
BLOCK_MAX = timedelta(days=366)
# Appointments a resident still expects to happen.
UPCOMING = ("held", "booked")


class ActionError(ValueError):
    """An action that is not allowed; the message is B1 Dutch. `field` names the form field
    the message belongs next to, when there is one."""

    def __init__(self, message, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


def _audit(action: str, principal, appointment: Appointment, *, security: bool = True) -> None:
    """The security event (booking records its own for a move or cancellation) and the line
    on the case."""
    if security:
        record_event(
            f"appointments.{action}", "ok", principal=principal, target=appointment.reference
        )
    if appointment.case_id is not None:
        case = db.session.get(Case, appointment.case_id)
        if case is not None:
            cases.audit(
                case, f"appointment_{action}", principal, {"reference": appointment.reference}
            )


def record_refused(what: str, principal) -> None:
    """A handler asked for an appointment or block that does not exist."""
    record_event("appointments.refused", "refused", principal=principal, target=what[:120])


def record_viewed(principal, where: str) -> None:
    """Opening the agenda shows residents' names: that is processing personal data."""
    record_event("appointments.agenda_viewed", "ok", principal=principal, target=where[:120])


def mark_arrived(appointment: Appointment, principal, at: datetime | None = None) -> None:
    at = at or now()
    if appointment.status not in ("booked", "no_show"):
        raise ActionError(_l("Deze afspraak kunt u niet op aanwezig zetten."))
    if local(appointment.starts_at).date() != local(at).date():
        raise ActionError(_l("Iemand is alleen aanwezig op de dag van de afspraak."))
    appointment.status = "arrived"
    appointment.updated_at = at
    _audit("arrived", principal, appointment)


def mark_no_show(appointment: Appointment, principal, at: datetime | None = None) -> None:
    at = at or now()
    if appointment.status not in ("booked", "arrived"):
        raise ActionError(_l("Deze afspraak kunt u niet op niet gekomen zetten."))
    if appointment.starts_at > at:
        raise ActionError(_l("De afspraak is nog niet begonnen. Wacht tot de begintijd."))
    appointment.status = "no_show"
    appointment.updated_at = at
    _audit("no_show", principal, appointment)


def _message(text: str | None) -> str:
    message = (text or "").strip()
    if not message:
        raise ActionError(_l("Schrijf een bericht aan de inwoner"), "message")
    if len(message) > MESSAGE_MAX:
        raise ActionError(
            _l("Het bericht is te lang. Gebruik maximaal %(max)s tekens.", max=MESSAGE_MAX),
            "message",
        )
    return message


def move(appointment: Appointment, starts_at: datetime, message: str, principal) -> Appointment:
    """Book the new time and release the old one; the resident gets the change with the
    message. Raises booking.SlotTaken when the time just went, ActionError otherwise."""
    text = _message(message)
    if appointment.status != "booked":
        raise ActionError(_l("Alleen een geboekte afspraak kunt u verplaatsen."), "starts_at")
    try:
        moved = booking.reschedule(appointment, starts_at, actor=principal, reason=text)
    except booking.BookingError as error:
        raise ActionError(str(error), "starts_at") from None
    _audit("moved", principal, moved, security=False)
    return moved


def cancel(appointment: Appointment, message: str, principal) -> None:
    text = _message(message)
    if appointment.status not in UPCOMING:
        raise ActionError(_l("Deze afspraak is al voorbij of geannuleerd."), "message")
    try:
        booking.cancel(appointment, actor=principal, reason=text)
    except booking.BookingError as error:
        raise ActionError(str(error), "message") from None
    _audit("cancelled", principal, appointment, security=False)


@dataclass(frozen=True)
class Block:
    """A period to block: `location_slug` None is every location; `desk` None the whole
    location."""

    location_slug: str | None
    desk: int | None
    starts_at: datetime
    ends_at: datetime
    reason: str


def check_block(block: Block, at: datetime | None = None) -> None:
    """Raise ActionError (with the field it is about) when the block cannot be made."""
    at = at or now()
    if block.location_slug is not None:
        location = location_by_slug(block.location_slug)
        if location is None:
            raise ActionError(_l("Kies een locatie"), "location")
        if block.desk is not None and block.desk not in desks_of(location):
            raise ActionError(
                _l("Deze locatie heeft geen balie %(desk)s.", desk=block.desk), "desk"
            )
    elif block.desk is not None:
        raise ActionError(_l("Kies eerst de locatie van de balie."), "location")
    if not block.reason.strip():
        raise ActionError(_l("Schrijf op waarom deze tijd dicht is"), "reason")
    if len(block.reason) > REASON_MAX:
        raise ActionError(
            _l("De reden is te lang. Gebruik maximaal %(max)s tekens.", max=REASON_MAX), "reason"
        )
    if block.ends_at <= block.starts_at:
        raise ActionError(_l("Het einde moet na het begin liggen."), "end_day")
    if block.ends_at <= at:
        raise ActionError(_l("Deze tijd is al voorbij. Kies een latere tijd."), "start_day")
    if block.ends_at - block.starts_at > BLOCK_MAX:
        raise ActionError(_l("Blokkeer maximaal een jaar in één keer."), "end_day")


def appointments_in(block: Block) -> list[Appointment]:
    """The appointments residents still expect in the period: blocking does not cancel them."""
    query = select(Appointment).where(
        Appointment.status.in_(UPCOMING),
        Appointment.starts_at < block.ends_at,
        Appointment.ends_at > block.starts_at,
    )
    if block.location_slug is not None:
        query = query.where(Appointment.location_slug == block.location_slug)
    if block.desk is not None:
        query = query.where(Appointment.desk == block.desk)
    return list(db.session.scalars(query.order_by(Appointment.starts_at, Appointment.desk)))


def block_time(block: Block, principal, at: datetime | None = None) -> Closure:
    check_block(block, at)
    closure = Closure(
        location_slug=block.location_slug,
        desk=block.desk,
        starts_at=block.starts_at,
        ends_at=block.ends_at,
        reason=block.reason.strip(),
        created_by=(principal.display_name or principal.staff_id or "")[:200],
        created_at=at or now(),
    )
    db.session.add(closure)
    db.session.flush()
    record_event(
        "appointments.time_blocked",
        "ok",
        principal=principal,
        target=f"{block.location_slug or '*'}/{block.desk or '*'}",
        detail=f"closure {closure.id}",
    )
    return closure


def future_closures(location_slug: str | None = None, at: datetime | None = None) -> list[Closure]:
    """Blocks that have not passed, first the soonest; for one location (with the blocks of
    every location) or all."""
    query = select(Closure).where(Closure.ends_at > (at or now()))
    if location_slug is not None:
        query = query.where(
            or_(Closure.location_slug == location_slug, Closure.location_slug.is_(None))
        )
    return list(db.session.scalars(query.order_by(Closure.starts_at, Closure.id).limit(200)))


def closure_by_id(closure_id: int) -> Closure | None:
    return db.session.get(Closure, closure_id) if valid_id(closure_id) else None


def remove_closure(closure: Closure, principal, at: datetime | None = None) -> None:
    if closure.ends_at <= (at or now()):
        raise ActionError(_l("Deze blokkade is al voorbij. U kunt hem niet meer weghalen."))
    record_event(
        "appointments.block_removed",
        "ok",
        principal=principal,
        target=f"{closure.location_slug or '*'}/{closure.desk or '*'}",
        detail=f"closure {closure.id}",
    )
    db.session.delete(closure)
    db.session.flush()
