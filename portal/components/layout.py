"""The parts of the layout (templates/base.html) that are the same on most pages: the links
in <head> and the site header. Both are kept (`portal.components.fragments`) per language
and the values in their key; a request fills in only its own address (where the language
links return to) and its account menu.

Rendered each time they cost more than some pages' own content: a dozen url_for calls,
texts looked up in the translations, and the language links.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import current_app
from markupsafe import Markup

from portal import static_files
from portal.components.fragments import kept_fragment
from portal.i18n import SUPPORTED_LANGUAGES, current_locale

# As werkzeug's url_for writes a query value, so the link is the same as before.
URL_SAFE = "!$'()*,/:;?@"


def page_head(uses_htmx: bool, signed_in: bool) -> Markup:
    """Style sheets, scripts and the icon: htmx only on pages that use it, the session's
    scripts only for someone signed in."""
    return kept_fragment(
        "components/page_head.html",
        htmx=bool(uses_htmx),
        signed_in=bool(signed_in),
        changed=static_files.changed_files(current_app),
    )


def site_header(account_menu: Markup, here: str) -> Markup:
    """The skip link and the header: home link, language links back to `here`, and the
    account menu (`portal.auth.menu`)."""
    return kept_fragment(
        "components/site_header.html",
        holes={"return_query": urlencode({"next": here}, safe=URL_SAFE), "account": account_menu},
        languages=SUPPORTED_LANGUAGES,
        current=current_locale(),
        changed=static_files.changed_files(current_app),
    )


def init_app(app) -> None:
    app.jinja_env.globals.update(page_head=page_head, site_header=site_header)
