"""Call-back requests (terugbelverzoeken): the windows the contact centre offers, the phone
number, and the request itself, which becomes a case of the product "terugbelverzoek".

    offered_windows(at=None) -> list[OfferedWindow]
    find_offered(value, at=None) -> OfferedWindow | None
    book_place(day, window) -> bool
    parse_phone(text) -> str                       E.164; raises CallbackError
    show_phone(e164) -> str                        "06 12345678", "+32 2 123 45 67"
    window_words(day, starts, ends) -> str         "donderdag 3 december tussen 09.00 en 11.00 uur"
    request_callback(...) -> Callback

A window is offered on the working days from today up to the norm (2 working days), unless
it has started already or is full. The count per window and day lives in `WindowBooking`; a
place is taken with one conditional UPDATE (`taken < capacity`), so two people who send at
the same moment can never overfill a window, on SQLite and on PostgreSQL alike. Like all
rules here, these functions flush and never commit.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from portal.cases.calendar import add_working_days, is_working_day
from portal.cases.creation import ProductFacts, UnknownProduct, create_case, product_facts
from portal.cases.models import Case
from portal.cases.services import audit, get_case_by_key, stored_text
from portal.components import phone
from portal.components.counters import dialect_insert
from portal.extensions import db
from portal.questions import callback_links as links
from portal.questions.models import Callback, CallbackWindow, WindowBooking

PRODUCT_SLUG = "terugbelverzoek"
TEAM = "klantcontact"
NORM_WORKING_DAYS = 2
OTHER_TOPIC = "iets-anders"
NOTE_MAX = 500
PHONE_INPUT_MAX = 40
EMAIL_MAX = 254
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

WAITING = "waiting"
REACHED = "reached"
NEW_WINDOW_NEEDED = "new_window_needed"
CLOSED = "closed"

NOT_A_NUMBER = _l(
    "Dit is geen telefoonnummer dat wij kunnen bellen. Typ het nummer zoals u het belt, "
    "bijvoorbeeld 06 12345678. Een buitenlands nummer begint met + en de landcode."
)
WINDOW_GONE = _l(
    "Dit tijdvak is net vol of al begonnen. Kies een ander tijdvak. Uw andere antwoorden "
    "staan er nog."
)


class CallbackError(ValueError):
    """Something the resident or handler can fix; the message is B1 Dutch."""


class WindowGone(CallbackError):
    """The chosen window filled up or started between showing and sending."""


@dataclass(frozen=True)
class OfferedWindow:
    day: date
    window_id: int
    starts: str
    ends: str
    free: int

    @property
    def value(self) -> str:
        """How the choice travels in a form: "2025-12-03_1"."""
        return f"{self.day.isoformat()}_{self.window_id}"

    @property
    def words(self) -> str:
        return window_words(self.day, self.starts, self.ends)


def now() -> datetime:
    """Naive UTC, as stored; a function so tests can move the clock."""
    return datetime.now(UTC).replace(tzinfo=None)


def local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone(AMSTERDAM)


def offer_days(today: date) -> list[date]:
    """The working days from today up to the norm: a call on any of them is on time."""
    last = add_working_days(today, NORM_WORKING_DAYS)
    days = [today + timedelta(days=n) for n in range((last - today).days + 1)]
    return [day for day in days if is_working_day(day)]


def starts_at(day: date, clock: str) -> datetime:
    """The local start of a window, aware, so the daylight-saving change is right."""
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=AMSTERDAM)


def active_windows() -> list[CallbackWindow]:
    query = select(CallbackWindow).where(CallbackWindow.active.is_(True))
    return list(db.session.scalars(query.order_by(CallbackWindow.starts)))


def offered_windows(at: datetime | None = None) -> list[OfferedWindow]:
    """The windows a resident may choose now, in order of time."""
    moment = local(at or now())
    days = offer_days(moment.date())
    windows = active_windows()
    bookings = db.session.scalars(select(WindowBooking).where(WindowBooking.day.in_(days)))
    taken = {(row.day, row.window_id): row.taken for row in bookings}
    offered = []
    for day in days:
        for window in windows:
            free = window.capacity - taken.get((day, window.id), 0)
            if free > 0 and starts_at(day, window.starts) > moment:
                offered.append(OfferedWindow(day, window.id, window.starts, window.ends, free))
    return offered


def find_offered(value: str | None, at: datetime | None = None) -> OfferedWindow | None:
    """The offered window a form value names; None when it is not (or no longer) offered."""
    return next((w for w in offered_windows(at) if w.value == (value or "")), None)


def book_place(day: date, window: CallbackWindow) -> bool:
    """Take one place in the window on this day; False when it is full."""
    insert = dialect_insert()
    db.session.execute(
        insert(WindowBooking).values(day=day, window_id=window.id, taken=0).on_conflict_do_nothing()
    )
    result = db.session.execute(
        update(WindowBooking)
        .where(
            WindowBooking.day == day,
            WindowBooking.window_id == window.id,
            WindowBooking.taken < window.capacity,
        )
        .values(taken=WindowBooking.taken + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def take_window(offered: OfferedWindow) -> CallbackWindow:
    """Book a place in the chosen window, or raise WindowGone."""
    window = db.session.get(CallbackWindow, offered.window_id)
    if window is None or not window.active or not book_place(offered.day, window):
        raise WindowGone(WINDOW_GONE)
    return window


def parse_phone(text: str | None) -> str:
    """A Dutch or international number in E.164 ("+31612345678")."""
    if not (text or "").strip():
        raise CallbackError(_l("Vul uw telefoonnummer in."))
    number = phone.e164(text)
    if number is None:
        raise CallbackError(NOT_A_NUMBER)
    return number


def show_phone(e164: str) -> str:
    """A Dutch number the Dutch way, a foreign one with its country code."""
    return phone.show(e164)


def _clock(value: str) -> str:
    moment = time.fromisoformat(value)
    return _("%(hour)02d.%(minute)02d", hour=moment.hour, minute=moment.minute)


def window_words(day: date, starts: str, ends: str) -> str:
    """The window in words, in the current language."""
    return _(
        "%(day)s tussen %(start)s en %(end)s uur",
        day=format_date(day, "EEEE d MMMM"),
        start=_clock(starts),
        end=_clock(ends),
    )


def callback_window_words(callback: Callback) -> str:
    return window_words(callback.window_day, callback.window.starts, callback.window.ends)


def _facts() -> ProductFacts:
    """The catalogue's name, norm and team; ours when the catalogue does not list it."""
    try:
        return product_facts(PRODUCT_SLUG)
    except UnknownProduct:
        return ProductFacts(stored_text(_l("Terugbelverzoek")), NORM_WORKING_DAYS, TEAM)


