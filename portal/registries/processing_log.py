"""The processing log (verwerkingenlogging): who looked at whose data, for whom, and why.

Only pseudonyms of data subjects are stored, never a BSN. A resident reads the entries about
them on "Wie heeft mijn gegevens bekeken"; `describe` turns an entry into plain words.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from portal.auth.pseudonym import pseudonym
from portal.extensions import db
from portal.registries import purposes
from portal.registries.models import ProcessingLogEntry

# The VNG standard leaves retention to the processing activity; we keep entries for two
# years so a resident can look back over a full period of permits and benefits.
RETENTION = timedelta(days=2 * 365)

FOUND = "gevonden"
NOT_FOUND = "niet-gevonden"
UNAVAILABLE = "storing"
REFUSED = "geweigerd"


def _actor(principal) -> tuple[str, str, str]:
    """(actor, kind, name) of the one who asks: a pseudonym, or the staff member's name."""
    if principal is None:
        return "systeem", "system", ""
    if principal.means == "staff":
        return principal.display_name, "staff", principal.display_name
    if principal.means == "eherkenning":
        who = principal.acting_subject or principal.kvk or ""
        return pseudonym(who), "company", principal.display_name
    name = principal.display_name if principal.acts_for_other else ""
    return pseudonym(principal.bsn or ""), "resident", name


def actor_key(principal) -> str:
    """How entries made by this principal name their actor: to recognise "U" when reading."""
    return _actor(principal)[0]


def record(
    *, subject: str, purpose: purposes.Purpose, register: str, outcome: str, principal
) -> ProcessingLogEntry:
    """Write one entry; `subject` is the data subject's identifier (pseudonymised here)."""
    actor, kind, name = _actor(principal)
    acting_for = ""
    if principal is not None and principal.acts_for_other:
        acting_for = pseudonym(principal.represented.identifier)
    entry = ProcessingLogEntry(
        occurred_at=datetime.now(UTC),
        subject=pseudonym(subject) if subject else "",
        actor=actor,
        actor_kind=kind,
        actor_name=name,
        acting_for=acting_for,
        purpose=purpose.code,
        register=register,
        outcome=outcome,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def entries_about(identifier: str, limit: int = 100) -> list[ProcessingLogEntry]:
    """The newest entries in which this person's data was actually seen."""
    query = (
        select(ProcessingLogEntry)
        .where(
            ProcessingLogEntry.subject == pseudonym(identifier),
            ProcessingLogEntry.outcome == FOUND,
        )
        .order_by(ProcessingLogEntry.occurred_at.desc(), ProcessingLogEntry.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class EntryText:
    occurred_at: datetime
    who: str
    why: str
    register: str


REGISTER_NAMES = {
    "brp": _l("Basisregistratie Personen (BRP)"),
    "kvk": _l("Handelsregister van de KVK"),
    "bag": _l("Basisregistratie Adressen en Gebouwen (BAG)"),
}


def _who(entry: ProcessingLogEntry, subject: str, subject_name: str, reader: str) -> str:
    whom = subject_name or _("u")
    if entry.actor_kind == "staff":
        return _("%(name)s, medewerker van de gemeente", name=entry.actor_name)
    if entry.actor_kind == "system":
        return _("De gemeente, automatisch")
    if reader and entry.actor == reader and entry.acting_for:
        return _("U, namens %(whom)s", whom=whom)
    if entry.actor == pseudonym(subject) or (reader and entry.actor == reader):
        return _("%(name)s zelf", name=subject_name) if subject_name else _("U zelf")
    if entry.acting_for:
        if entry.actor_name:
            return _("%(name)s, namens %(whom)s", name=entry.actor_name, whom=whom)
        return _("Iemand met een machtiging, namens %(whom)s", whom=whom)
    return entry.actor_name or _("Iemand anders")


def describe(
    entry: ProcessingLogEntry, subject: str, subject_name: str = "", reader: str = ""
) -> EntryText:
    """An entry in plain words. `subject` is whom the entry is about; give `subject_name` when
    someone else reads it (a representative), so "U zelf" becomes that person's name, and
    `reader` (`actor_key` of the one reading) so their own lookups say "U"."""
    purpose = purposes.BY_CODE.get(entry.purpose)
    return EntryText(
        occurred_at=entry.occurred_at,
        who=_who(entry, subject, subject_name, reader),
        why=str(purpose.description) if purpose else entry.purpose,
        register=str(REGISTER_NAMES.get(entry.register, entry.register)),
    )


def remove_expired(now: datetime | None = None) -> int:
    """Delete entries past the retention period; returns how many went."""
    cutoff = (now or datetime.now(UTC)) - RETENTION
    result = db.session.execute(
        delete(ProcessingLogEntry).where(ProcessingLogEntry.occurred_at < cutoff)
    )
    db.session.flush()
    return result.rowcount or 0
