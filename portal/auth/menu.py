"""The account menu in the header: sign in for a visitor, the staff areas for staff, the
resident's own pages with the unread count. Kept per language and these values
(`portal.components.fragments`), so the header costs nearly nothing per page."""

from __future__ import annotations

from flask import current_app, request, url_for
from markupsafe import Markup

from portal.auth import staff_areas
from portal.auth.principal import Principal
from portal.components.fragments import kept_fragment

TEMPLATE = "components/account_nav.html"
# After signing in or out, "back to where you were" would lead in a circle.
NO_RETURN_FROM = ("auth.sign_in", "auth.signed_out")


def account_menu(principal: Principal | None, here: str) -> Markup:
    if principal is None:
        back = here if request.endpoint not in NO_RETURN_FROM else None
        sign_in_url = url_for("auth.sign_in", next=back)
        return kept_fragment(TEMPLATE, kind="visitor", sign_in_url=sign_in_url)
    if principal.is_staff:
        area = (request.endpoint or "").split(".")[0]
        areas = tuple(
            (item.endpoint, str(item.label), item.endpoint.split(".")[0] == area)
            for item in staff_areas.areas_for(principal)
        )
        return kept_fragment(TEMPLATE, kind="staff", areas=areas, name=principal.display_name)
    unread = current_app.jinja_env.globals.get("berichten_ongelezen")
    return kept_fragment(TEMPLATE, kind="resident", unread=unread() if unread else None)
