"""Who may open what. Views declare it with a decorator; the rules are plain functions.

- Not signed in: to the sign-in page, and back to this page afterwards.
- Staff never reach resident pages; residents never reach staff pages.
- A level of assurance below the page's minimum: a page that explains and offers to sign in
  again at the right level.
- Acting for someone: only what the mandate covers; refusals are audited.
"""

from collections.abc import Callable
from functools import wraps

from flask import abort, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.auth.audit import record_event
from portal.auth.principal import (
    DIGID,
    EHERKENNING,
    STAFF,
    Principal,
    level_rank,
    meets_level,
)
from portal.auth.step_up import PERSONAL_DATA_LEVEL, level_needed, step_up_url
from portal.auth.texts import means_name
from portal.extensions import db

RESIDENT_MEANS = (DIGID, EHERKENNING)


def may_see_personal_data(principal: Principal | None) -> bool:
    """For pages open to everyone that fill in what the portal knows of a signed-in resident
    (contact details, the address, drafts): only at a level that opens personal data."""
    if principal is None or principal.is_staff:
        return False
    floor = PERSONAL_DATA_LEVEL.get(principal.means)
    return floor is None or meets_level(principal.level, floor)


def _sign_in_redirect(staff: bool = False):
    target = request.full_path if request.method == "GET" else request.path
    target = target.rstrip("?")
    endpoint = "auth.staff_sign_in" if staff else "auth.sign_in"
    params = {"next": target}
    if g.get("session_ended"):
        params["verlopen"] = "1"
    location = url_for(endpoint, **params)
    if request.headers.get("HX-Request"):
        response = make_response("", 204)
        response.headers["HX-Redirect"] = location
        return response
    return redirect(location)


def _refusal(template: str, status: int = 403, **context):
    return make_response(render_template(template, **context), status)


def _audit_refusal(principal: Principal, action: str, target: str) -> None:
    record_event(action, "refused", principal=principal, target=target)
    db.session.commit()


def record_mandate_use(principal: Principal, service: str) -> None:
    """Audit the first use of each mandated service in a session."""
    row = g.get("auth_row")
    if row is None or service in (row.used_services or []):
        return
    row.used_services = [*(row.used_services or []), service]
    record_event("mandate.used", "allowed", principal=principal, target=service)
    db.session.commit()


def refusal_for(
    principal: Principal | None,
    means: tuple[str, ...] = RESIDENT_MEANS,
    level: str | None = None,
    service: str | None = None,
):
    """None when the principal may go on; otherwise the response to send instead."""
    if principal is None:
        return _sign_in_redirect(staff=means == (STAFF,))
    if principal.is_staff and STAFF not in means:
        return _refusal("auth/refused_staff.html")
    if not principal.is_staff and STAFF in means and len(means) == 1:
        return _refusal("auth/refused_not_staff.html")
    if principal.means not in means:
        _audit_refusal(principal, "access.wrong_means", request.path)
        return _refusal(
            "auth/wrong_means.html", allowed=_(" of ").join(means_name(m) for m in means)
        )
    level = level_needed(principal, level)
    if level:
        # Not a dead end: the page offers to sign in again at this level, back to here.
        _audit_refusal(principal, "access.level_too_low", request.path)
        return _refusal(
            "auth/level_too_low.html",
            required=level,
            current=principal.level,
            retry_url=step_up_url(principal, level, request.full_path.rstrip("?")),
            rank=level_rank(level),
        )
    if service and not principal.covers(service):
        _audit_refusal(principal, "mandate.refused", service)
        return _refusal("auth/mandate_refused.html", service=service)
    if service and principal.acts_for_other:
        record_mandate_use(principal, service)
    return None


def require(
    means: tuple[str, ...] = RESIDENT_MEANS, level: str | None = None, service: str | None = None
) -> Principal:
    """For views that know the rule only after reading their input (a product's level)."""
    principal = g.get("principal")
    refusal = refusal_for(principal, means, level, service)
    if refusal is not None:
        abort(refusal)
    return principal


def sign_in_required(
    means: tuple[str, ...] = RESIDENT_MEANS,
    level: str | None = None,
    service: str | Callable[..., str] | None = None,
):
    """`service` is a mandate service name, or a function of the view's arguments."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            needed = service(**kwargs) if callable(service) else service
            require(means, level, needed)
            return view(*args, **kwargs)

        return wrapper

    return decorate


def staff_required(role: str | None = None):
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            principal = require((STAFF,))
            if role and not principal.has_role(role):
                _audit_refusal(principal, "access.role_missing", request.path)
                abort(_refusal("auth/role_missing.html", role=role))
            return view(*args, **kwargs)

        return wrapper

    return decorate
