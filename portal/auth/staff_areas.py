"""Where staff work: each staff area registers the role it needs and its start page, so the
header shows a staff member exactly the areas their roles open, and sign-in lands on the
first of them (a webteam editor on the editor, not on a case queue they may not open)."""

from dataclasses import dataclass

from flask_babel import LazyString

from portal.auth.principal import Principal


@dataclass(frozen=True)
class StaffArea:
    role: str
    endpoint: str
    label: LazyString
    position: int


AREAS: list[StaffArea] = []


def register_area(role: str, endpoint: str, label: LazyString, position: int) -> None:
    if any(area.endpoint == endpoint for area in AREAS):
        return
    AREAS.append(StaffArea(role, endpoint, label, position))
    AREAS.sort(key=lambda area: area.position)


def areas_for(principal: Principal | None) -> list[StaffArea]:
    if principal is None or not principal.is_staff:
        return []
    return [area for area in AREAS if principal.has_role(area.role)]


def home_endpoint(principal: Principal) -> str:
    """The first area the staff member may open; the case queue when none is registered."""
    areas = areas_for(principal)
    return areas[0].endpoint if areas else "backoffice.queue"
