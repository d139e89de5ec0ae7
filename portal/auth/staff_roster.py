"""The municipality's own staff roster, for staff brokers that send no roles or no team.

Functional administration keeps the roster, but auth must not import it (administration
builds on auth). So the roster registers a lookup here (`ROSTER_LOOKUPS`) and sign-in asks
every lookup about the broker's subject.

The rules:
- The broker is the source when it sends something: its roles and its team are kept.
- The roster fills only what the broker left out: the roles when none came, the team when
  none came.
- A staff member the roster marks as inactive may not sign in, whatever the broker sends:
  marking someone inactive is the municipality saying "no longer", and a broker that has
  not caught up must not undo that.
- No roles after all this: the sign-in fails with "no_role".
"""

from collections.abc import Callable
from dataclasses import dataclass, replace

from portal.auth.claims import KNOWN_ROLES, ClaimError
from portal.auth.principal import Principal


@dataclass(frozen=True)
class RosterEntry:
    roles: tuple[str, ...]
    team: str | None
    active: bool


# Each lookup takes the broker's subject and returns the roster's entry, or None.
ROSTER_LOOKUPS: list[Callable[[str], RosterEntry | None]] = []


def register_lookup(lookup: Callable[[str], RosterEntry | None]) -> None:
    if lookup not in ROSTER_LOOKUPS:
        ROSTER_LOOKUPS.append(lookup)


def _entry_for(staff_id: str) -> RosterEntry | None:
    for lookup in ROSTER_LOOKUPS:
        entry = lookup(staff_id)
        if entry is not None:
            return entry
    return None


def complete(principal: Principal) -> Principal:
    """The staff principal with the roster's roles and team where the broker sent none.
    Raises ClaimError("no_role") for an inactive roster member or when no role is left."""
    entry = _entry_for(principal.staff_id) if principal.staff_id else None
    if entry is not None and not entry.active:
        raise ClaimError("no_role", "roster_inactive")
    if entry is not None:
        roles = principal.roles or tuple(sorted(r for r in set(entry.roles) if r in KNOWN_ROLES))
        principal = replace(principal, roles=roles, team=principal.team or entry.team)
    if not principal.roles:
        raise ClaimError("no_role", "roles")
    return principal


@dataclass(frozen=True)
class TeamMember:
    """A colleague in the roster, to assign a case to."""

    staff_id: str
    name: str
    email: str


# Each lookup takes a team and returns its active case handlers; registered like the above.
MEMBER_LOOKUPS: list[Callable[[str], list[TeamMember]]] = []


def register_members_lookup(lookup: Callable[[str], list[TeamMember]]) -> None:
    if lookup not in MEMBER_LOOKUPS:
        MEMBER_LOOKUPS.append(lookup)


def team_members(team: str) -> list[TeamMember]:
    """The roster's active case handlers of `team`; empty when no roster is kept."""
    found: dict[str, TeamMember] = {}
    for lookup in MEMBER_LOOKUPS:
        for member in lookup(team):
            found.setdefault(member.staff_id, member)
    return list(found.values())


def is_inactive(staff_id: str) -> bool:
    """The roster says this person may no longer work here."""
    entry = _entry_for(staff_id)
    return entry is not None and not entry.active
