"""The audit trail: sign-in, sign-out, failures, mandate use and refusals, staff actions.

Rows go into the current transaction (the caller commits, so an action and its audit row land
together). BSNs and KVK numbers are stored as pseudonyms; log lines carry the same pseudonyms.
"""

import logging
from datetime import UTC, datetime

from portal.auth.models import AuditEvent
from portal.auth.principal import Principal
from portal.auth.pseudonym import pseudonym
from portal.extensions import db

log = logging.getLogger("portal.audit")


def actor_of(principal: Principal | None) -> str:
    if principal is None:
        return ""
    if principal.is_staff:
        return f"staff:{principal.staff_id}"
    if principal.kvk:
        return f"kvk:{pseudonym(principal.kvk)}:{principal.acting_subject or ''}"[:80]
    if principal.bsn:
        return f"bsn:{pseudonym(principal.bsn)}"
    return ""


def acting_for_of(principal: Principal | None) -> str:
    if principal is None or principal.represented is None:
        return ""
    return f"{principal.represented.kind}:{pseudonym(principal.represented.identifier)}"


def record_event(
    action: str,
    result: str,
    principal: Principal | None = None,
    target: str | None = None,
    detail: str = "",
) -> AuditEvent:
    event = AuditEvent(
        at=datetime.now(UTC),
        action=action[:80],
        result=result[:40],
        means=principal.means if principal else "",
        actor=actor_of(principal),
        acting_for=acting_for_of(principal),
        target=(target or "")[:120],
        detail=detail[:200],
    )
    db.session.add(event)
    db.session.flush()
    log.info(
        "audit action=%s result=%s actor=%s acting_for=%s target=%s",
        event.action,
        event.result,
        event.actor,
        event.acting_for,
        event.target,
    )
    return event
