"""The report category step's list of subjects, the same for everyone but the choice.
(The first step's form is kept with `portal.components.fragments`.)"""

from __future__ import annotations

from flask import render_template
from markupsafe import Markup, escape

from portal.catalog import cache
from portal.i18n import current_locale
from portal.reports.categories import subcategories


def category_options(selected: str | None) -> Markup:
    """The <optgroup>s of every subcategory for the category step's list, in this request's
    language, with `selected` chosen. Kept with the categories themselves (dropped when an
    editor changes one), since the list is the same for everyone but the choice."""
    locale = current_locale()
    html = cache.cached(f"report_category_options:{locale}", lambda: _render_options(locale))
    if selected:
        value = f' value="{escape(selected)}"'
        html = html.replace(f"{value}>", f"{value} selected>", 1)
    return Markup(html)  # noqa: S704 (rendered by our autoescaping template)


def _render_options(locale: str) -> str:
    groups: dict[str, list] = {}
    for category in subcategories(locale):
        groups.setdefault(category.group_name, []).append(category)
    return render_template("reports/_category_options.html", groups=list(groups.items()))
