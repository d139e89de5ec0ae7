"""Step-up: signing in again at a higher level of assurance, back to the same page.

A resident signed in at DigiD Basis who starts something that needs Substantieel is offered
to sign in again at that level. The sign-in start asks the broker for the level (`acr_values`,
see `views._authorize`), the callback returns to the page she came from, and her drafts stay
hers (they belong to her BSN, not to the session). Both ends are audited: the start with the
level she had and the level asked, the end with the level she got.
"""

from flask import url_for

from portal.auth.audit import record_event
from portal.auth.principal import Principal, meets_level

# In the cookie: two level names, nothing personal.
SESSION_KEY = "auth_step_up"
PERSONAL_DATA_LEVEL = {"digid": "midden"}


def level_needed(principal: Principal, level: str | None) -> str | None:
    """The level to sign in again at, or None when the principal's level is enough. DigiD
    Basis opens no personal data, so every page behind sign-in needs at least Midden."""
    floor = PERSONAL_DATA_LEVEL.get(principal.means)
    if floor and not meets_level(level or "", floor):
        level = floor
    if level and not meets_level(principal.level, level):
        return level
    return None


def step_up_url(principal: Principal, level: str, next_url: str) -> str:
    return url_for("auth.start", means=principal.means, next=next_url, niveau=level)


def started(session, principal: Principal | None, level: str) -> None:
    """Called as a sign-in starts with a level asked for by someone already signed in."""
    session.pop(SESSION_KEY, None)
    if principal is None or principal.is_staff or not level:
        return
    session[SESSION_KEY] = {"from": principal.level, "to": level}
    record_event("step_up", "started", principal=principal, detail=f"{principal.level}>{level}")


def finished(session, principal: Principal) -> None:
    """Called after a sign-in: audits whether a step-up reached the level asked for."""
    asked = session.pop(SESSION_KEY, None)
    if not isinstance(asked, dict):
        return
    wanted = str(asked.get("to", ""))
    result = "success" if meets_level(principal.level, wanted) else "too_low"
    detail = f"{asked.get('from', '')}>{wanted}:{principal.level}"
    record_event("step_up", result, principal=principal, detail=detail)
