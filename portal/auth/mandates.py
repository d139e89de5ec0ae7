"""Mandates as the represented person sees them: who acted for him, what they did (from the
audit trail), and the block he can set to end a mandate's use in the portal.

The broker decides whether a mandate exists; the portal only adds a way for the represented
person to say "not here any more". Rows are keyed by the audit trail's pseudonyms, so the
history is found without storing a BSN.
"""

from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.auth.audit import actor_of, record_event
from portal.auth.models import AuditEvent, MandateUse
from portal.auth.principal import Party, Principal
from portal.auth.pseudonym import pseudonym
from portal.extensions import db

HISTORY_LIMIT = 100
SEARCH_MAX = 100

# What the represented person reads for each audited action. Others: a general sentence.
ACTION_TEXTS = {
    "mandate.started": _l("Logde in om zaken voor u te regelen"),
    "mandate.used": _l("Gebruikte de machtiging voor: %(target)s"),
    "mandate.refused": _l("Wilde iets doen waar de machtiging niet voor geldt: %(target)s"),
    "mandate.blocked": _l("Wilde zaken voor u regelen, maar u had dat gestopt"),
    "mandate.switch_started": _l("Koos iemand anders om zaken voor te regelen"),
    "sign_in": _l("Logde in"),
    "cases.case_refused": _l("Wilde een zaak openen waar de machtiging niet voor geldt"),
    "access.level_too_low": _l("Was niet veilig genoeg ingelogd voor een pagina"),
    "access.wrong_means": _l("Was met het verkeerde middel ingelogd voor een pagina"),
    "mandate.switched_to_self": _l("Stopte met zaken voor u regelen en ging verder voor zichzelf"),
    "mandate_stopped": _l("Stopte met zaken voor u regelen"),
    "sign_out": _l("Logde uit"),
    "session.ended": _l("Werd automatisch uitgelogd"),
}
OTHER_ACTION = _l("Deed iets anders in MijnGemeente voor u")


def _now() -> datetime:
    return datetime.now(UTC)


def subject_ref(party: Party) -> str:
    """The audit trail's `acting_for` of a party (see `audit.acting_for_of`)."""
    return f"{party.kind}:{pseudonym(party.identifier)}"


def case_actor_of(principal: Principal) -> str:
    """The pseudonym a case stores for the representative (`cases.creation._actor_pseudonym`)."""
    identifier = principal.bsn or principal.acting_subject or principal.kvk
    return pseudonym(identifier) if identifier else ""


def _row_for(principal: Principal) -> MandateUse | None:
    return db.session.scalar(
        select(MandateUse).where(
            MandateUse.subject == subject_ref(principal.represented),
            MandateUse.actor == actor_of(principal),
        )
    )


def record_start(principal: Principal) -> MandateUse:
    """Remember that this representative acts for this party (at sign-in and at a switch)."""
    now = _now()
    values = {
        "case_actor": case_actor_of(principal),
        "representative_name": principal.display_name[:200],
        "services": list(principal.mandate_services),
        "last_used_at": now,
    }
    row = _row_for(principal)
    if row is None:
        row = MandateUse(
            subject=subject_ref(principal.represented),
            actor=actor_of(principal),
            first_used_at=now,
            blocked_at=None,
            **values,
        )
        try:
            with db.session.begin_nested():
                db.session.add(row)
            return row
        except IntegrityError:  # the same representative signed in twice at once
            row = _row_for(principal)
    for name, value in values.items():
        setattr(row, name, value)
    db.session.flush()
    return row


def is_blocked(principal: Principal | None) -> bool:
    if principal is None or not principal.acts_for_other:
        return False
    blocked = db.session.scalar(
        select(MandateUse.blocked_at).where(
            MandateUse.subject == subject_ref(principal.represented),
            MandateUse.actor == actor_of(principal),
        )
    )
    return blocked is not None


def refuse_blocked(principal: Principal, target: str) -> None:
    record_event("mandate.blocked", "refused", principal=principal, target=target)
    db.session.commit()


