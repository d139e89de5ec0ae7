"""Who may see a report's photos.

- Everyone: photos a handler approved for the public overview (`public_approved`).
- Staff with the role case_handler (or admin).
- Followers who came in through their follow link in this browser session: the follow page
  (`views_follow`) calls `remember_followed(report.id)`, which keeps the report's id in
  `session["followed_reports"]`. The session cookie is signed, so it cannot be forged.
- The signed-in party of the report's case (as in "Mijn zaken", mandates included).

Nobody else, so a photo's address reveals nothing. A draft's photos are only for the
browser session whose draft holds them (see `views_photos`).
"""

from __future__ import annotations

from collections.abc import Collection

from flask import session

from portal.cases.models import Case
from portal.cases.resident_services import case_for
from portal.extensions import db
from portal.reports.models import ReportPhoto

FOLLOWED_SESSION_KEY = "followed_reports"
# A browser session follows only a handful of reports; the cookie must stay small.
FOLLOWED_KEPT = 20


def followed_in_session() -> set[int]:
    """The ids of the reports this browser session opened through a follow link."""
    kept = session.get(FOLLOWED_SESSION_KEY)
    if not isinstance(kept, list):
        return set()
    return {item for item in kept if isinstance(item, int) and not isinstance(item, bool)}


def remember_followed(report_id: int) -> None:
    """Called by the follow page once the follow link checked out."""
    kept = [item for item in session.get(FOLLOWED_SESSION_KEY) or [] if item != report_id]
    session[FOLLOWED_SESSION_KEY] = [*kept, report_id][-FOLLOWED_KEPT:]


def may_view(photo: ReportPhoto, principal, followed: Collection[int] | None = None) -> bool:
    """`followed`: the report ids this session follows; by default read from the session."""
    if photo.public_approved:
        return True
    if principal is not None and principal.is_staff:
        return principal.has_role("case_handler")
    followed = followed_in_session() if followed is None else followed
    if photo.report_id in followed:
        return True
    if principal is None or principal.subject is None:
        return False
    case = db.session.get(Case, photo.report.case_id)
    return case is not None and case_for(principal, case.number) is not None
