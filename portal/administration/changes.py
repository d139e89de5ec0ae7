"""Recording what the functional administrator changed: one audit event per changed value,
"admin.<what>" with the old and the new value ("old→new"), in the caller's transaction.

Values are staff data (names, norms, opening hours), never a resident's: no BSN reaches here.
"""

from sqlalchemy import select

from portal.auth.audit import record_event
from portal.auth.models import AuditEvent
from portal.auth.principal import Principal
from portal.extensions import db

# The audit detail holds 200 characters; each side gets a fair share.
_SIDE = 90
NOTHING = "—"


def shown(value) -> str:
    """A value as the audit trail shows it: lists joined, None as a dash, long text cut."""
    if value is None or value == "" or value == [] or value == ():
        text = NOTHING
    elif isinstance(value, bool):
        text = "ja" if value else "nee"
    elif isinstance(value, list | tuple):
        text = ",".join(str(item) for item in value)
    else:
        text = str(value)
    return text if len(text) <= _SIDE else text[: _SIDE - 1] + "…"


def record_change(principal: Principal, what: str, target: str, old, new) -> None:
    record_event(
        f"admin.{what}",
        "allowed",
        principal=principal,
        target=target,
        detail=f"{shown(old)}→{shown(new)}",
    )


def record_changes(principal: Principal, what: str, target: str, old: dict, new: dict) -> int:
    """One event per value that differs, "field: old→new"; returns how many changed."""
    changed = 0
    for key, value in new.items():
        if old.get(key) != value:
            record_event(
                f"admin.{what}",
                "allowed",
                principal=principal,
                target=target,
                detail=f"{key}: {shown(old.get(key))}→{shown(value)}",
            )
            changed += 1
    return changed


def recent(limit: int = 10) -> list[AuditEvent]:
    """The latest changes made in functional administration, newest first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.action.like("admin.%"), AuditEvent.result == "allowed")
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