def representatives_of(party: Party) -> list[MandateUse]:
    return list(
        db.session.scalars(
            select(MandateUse)
            .where(MandateUse.subject == subject_ref(party))
            .order_by(MandateUse.last_used_at.desc(), MandateUse.id.desc())
        )
    )


def _own_row(party: Party, mandate_id: int) -> MandateUse | None:
    """The row, only when it concerns this party: an id alone opens nothing."""
    return db.session.scalar(
        select(MandateUse).where(
            MandateUse.id == mandate_id, MandateUse.subject == subject_ref(party)
        )
    )


def set_blocked(principal: Principal, mandate_id: int, blocked: bool) -> MandateUse | None:
    """The represented person ends (or allows again) a representative's use of the mandate."""
    row = _own_row(principal.subject, mandate_id)
    if row is None:
        record_event("mandate.block", "refused", principal=principal, target=str(mandate_id))
        db.session.commit()
        return None
    row.blocked_at = _now() if blocked else None
    action = "mandate.block" if blocked else "mandate.unblock"
    record_event(action, "success", principal=principal, target=row.actor[:120])
    db.session.commit()
    return row


def history(party: Party, limit: int = HISTORY_LIMIT) -> list[dict]:
    """What representatives did for this party, newest first, each with the name of who did it."""
    names = {row.actor: row.representative_name for row in representatives_of(party)}
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.acting_for == subject_ref(party))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return [
        {
            "at": event.at,
            "who": names.get(event.actor, ""),
            "what": describe(event),
            "refused": event.result == "refused",
        }
        for event in events
    ]


def describe(event: AuditEvent) -> str:
    text = ACTION_TEXTS.get(event.action)
    if text is None:
        return str(OTHER_ACTION)
    text = str(text)
    return text % {"target": service_names([event.target])} if "%(target)s" in text else text


def service_names(slugs) -> str:
    """The products a mandate covers, by the names the catalogue shows."""
    from portal.catalog.services import get_product

    names = []
    for slug in slugs:
        product = get_product(slug)
        names.append(product.name if product is not None else slug)
    return ", ".join(names)


def names_by_case_actor(party: Party) -> dict[str, str]:
    """Representatives' names by the pseudonym cases store, for "aangevraagd door ... namens u"."""
    return {
        row.case_actor: row.representative_name
        for row in representatives_of(party)
        if row.case_actor and row.representative_name
    }


def search(choices: list[dict], text: str) -> list[dict]:
    """The mandates whose name contains every word typed, in the broker's order."""
    words = text.casefold().split()
    return [c for c in choices if all(w in c["name"].casefold() for w in words)]


def choice(choices: list[dict], mandate_id: str) -> dict | None:
    return next((c for c in choices if c["id"] == mandate_id), None)


_NAMES_KEY = "mandate_names_by_case_actor"


def requested_by(case) -> str:
    """ "Sanne Bakker namens u" for the represented person's own view of a case a representative
    made; the stored label ("Sanne Bakker namens Henk Bakker") for anyone else."""
    from flask import g
    from flask_babel import gettext as _

    if case.actor_kind != "representative":
        return _("Uzelf")
    principal = g.get("principal")
    if principal is None or principal.acts_for_other or principal.subject is None:
        return case.actor_label
    if _NAMES_KEY not in g:
        g.setdefault(_NAMES_KEY, names_by_case_actor(principal.subject))
    name = g.get(_NAMES_KEY, {}).get(case.actor_pseudonym or "")
    return _("%(name)s namens u", name=name) if name else case.actor_label


def written_by(message) -> str:
    """Who wrote a message the resident's side sent: "U schreef", or the representative."""
    from flask import g
    from flask_babel import gettext as _

    principal = g.get("principal")
    if principal is None or principal.acts_for_other:
        return _("U schreef")
    # A representative's label names both ("Sanne Bakker namens Henk Bakker"); his own is his
    # name. Without his name from the register there is nothing to compare: "U schreef".
    label = message.sender_label
    if principal.display_name and label and label != principal.display_name:
        return _("%(name)s schreef", name=label)
    return _("U schreef")
