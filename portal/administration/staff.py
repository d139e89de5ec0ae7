"""Staff and teams in the municipality's own roster.

The roster matters when the staff broker sends no roles or no team: sign-in then takes them
from here (`roster_entry`, registered with `portal.auth.staff_roster`). A staff member marked
inactive here cannot sign in at all. Teams are the ones cases, questions and reports are
routed to (`Product.team`, `ReportCategory.team`); a team's slug never changes, because those
rows refer to it.
"""

import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.administration.changes import record_change, record_changes
from portal.administration.models import StaffMember, Team
from portal.auth.claims import KNOWN_ROLES
from portal.auth.principal import Principal
from portal.auth.staff_roster import RosterEntry, TeamMember
from portal.cases.texts import TEAMS
from portal.catalog import cache
from portal.extensions import db

# The roles in Dutch, in the order of KNOWN_ROLES.
ROLE_LABELS = {
    "case_handler": _l("Behandelaar"),
    "editor": _l("Redacteur"),
    "kcc": _l("Klantcontact"),
    "team_lead": _l("Teamleider"),
    "admin": _l("Beheerder"),
}
assert tuple(ROLE_LABELS) == KNOWN_ROLES
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


class AdminError(ValueError):
    """A change that cannot be made; `message` is B1 Dutch, `field` the form field it is about."""

    def __init__(self, message, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


@dataclass(frozen=True)
class StaffValues:
    staff_id: str
    name: str
    email: str
    roles: tuple[str, ...]
    team: str | None
    active: bool


@dataclass(frozen=True)
class TeamValues:
    name: str
    email: str
    phone: str
    lead_email: str
    active: bool


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def is_slug(text: str, longest: int = 100) -> bool:
    """A slug from a URL that is worth looking up (a NUL byte would upset PostgreSQL)."""
    return len(text) <= longest and SLUG.fullmatch(text) is not None


def valid_id(row_id: int) -> bool:
    """Ids from a URL: a number no column holds is not looked up (PostgreSQL stops at 2**31)."""
    return 0 < row_id < 2**31


def by(principal: Principal) -> str:
    return (principal.display_name or principal.staff_id)[:200]


# --- Staff ----------------------------------------------------------------------------


def staff_members() -> list[StaffMember]:
    return list(db.session.scalars(select(StaffMember).order_by(StaffMember.name, StaffMember.id)))


def staff_member(member_id: int) -> StaffMember | None:
    return db.session.get(StaffMember, member_id) if valid_id(member_id) else None


def _staff_values(member: StaffMember) -> dict:
    return {
        "staff_id": member.staff_id,
        "name": member.name,
        "email": member.email,
        "roles": sorted(member.roles or []),
        "team": member.team,
    }


def save_staff(
    member: StaffMember | None, values: StaffValues, principal: Principal
) -> StaffMember:
    """Add a staff member (member None) or change one; audited per changed value."""
    taken = db.session.scalar(
        select(StaffMember.id).where(func.lower(StaffMember.staff_id) == values.staff_id.lower())
    )
    if taken is not None and (member is None or taken != member.id):
        raise AdminError(
            _l("Er staat al een medewerker met deze inlogcode in de lijst."), "staff_id"
        )
    new = {**asdict(values), "roles": sorted(values.roles)}
    active = new.pop("active")
    if member is None:
        member = StaffMember(**new, active=active, updated_at=now(), updated_by=by(principal))
        db.session.add(member)
        db.session.flush()
        summary = f"{values.name} ({','.join(new['roles']) or '-'}; {values.team or '-'})"
        record_change(principal, "staff_added", values.staff_id, None, summary)
        if not active:
            record_change(principal, "staff_deactivated", values.staff_id, True, False)
        return member
    old = _staff_values(member)
    changed = record_changes(principal, "staff_changed", values.staff_id, old, new)
    if member.active != active:
        what = "staff_activated" if active else "staff_deactivated"
        record_change(principal, what, values.staff_id, member.active, active)
        changed += 1
    if changed:
        for key, value in new.items():
            setattr(member, key, value)
        member.active = active
        member.updated_at, member.updated_by = now(), by(principal)
        db.session.flush()
    return member


def roster_entry(staff_id: str) -> RosterEntry | None:
    """The roster's roles and team for the broker's subject, for sign-in."""
    member = db.session.scalar(select(StaffMember).where(StaffMember.staff_id == staff_id[:200]))
    if member is None:
        return None
    return RosterEntry(tuple(member.roles or ()), member.team or None, member.active)


def team_members(team: str) -> list[TeamMember]:
    """The team's active case handlers in the roster, to assign a case to."""
    members = db.session.scalars(
        select(StaffMember)
        .where(StaffMember.team == team[:100], StaffMember.active.is_(True))
        .order_by(StaffMember.name, StaffMember.id)
    )
    return [
        TeamMember(member.staff_id, member.name, member.email)
        for member in members
        if "case_handler" in (member.roles or ())
    ]


# --- Teams ----------------------------------------------------------------------------


def teams() -> list[Team]:
    return list(db.session.scalars(select(Team).order_by(Team.name, Team.id)))


def team(team_id: int) -> Team | None:
    return db.session.get(Team, team_id) if valid_id(team_id) else None


def team_choices() -> list[tuple[str, str]]:
    """(slug, name) of every active team: the roster's, and the teams the portal has contact
    details for (`portal.cases.texts.TEAMS`) that the roster does not list yet."""
    rows = teams()
    listed = {row.slug for row in rows}
    choices = [(row.slug, row.name) for row in rows if row.active]
    with force_locale("nl"):
        choices += [(slug, str(t.name)) for slug, t in TEAMS.items() if slug not in listed]
    return sorted(choices, key=lambda choice: choice[1].lower())


def team_names() -> dict[str, str]:
    names = {slug: name for slug, name in team_choices()}
    names.update((row.slug, row.name) for row in teams())
    return names


def _team_values(row: Team) -> dict:
    return {
        "name": row.name,
        "email": row.email,
        "phone": row.phone,
        "lead_email": row.lead_email,
        "active": row.active,
    }


def add_team(slug: str, values: TeamValues, principal: Principal) -> Team:
    if db.session.scalar(select(Team.id).where(Team.slug == slug)) is not None:
        raise AdminError(_l("Er is al een team met deze code. Kies een andere code."), "slug")
    row = Team(slug=slug, **asdict(values), updated_at=now())
    db.session.add(row)
    db.session.flush()
    record_change(principal, "team_added", slug, None, f"{values.name} ({values.email or '-'})")
    cache.drop()  # the dashboard keeps the team names with the catalogue
    return row


def change_team(row: Team, values: TeamValues, principal: Principal) -> None:
    new = asdict(values)
    if record_changes(principal, "team_changed", row.slug, _team_values(row), new):
        for key, value in new.items():
            setattr(row, key, value)
        row.updated_at = now()
        db.session.flush()
        cache.drop()  # the dashboard keeps the team names with the catalogue


def load_demo_teams() -> bool:
    """The teams the portal routes to, with their contact details; never overwrites a row."""
    listed = set(db.session.scalars(select(Team.slug)))
    with force_locale("nl"):
        wanted = {slug: (str(t.name), t.email, t.phone) for slug, t in TEAMS.items()}
    wanted["webteam"] = ("Webteam", "webteam@voorbeeld.example", "14 0123")
    wanted["informatievoorziening"] = (
        "Team Informatievoorziening",
        "informatievoorziening@voorbeeld.example",
        "14 0123",
    )
    # The demo team leader (persona "teamleider") gets the weekly summary of her team.
    leads = {"burgerzaken": "lotte.bos@voorbeeld.example"}
    added = False
    for slug, (name, email, phone) in wanted.items():
        if slug in listed:
            continue
        lead = leads.get(slug, "")
        row = Team(slug=slug, name=name, email=email, phone=phone, lead_email=lead, active=True)
        row.updated_at = now()
        db.session.add(row)
        added = True
    db.session.flush()
    return added
