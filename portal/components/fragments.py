"""Parts of the layout that are the same for many requests, rendered once per process.

The header's account menu and the footer are on every page and cost more to render than
some pages' own content; they change only with the language and a few values (who is signed
in, the unread count, the current area). A kept part is stored under its template, the
language and exactly the values it is rendered with: the template may use nothing else that
varies per request. A CSRF token is never kept: the part holds a placeholder that every
request fills in with its own token.
"""

from __future__ import annotations

from collections.abc import Hashable

from flask import current_app
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

EXTENSION = "kept_fragments"
# A NUL cannot come out of a template's text or escaped values, so the placeholder only
# ever stands where csrf_token() was called.
CSRF_PLACEHOLDER = "\x00csrf-token\x00"
# Keys come from a small set (languages x areas x unread counts); a sign-in link per page
# address can add more, so the store is emptied when it grows past this.
MAX_KEPT = 2000


def kept_fragment(template: str, **values: Hashable) -> Markup:
    key = (template, str(get_locale()), tuple(sorted(values.items())))
    store: dict = current_app.extensions.setdefault(EXTENSION, {})
    html = store.get(key)
    if html is None:
        html = current_app.jinja_env.get_template(template).render(
            values, csrf_token=lambda: CSRF_PLACEHOLDER
        )
        if len(store) >= MAX_KEPT:
            store.clear()
        store[key] = html
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, generate_csrf())
    return Markup(html)  # noqa: S704 (rendered by our autoescaping templates)
