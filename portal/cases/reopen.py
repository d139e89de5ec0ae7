"""Opening a closed case again, when the resident says the result did not solve it.

    reopen_case(case, reason, actor) -> None

Used by reports ("het is niet opgelost"); a module of its own beside `portal.cases.handling`.
The area that offers reopening decides who may do it and until when; this module only
does what every reopened case needs: clear the result, record "in behandeling" again, give a
new expected date from the norm (the old one has passed, and the deadline check would call the
case late at once), write the audit trail and tell the team. Flushes, never commits.

The reason is the resident's own text: it is kept in the audit detail for the handler, never
in an e-mail (the team e-mail only says the case is open again).
"""

from flask_babel import lazy_gettext as _l

from portal.cases.creation import ProductFacts
from portal.cases.models import Case
from portal.cases.services import CaseError, _record_status, audit, notify_team, today
from portal.cases.texts import IN_PROGRESS
from portal.extensions import db

REASON_MAX = 1000


def reopen_case(case: Case, reason: str, actor) -> None:
    """Reopen a closed case with the resident's reason; `actor` as in `portal.cases.services`
    (a Principal, an object with `display_name`, or None for the system)."""
    if not case.is_closed:
        raise CaseError(_l("Deze zaak is nog niet afgerond."))
    reason = (reason or "").strip()
    if not reason:
        raise CaseError(_l("Schrijf op waarom het niet is opgelost."))
    if len(reason) > REASON_MAX:
        raise CaseError(_l("Uw uitleg is te lang. Gebruik maximaal 1000 tekens."))
    previous_result = case.result
    case.result = None
    case.result_reason = None
    case.closed_at = None
    case.deadline_notified = None
    facts = ProductFacts(case.product_name, case.norm_working_days, case.team, case.norm_weeks)
    case.expected_completion = facts.expected_completion(today())
    _record_status(case, IN_PROGRESS, None, actor)
    audit(case, "reopened", actor, {"previous_result": previous_result, "reason": reason})
    notify_team("case_reopened", case)
    db.session.flush()
