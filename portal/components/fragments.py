"""Parts of pages that are the same for many requests, rendered once per process.

The header's account menu and the footer are on every page and cost more to render than
some pages' own content; a report's first step is the same form for every visitor. A kept
part is stored under its key and the language; it is rendered with holes (`hole(name)`)
where a request's own values go (a CSRF token, what was typed, a signed time), and every
request fills them in, escaped, in one pass, so a value that happens to look like a hole
stays as typed. Only templates, translations, settings and the values in the key may shape a
part: what editors change goes through `portal.catalog.cache` instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping

from flask import current_app
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

EXTENSION = "kept_fragments"
# A NUL never comes out of a template's own text, so a hole only stands where it was put.
_HOLE = re.compile("\x00hole:([a-z_]+)\x00")
# Keys come from a small set (languages x areas x unread counts); a sign-in link per page
# address can add more, so the store is emptied when it grows past this.
MAX_KEPT = 2000

Value = str | Callable[[], str]


def hole(name: str) -> str:
    """The stand-in for the request's value `name` while the part is rendered."""
    return f"\x00hole:{name}\x00"


def filled(key: Hashable, render: Callable[[], str], **values: Value) -> Markup:
    """The part `key` in this request's language, rendered by `render` the first time, with
    `values` in its holes; a value that is a function is called only when its hole is there
    (a visitor's page without a form must not get a CSRF token and its cookie)."""
    store: dict = current_app.extensions.setdefault(EXTENSION, {})
    full_key = (key, str(get_locale()))
    pieces = store.get(full_key)
    if pieces is None:
        # Even places hold text, odd places the names of holes. Two threads may both render
        # the part the first time; they make the same pieces, and one assignment wins.
        pieces = _HOLE.split(str(render()))
        if len(store) >= MAX_KEPT:
            store.clear()
        store[full_key] = pieces
    html = "".join(
        piece if index % 2 == 0 else _escaped(values[piece]) for index, piece in enumerate(pieces)
    )
    return Markup(html)  # noqa: S704 (our autoescaping templates, and escaped values)


def _escaped(value: Value) -> str:
    return str(escape(value() if callable(value) else value))


def kept_fragment(
    template: str, holes: Mapping[str, Value] | None = None, **values: Hashable
) -> Markup:
    """`template` rendered with exactly `values` (its whole context) and kept; its
    csrf_token() calls become this request's token, and its `hole(name)` calls the value
    `holes[name]` (escaped; Markup stays as it is)."""

    def render() -> str:
        return current_app.jinja_env.get_template(template).render(
            values, csrf_token=lambda: hole("csrf"), hole=hole
        )

    return filled(
        (template, tuple(sorted(values.items()))), render, csrf=generate_csrf, **(holes or {})
    )
