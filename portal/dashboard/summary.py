"""The weekly summary for team leaders: last week's key figures of their team, by e-mail
through the outbox (audience "team_lead", registered here).

Who gets it: the team's `lead_email` (functional administration) and every active staff
member with the role team_lead, a team and an e-mail address in the staff roster; the same
address once. The address is looked up again when the e-mail is sent, so a team leader who
left in between gets nothing.

Once per week, team and recipient: the outbox row's key is derived from those three, and the
key is unique in the outbox, so a second run (or a second worker) writes nothing new. The
figures are aggregates only; comments and anything about one resident stay on the dashboard.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

from flask import current_app
from flask_babel import force_locale, format_date
from sqlalchemy import select

from portal.administration.models import StaffMember, Team
from portal.dashboard.figures import compute
from portal.dashboard.filters import Filters, known_teams
from portal.dashboard.panels import number, percent
from portal.dashboard.periods import Period, period_args
from portal.extensions import db
from portal.notifications import outbox
from portal.notifications.audiences import Addressee, register_audience
from portal.notifications.models import OutboxEvent

AUDIENCE = "team_lead"
EVENT = "weekly_summary"
ROLE = "team_lead"


@dataclass(frozen=True)
class Lead:
    # "team:<slug>" (the team's lead_email) or "staff:<staff_id>" (a roster member)
    ref: str
    team: str
    address: str


def leads() -> list[Lead]:
    """Every team leader with an address, per team; one entry per team and address."""
    found: dict[tuple[str, str], Lead] = {}
    for team in db.session.scalars(select(Team).where(Team.active.is_(True))):
        if team.lead_email:
            found.setdefault(
                (team.slug, team.lead_email.lower()),
                Lead(f"team:{team.slug}", team.slug, team.lead_email),
            )
    for member in db.session.scalars(select(StaffMember).where(StaffMember.active.is_(True))):
        if ROLE in (member.roles or []) and member.team and member.email:
            found.setdefault(
                (member.team, member.email.lower()),
                Lead(f"staff:{member.staff_id}", member.team, member.email),
            )
    return sorted(found.values(), key=lambda lead: (lead.team, lead.ref))


def address_of(ref: str) -> str | None:
    kind, _, key = ref.partition(":")
    if kind == "team":
        team = db.session.scalar(select(Team).where(Team.slug == key))
        return team.lead_email if team is not None and team.active and team.lead_email else None
    if kind == "staff":
        member = db.session.scalar(select(StaffMember).where(StaffMember.staff_id == key))
        if member and member.active and ROLE in (member.roles or []) and member.email:
            return member.email
    return None


def _resolve(payload: dict) -> Addressee:
    address = address_of(str(payload.get("team_lead_id", "")))
    if address is None:
        return Addressee(None, skip_reason="no team leader address")
    return Addressee(address, "nl", payload.get("link"), params=dict(payload.get("figures", {})))


def row_key(week: Period, team: str, ref: str) -> str:
    return hashlib.sha256(f"dashboard-weekly:{week.iso_week}:{team}:{ref}".encode()).hexdigest()[
        :32
    ]


def dashboard_link(week: Period, team: str) -> str:
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    return f"{base}/medewerkers/dashboard/?{urlencode({**period_args(week), 'team': team})}"


def figures_for(team: str, week: Period, today: date, now: datetime) -> dict[str, str]:
    """The e-mail's placeholder values, worded in Dutch; a figure with nothing to count is
    left out, and so is the line that needs it."""
    names = known_teams()
    found = compute(Filters(week, team=team), today=today, now=now, team_names=names)
    goal = found.targets
    values = {
        "team": names.get(team, team),
        "week": str(week.start.isocalendar()[1]),
        "start": format_date(week.start, format="d MMMM"),
        "end": format_date(week.end, format="d MMMM y"),
        "mark": number(found.marks.average) if found.marks.count else None,
        "target_mark": number(goal.mark),
        "within_norm": percent(found.norms.percentage) if found.norms.with_norm else None,
        "target_within_norm": percent(goal.within_norm),
        "open": str(found.norms.open),
        "at_risk": str(found.norms.at_risk),
        "late": str(found.norms.late),
        "first_contact": percent(found.first_contact.percentage)
        if found.first_contact.total
        else None,
        "target_first_contact": percent(goal.first_contact),
        "callback_days": str(goal.callback_days),
        "callbacks": percent(found.callbacks.attempt_percentage)
        if found.callbacks.attempt_percentage is not None
        else None,
        "used": str(found.appointments.counts["used"]),
        "cancelled": str(found.appointments.counts["cancelled"]),
        "no_show": str(found.appointments.counts["no_show"]),
        "reports": str(found.reports.total),
    }
    if values["first_contact"] is None:
        values["target_first_contact"] = None  # its own line: without a figure, no target
    return {key: value for key, value in values.items() if value is not None}


def send_for_week(week: Period, *, today: date, now: datetime) -> int:
    """Write the summary of `week` for every team leader who has not had it; returns how
    many were written. Flushes; the caller commits."""
    written = 0
    figures: dict[str, dict] = {}
    with force_locale("nl"):
        for lead in leads():
            key = row_key(week, lead.team, lead.ref)
            if db.session.scalar(select(OutboxEvent.id).where(OutboxEvent.key == key)):
                continue
            if lead.team not in figures:
                figures[lead.team] = figures_for(lead.team, week, today, now)
            row = outbox.enqueue(
                EVENT,
                case=None,
                party=None,
                payload={
                    "recipient": AUDIENCE,
                    "team_lead_id": lead.ref,
                    "team": lead.team,
                    "week": week.iso_week,
                    "figures": figures[lead.team],
                    "link": dashboard_link(week, lead.team),
                    "language": "nl",
                },
            )
            # The outbox key is unique: derived from week, team and recipient it makes a
            # second summary for the same week impossible, also when two runs race.
            row.key = key
            db.session.flush()
            written += 1
    return written


def init_app() -> None:
    register_audience(AUDIENCE, _resolve)
