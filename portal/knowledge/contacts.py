"""Recording a contact (a call, a visit to the desk, a chat or an e-mail) and whether the
question was answered at once: the dashboard counts first-contact resolution from these rows.

A contact holds no personal data of the caller: the topic, the channel, what followed and the
number of the case or appointment it led to. The staff member's short note may say what the
caller wanted; long numbers (a BSN, a bank account) are taken out before it is stored.
Functions flush and never commit; the view commits the row and its audit event together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.auth.audit import record_event
from portal.catalog.search import LONG_NUMBER
from portal.extensions import db
from portal.knowledge.models import Contact

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CHANNELS = {
    "phone": _l("Telefoon"),
    "desk": _l("Balie"),
    "chat": _l("Chat"),
    "email": _l("E-mail"),
}
NONE, CASE, CALLBACK, APPOINTMENT = "none", "case", "callback", "appointment"
FOLLOW_UPS = {
    NONE: _l("Niets, de vraag is afgehandeld"),
    CASE: _l("Een zaak"),
    CALLBACK: _l("Een terugbelverzoek"),
    APPOINTMENT: _l("Een afspraak"),
}
NOTE_MAX = 300
# Case and call-back numbers (Z-2026-000123) and appointment numbers (A-2026-000045).
REFERENCE = re.compile(r"\A[AZ]-\d{4}-\d{6}\Z")


@dataclass(frozen=True)
class NewContact:
    channel: str
    topic: str
    team: str
    answered: bool
    follow_up: str = NONE
    follow_up_ref: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Day:
    """One staff member's contacts of one day, newest first, with the counts."""

    contacts: list[Contact]

    @property
    def total(self) -> int:
        return len(self.contacts)

    @property
    def answered(self) -> int:
        return sum(1 for contact in self.contacts if contact.answered_first_contact)

    @property
    def first_contact_percent(self) -> int | None:
        """Whole percent answered at first contact; None without contacts."""
        if not self.contacts:
            return None
        return round(100 * self.answered / self.total)

    def per_channel(self) -> dict[str, int]:
        counts = {code: 0 for code in CHANNELS}
        for contact in self.contacts:
            counts[contact.channel] = counts.get(contact.channel, 0) + 1
        return counts


def now() -> datetime:
    """Naive UTC, as stored; a function so tests can move the clock."""
    return datetime.now(UTC).replace(tzinfo=None)


def without_numbers(text: str | None) -> str:
    """The text with long numbers and control characters taken out, spaces tidied."""
    printable = "".join(char if char.isprintable() else " " for char in (text or ""))
    return " ".join(LONG_NUMBER.sub(" ", printable).split())


def normal_reference(text: str | None) -> str | None:
    """A case or appointment number in its usual form; None when it is not one."""
    value = (text or "").strip().upper()
    return value if REFERENCE.match(value) else None


def record(new: NewContact, principal) -> Contact:
    """Store the contact and audit it (the note stays out of the audit trail)."""
    if new.channel not in CHANNELS or new.follow_up not in FOLLOW_UPS:
        raise ValueError("unknown channel or follow-up")
    contact = Contact(
        channel=new.channel,
        topic=new.topic[:120],
        team=(new.team or "")[:100],
        answered_first_contact=new.answered,
        follow_up=new.follow_up,
        follow_up_ref=normal_reference(new.follow_up_ref),
        note=without_numbers(new.note)[:NOTE_MAX] or None,
        staff_ref=principal.staff_id or principal.display_name,
        staff_name=principal.display_name or "",
        created_at=now(),
    )
    db.session.add(contact)
    db.session.flush()
    detail = (
        f"channel={contact.channel} answered={'yes' if new.answered else 'no'} "
        f"follow_up={contact.follow_up} ref={contact.follow_up_ref or '-'}"
    )
    record_event(
        "knowledge.contact_recorded", "allowed", principal, target=contact.topic, detail=detail
    )
    return contact


def day_bounds(day) -> tuple[datetime, datetime]:
    """The local day as naive UTC start (inclusive) and end (exclusive)."""
    start = datetime.combine(day, time.min, tzinfo=AMSTERDAM)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=AMSTERDAM)
    return (
        start.astimezone(UTC).replace(tzinfo=None),
        end.astimezone(UTC).replace(tzinfo=None),
    )


def local_today():
    return now().replace(tzinfo=UTC).astimezone(AMSTERDAM).date()


def contacts_of_day(staff_ref: str, day=None) -> Day:
    start, end = day_bounds(day or local_today())
    rows = db.session.scalars(
        select(Contact)
        .where(
            Contact.staff_ref == staff_ref, Contact.created_at >= start, Contact.created_at < end
        )
        .order_by(Contact.created_at.desc(), Contact.id.desc())
    )
    return Day(list(rows))
