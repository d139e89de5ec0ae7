"""Following a report. (Interface; implemented by the following work.)"""

from portal.reports.models import Report, ReportFollower


def add_follower(
    report: Report,
    *,
    role: str,
    email: str | None = None,
    phone: str | None = None,
    party=None,
) -> ReportFollower:
    """Add the reporter (role "reporter") or someone who follows a duplicate ("follower").
    `party` is the signed-in subject (`portal.auth.principal.Party`) or None. Flushes."""
    raise NotImplementedError


def follow_link(follower: ReportFollower) -> str:
    """The absolute, unguessable link that shows the report to this follower."""
    raise NotImplementedError


def notify_followers(report: Report, event: str) -> None:
    """Tell every follower with an e-mail address that the report changed. `event` is
    "status_changed", "closed", "merged" or "reopened". Writes outbox rows; flushes."""
    raise NotImplementedError
