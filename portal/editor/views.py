"""The webteam's workspace, under /medewerkers/redactie (role editor): the start page, the
list per content kind, a new item and the queue of changes waiting for a second pair of
eyes. Editing, history and publishing are in views_item.py and views_publish.py.

Every page works without JavaScript; every change is a POST with a CSRF token, made by a
service that audits it, and the request commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.routing import BuildError

from portal.auth import current_principal
from portal.auth.access import staff_required
from portal.editor import kinds
from portal.editor import services as editor
from portal.editor.blueprints import bp
from portal.editor.forms import NewItemForm, clean
from portal.editor.kinds.base import ContentKind
from portal.editor.models import Item
from portal.editor.publishing import review_required
from portal.extensions import db

editors_only = staff_required(role="editor")
SEARCH_MAX = 100
TITLE_MAX = 200


def endpoint_url(endpoint: str, **values) -> str | None:
    """The URL of an endpoint another helper may not have added yet; None when it is not
    there, so a page links to the checks report and jargon list only when they exist."""
    if endpoint not in current_app.view_functions:
        return None
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def kind_or_404(name: str) -> ContentKind:
    kind = kinds.get(name)
    if kind is None:
        abort(404)
    return kind


def item_or_404(kind: ContentKind, key: str) -> Item:
    if len(key) > editor.KEY_MAX + 40 or "\x00" in key:
        abort(404)
    item = editor.open_item(kind, key)
    if item is None:
        abort(404)
    return item


@dataclass(frozen=True)
class ListRow:
    key: str
    title: str
    statuses: list[str]
    updated_at: datetime | None


@bp.get("/")
@editors_only
def home():
    principal = current_principal()
    items_by_kind = {kind.name: editor.items_of(kind) for kind in kinds.ordered()}
    overview = [
        (
            kind,
            len(kind.list_live()),
            sum("draft" in editor.statuses(i) for i in items_by_kind[kind.name].values()),
        )
        for kind in kinds.ordered()
    ]
    return render_template(
        "editor/home.html",
        overview=overview,
        my_drafts=editor.my_drafts(principal),
        waiting=editor.waiting_for_review(),
        scheduled=editor.scheduled(),
        review_on=review_required(),
        attention_url=endpoint_url("editor.attention"),
        jargon_url=endpoint_url("editor.jargon"),
        kinds=kinds.KINDS,
    )


def _rows(kind: ContentKind, query: str) -> list[ListRow]:
    items = editor.items_of(kind)
    rows = []
    for entry in kind.list_live():
        item = items.pop(entry.key, None)
        rows.append(
            ListRow(
                entry.key,
                item.title if item else entry.title,
                editor.statuses(item, entry.published),
                item.updated_at if item else entry.updated_at,
            )
        )
    # Items that never went live (new FAQ answers, notices) are not in the live list.
    rows += [ListRow(i.key, i.title, editor.statuses(i), i.updated_at) for i in items.values()]
    if query:
        needle = query.casefold()
        rows = [r for r in rows if needle in r.title.casefold() or needle in r.key.casefold()]
    return sorted(rows, key=lambda r: r.title.casefold())


@bp.get("/<kind_name>")
@editors_only
def item_list(kind_name: str):
    kind = kind_or_404(kind_name)
    query = clean(request.args.get("zoek", ""))[:SEARCH_MAX]
    return render_template("editor/list.html", kind=kind, rows=_rows(kind, query), query=query)


@bp.route("/<kind_name>/nieuw", methods=["GET", "POST"])
@editors_only
def new_item(kind_name: str):
    kind = kind_or_404(kind_name)
    if not kind.can_create:
        abort(404)
    form = NewItemForm()
    if not kind.key_from_title:
        form.key.flags.optional = False
        form.key.description = _("Kleine letters, cijfers en streepjes, bijvoorbeeld afval-pasjes.")
    if form.validate_on_submit():
        item = _create(kind, form)
        if item is not None:
            db.session.commit()
            flash(_("%(title)s is gemaakt. Schrijf nu de tekst.", title=item.title), "ok")
            return redirect(url_for("editor.edit", kind_name=kind.name, key=item.key))
    status = 422 if form.errors else 200
    return render_template("editor/new.html", kind=kind, form=form), status


def _create(kind: ContentKind, form: NewItemForm) -> Item | None:
    title = clean(form.title.data)
    if not title or len(title) > TITLE_MAX or "<" in title:
        form.title.errors = [
            _("Vul een titel in van maximaal %(max)s tekens, zonder < of >.", max=TITLE_MAX)
        ]
        return None
    typed = clean(form.key.data).lower()
    key = typed or (editor.slugify(title) if kind.key_from_title else "")
    problem = editor.key_problem(kind, key)
    if problem:
        (form.key if typed or not kind.key_from_title else form.title).errors = [problem]
        return None
    item = editor.open_item(kind, key, create=True)
    item.title = title
    editor.audit("create", item, current_principal(), title[:150])
    return item


@bp.get("/beoordelen")
@editors_only
def review_queue():
    principal = current_principal()
    own_ref = editor.author_of(principal)[0]
    return render_template(
        "editor/review_queue.html",
        waiting=editor.waiting_for_review(),
        own_ref=own_ref,
        review_on=review_required(),
        kinds=kinds.KINDS,
    )
