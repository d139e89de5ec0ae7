"""The contact centre's side of a call-back: the queue by window, each attempt, and a new
window after two failed attempts.

    staff_queue(at=None) -> CallbackQueue
    log_attempt(callback, outcome, note, resident_note, staff) -> str   what happened
    choose_new_window(callback, offered, actor) -> None
    give_mark(callback, mark, comment) -> None                          through the link

Reached: the case is closed (afgehandeld) with a short note for the resident. Two failed
attempts (not reached or voicemail) since the window was chosen: the resident gets a case
message and, without an account, an e-mail with the link to choose a new window. When we
cannot write to them (no account and no e-mail address) a third attempt follows, and after
that the request is closed with a note. Functions flush and never commit.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.auth.audit import record_event
from portal.backoffice.services import PAUSED, case_norm
from portal.cases.handling import close_case, send_message
from portal.cases.models import Case
from portal.cases.resident_services import give_feedback
from portal.cases.services import CaseError, audit, stored_text
from portal.cases.texts import DONE
from portal.extensions import db
from portal.questions import callback_links as links
from portal.questions.callbacks import (
    CLOSED,
    NEW_WINDOW_NEEDED,
    REACHED,
    WAITING,
    CallbackError,
    OfferedWindow,
    local,
    now,
    offer_days,
    take_window,
)
from portal.questions.models import CallAttempt, Callback, CallbackWindow

OUTCOMES = ("reached", "not_reached", "voicemail")
FAILED = ("not_reached", "voicemail")
FAILURES_BEFORE_NEW_WINDOW = 2
# Without a way to write to the resident, one more call is all we can do.
LAST_ATTEMPT = 3
NOTE_MAX = 500

REACHED_NOTE = _l("Wij hebben u gebeld en uw vraag besproken.")
NEW_WINDOW_MESSAGE = _l(
    "Wij hebben u twee keer gebeld. Helaas kregen wij u niet te pakken. "
    "Kies een nieuw moment waarop wij u kunnen bellen. Dat doet u bij deze zaak in Mijn zaken."
)
NEW_WINDOW_MESSAGE_BY_EMAIL = _l(
    "Wij hebben u twee keer gebeld. Helaas kregen wij u niet te pakken. "
    "Wij hebben u een e-mail gestuurd. Daarin staat een link om een nieuw moment te kiezen."
)
GIVEN_UP_NOTE = _l(
    "Wij hebben u drie keer gebeld, maar wij kregen u niet te pakken. "
    "Wilt u nog steeds dat wij u bellen? Vraag dan opnieuw een terugbelverzoek aan."
)


@dataclass(frozen=True)
class LinkActor:
    """Who acted, for the case history, when the resident used the link without signing in."""

    display_name: str
    means: str = "callback_link"
    acts_for_other: bool = False


@dataclass
class QueueEntry:
    callback: Callback
    case: Case
    norm: str
    failures: int


@dataclass
class WindowGroup:
    day: date
    window: CallbackWindow
    entries: list[QueueEntry] = field(default_factory=list)


@dataclass
class CallbackQueue:
    days: list[tuple[date, list[WindowGroup]]]
    # Windows that have passed while nobody reached the resident: call these first.
    overdue: list[QueueEntry]
    # Two failed attempts: waiting for the resident to choose a new window.
    new_window: list[QueueEntry]


def failures_this_round(callback: Callback) -> int:
    since = callback.window_chosen_at or datetime.min
    return sum(1 for a in callback.attempts if a.outcome in FAILED and a.created_at >= since)


def case_of(callback: Callback) -> Case:
    return db.session.get(Case, callback.case_id)


def _entry(callback: Callback, today: date) -> QueueEntry:
    case = case_of(callback)
    norm = PAUSED if callback.status == NEW_WINDOW_NEEDED else case_norm(case, today)
    return QueueEntry(callback, case, norm, failures_this_round(callback))


def staff_queue(at: datetime | None = None) -> CallbackQueue:
    """Open call-backs by day and window: today and the next working days up to the norm."""
    today = local(at or now()).date()
    query = select(Callback).where(Callback.status.in_((WAITING, NEW_WINDOW_NEEDED)))
    callbacks = list(db.session.scalars(query.order_by(Callback.window_day, Callback.id)))
    waiting = [c for c in callbacks if c.status == WAITING]
    windows = list(db.session.scalars(select(CallbackWindow).order_by(CallbackWindow.starts)))
    days = sorted(set(offer_days(today)) | {c.window_day for c in waiting if c.window_day >= today})
    grouped = []
    for day in days:
        groups = [WindowGroup(day, window) for window in windows]
        for group in groups:
            group.entries = [
                _entry(c, today)
                for c in waiting
                if c.window_day == day and c.window_id == group.window.id
            ]
        grouped.append((day, [g for g in groups if g.window.active or g.entries]))
    return CallbackQueue(
        days=grouped,
        overdue=[_entry(c, today) for c in waiting if c.window_day < today],
        new_window=[_entry(c, today) for c in callbacks if c.status == NEW_WINDOW_NEEDED],
    )


def may_try_again(callback: Callback) -> bool:
    """After two failed attempts: only when we cannot ask the resident for a new window."""
    return not links.can_write(case_of(callback))


def log_attempt(
    callback: Callback, outcome: str, note: str | None, resident_note: str | None, staff
) -> str:
    """Record one call. Returns "reached", "new_window", "try_again", "given_up" or "logged"."""
    if outcome not in OUTCOMES:
        raise CallbackError(_l("Kies wat er gebeurde bij het bellen."))
    if callback.status != WAITING:
        raise CallbackError(_l("Dit verzoek wacht niet op een telefoontje. Vernieuw de pagina."))
    note = (note or "").strip() or None
    if note and len(note) > NOTE_MAX:
        raise CallbackError(_l("De notitie is te lang. Gebruik maximaal 500 tekens."))
    case = case_of(callback)
    moment = now()
    callback.attempts.append(
        CallAttempt(
            outcome=outcome, note=note, staff_label=staff.display_name[:200], created_at=moment
        )
    )
    callback.updated_at = moment
    audit(case, "callback_attempt", staff, {"outcome": outcome})
    record_event("questions.callback_attempt", outcome, principal=staff, target=case.number)
    db.session.flush()
    if outcome == "reached":
        callback.status = REACHED
        close_case(case, DONE, (resident_note or "").strip() or stored_text(REACHED_NOTE), staff)
        links.notify_requester(callback, case, "closed")
        return "reached"
    failures = failures_this_round(callback)
    if failures < FAILURES_BEFORE_NEW_WINDOW:
        return "logged"
    if links.can_write(case):
        callback.status = NEW_WINDOW_NEEDED
        by_email = links.is_anonymous(case)
        text = NEW_WINDOW_MESSAGE_BY_EMAIL if by_email else NEW_WINDOW_MESSAGE
        send_message(case, stored_text(text), None)
        links.notify_requester(callback, case, "new_window")
        audit(case, "callback_new_window_asked", staff)
        return "new_window"
    if failures < LAST_ATTEMPT:
        return "try_again"
    callback.status = CLOSED
    close_case(case, DONE, stored_text(GIVEN_UP_NOTE), staff)
    return "given_up"


def choose_new_window(callback: Callback, offered: OfferedWindow, actor) -> None:
    """The resident's new window; the request waits for a call again. Raises CallbackError
    when no new window is asked for (a link used before) and WindowGone when it just went."""
    if callback.status != NEW_WINDOW_NEEDED:
        raise CallbackError(_l("U heeft al een nieuw tijdvak gekozen."))
    window = take_window(offered)
    case = case_of(callback)
    moment = now()
    callback.window_day = offered.day
    callback.window_id = window.id
    callback.window = window
    callback.status = WAITING
    callback.window_chosen_at = moment
    callback.updated_at = moment
    # The resident chose a later moment: the call is on time when it is in that window.
    if case.expected_completion is None or case.expected_completion < offered.day:
        case.expected_completion = offered.day
        case.updated_at = moment
    audit(case, "callback_window_chosen", actor, {"day": offered.day.isoformat()})
    db.session.flush()


def link_actor() -> LinkActor:
    return LinkActor(stored_text(_l("De aanvrager (via de link)")))


def give_mark(callback: Callback, mark: int, comment: str | None) -> None:
    """The mark after the call, once, for someone without an account (through the link)."""
    try:
        give_feedback(case_of(callback), mark, comment or "", link_actor())
    except CaseError as error:
        raise CallbackError(str(error)) from error