def callback_for(case: Case) -> Callback | None:
    return db.session.scalars(select(Callback).where(Callback.case_id == case.id)).first()


def request_callback(
    *,
    topic: str,
    topic_name: str,
    note: str,
    phone: str,
    offered: OfferedWindow,
    party,
    actor,
    email: str | None,
    language: str | None,
    idempotency_key: str,
) -> Callback:
    """Book the window and make the case with its call-back. A retried send (the same key)
    gets the call-back it made before. Raises WindowGone when the window just went."""
    existing = get_case_by_key(idempotency_key)
    found = callback_for(existing) if existing is not None else None
    if found is not None:
        return found
    window = take_window(offered)
    with force_locale("nl"):
        answers = {
            "Onderwerp": topic_name,
            "Toelichting": note or "",
            "Telefoonnummer": show_phone(phone),
            "Tijdvak": window_words(offered.day, window.starts, window.ends),
        }
    case = create_case(
        product_slug=PRODUCT_SLUG,
        party=party,
        actor=actor,
        answers=answers,
        idempotency_key=idempotency_key,
        contact={"telefoon": phone, "email": email or None, "taal": language},
        facts=_facts(),
    )
    moment = now()
    callback = Callback(
        case_id=case.id,
        phone=phone,
        topic=topic[:100],
        window_day=offered.day,
        window_id=window.id,
        status=WAITING,
        created_at=moment,
        updated_at=moment,
        window_chosen_at=moment,
    )
    db.session.add(callback)
    db.session.flush()
    callback.window = window
    audit(case, "callback_requested", actor, {"day": offered.day.isoformat()})
    links.notify_requester(callback, case, "received")
    db.session.flush()
    return callback
