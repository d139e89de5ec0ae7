"""After a report is closed: "het is niet opgelost" and the mark.

    reopen_until(report) -> date | None       the last day the reporter may reopen
    can_reopen(report) -> bool
    reopen_report(report, reason, *, follower=None, actor=None) -> ReportReopen
    give_mark(report, mark, comment, actor) -> Feedback

A closed report (afgehandeld or doorgestuurd) may be reopened by its reporter up to and
including REOPEN_DAYS calendar days after the day it was closed (in the municipality's time
zone): long enough to see whether the lamp burns again, short enough that an old report does
not come back for a new problem — that is a new report. The mark is the case's Feedback
(`portal.cases`), so reports count in the same satisfaction figures as every other case.

Who may do this is the caller's check: the follow-link view lets only the reporter's link
through, Mijn zaken only the party of the case. Functions flush, never commit.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from portal.cases.models import Feedback
from portal.cases.reopen import reopen_case
from portal.cases.resident_services import give_feedback
from portal.cases.services import CaseError, stored_text
from portal.extensions import db
from portal.reports.following import case_of, notify_followers
from portal.reports.models import Report, ReportFollower, ReportReopen, ReportStatus
from portal.reports.texts import CLOSED_STATUSES, DESCRIPTION_MAX, IN_PROGRESS, REOPEN_DAYS

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
REASON_MAX = DESCRIPTION_MAX


class ReopenError(ValueError):
    """Reopening or giving a mark is not possible; the message is B1 Dutch."""


@dataclass(frozen=True)
class LinkActor:
    """Who acted, for the case's history, when the reporter used the follow link and is not
    signed in: we know the role, not the person."""

    display_name: str
    means: str = "follow_link"
    acts_for_other: bool = False


def link_actor() -> LinkActor:
    return LinkActor(stored_text(_l("De melder (via de volglink)")))


def now() -> datetime:
    """Naive UTC, as stored; a function so tests can move the clock."""
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    return now().replace(tzinfo=UTC).astimezone(AMSTERDAM).date()


def is_closed(report: Report) -> bool:
    return not report.is_open and report.status in CLOSED_STATUSES


def reopen_until(report: Report) -> date | None:
    if not is_closed(report) or report.closed_at is None:
        return None
    closed_on = report.closed_at.replace(tzinfo=UTC).astimezone(AMSTERDAM).date()
    return closed_on + timedelta(days=REOPEN_DAYS)


def can_reopen(report: Report) -> bool:
    until = reopen_until(report)
    return until is not None and report.merged_into_id is None and today() <= until


def reopen_report(
    report: Report, reason: str, *, follower: ReportFollower | None = None, actor=None
) -> ReportReopen:
    """Open the report and its case again with the reporter's reason, and tell the followers.
    `actor` as in `portal.cases.services` (None: the reporter via the follow link)."""
    reason = (reason or "").strip()
    if not reason:
        raise ReopenError(_l("Schrijf op wat er niet is opgelost"))
    if len(reason) > REASON_MAX:
        raise ReopenError(_l("Uw uitleg is te lang. Gebruik maximaal 1000 tekens."))
    if not can_reopen(report):
        raise ReopenError(
            _l("Deze melding kan niet meer worden heropend. Maak een nieuwe melding.")
        )
    moment = now()
    case = case_of(report)
    # The back office closes the case with the report; should it not have, the case is still
    # open and there is nothing to reopen there.
    if case.is_closed:
        reopen_case(case, reason, actor or link_actor())
    report.is_open = True
    report.status = IN_PROGRESS
    report.closed_at = None
    report.reopened_count = (report.reopened_count or 0) + 1
    report.updated_at = moment
    # The reporter's reason is the note of this step; `page.timeline` shows it only to the
    # reporter, as it does the description.
    report.history.append(ReportStatus(status=IN_PROGRESS, note=reason, created_at=moment))
    reopening = ReportReopen(
        report_id=report.id,
        follower_id=follower.id if follower is not None else None,
        reason=reason,
        created_at=moment,
    )
    db.session.add(reopening)
    db.session.flush()
    notify_followers(report, "reopened")
    return reopening


def can_give_mark(report: Report) -> bool:
    case = case_of(report)
    return is_closed(report) and case.is_closed and case.feedback is None


def give_mark(report: Report, mark: int, comment: str | None, actor=None) -> Feedback:
    """The reporter's mark (1–10) with an optional comment, once per report."""
    try:
        return give_feedback(case_of(report), mark, comment or "", actor or link_actor())
    except CaseError as error:
        raise ReopenError(str(error)) from error
