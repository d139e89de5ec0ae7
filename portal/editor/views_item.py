"""One item in the editor: the edit page (Dutch and English side by side, the lock and
conflict warnings, the checks panel), its history, a comparison of two versions and
restoring an old version."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.auth import current_principal
from portal.editor import services as editor
from portal.editor.blueprints import bp
from portal.editor.diff import diff
from portal.editor.forms import ActionForm, data_from_form, edit_form, read_base_number
from portal.editor.kinds.base import LOCALES, ContentKind, Field
from portal.editor.locks import lock_holder, take_lock
from portal.editor.models import Item
from portal.editor.validation import form_name, validate
from portal.editor.versions import Invalid, restore, save_draft
from portal.editor.views import editors_only, endpoint_url, item_or_404, kind_or_404
from portal.extensions import db

ACTIONS = ("save", "preview", "publish")


@dataclass(frozen=True)
class FieldRow:
    spec: Field
    # (locale or None, the WTForms field)
    cells: list


def _rows(kind: ContentKind, form) -> tuple[list[FieldRow], list[FieldRow]]:
    facts = [FieldRow(f, [(None, form[form_name(f)])]) for f in kind.fields if not f.localized]
    texts = [
        FieldRow(f, [(locale, form[form_name(f, locale)]) for locale in LOCALES])
        for f in kind.fields
        if f.localized
    ]
    return facts, texts


def _checks_report(kind: ContentKind, data: dict):
    """The plain-language checks, when the checks module is there."""
    if importlib.util.find_spec("portal.editor.checks") is None:
        return None
    from portal.editor import checks

    return checks.check_item(kind, data)


def _read_only_facts(kind: ContentKind, key: str) -> list:
    """Facts functional administration keeps (team, norm): shown, never edited here."""
    reader = getattr(kind, "readonly_facts", None)
    return list(reader(key)) if reader else []


def _edit_page(kind, item, form, data, status=200, conflict=None, conflict_base=0):
    facts, texts = _rows(kind, form)
    checks_url = endpoint_url("editor.checks_live", kind=kind.name)
    return render_template(
        "editor/edit.html",
        kind=kind,
        item=item,
        form=form,
        fact_rows=facts,
        text_rows=texts,
        completeness=kind.completeness(data),
        read_only_facts=_read_only_facts(kind, item.key),
        holder=lock_holder(item, current_principal()),
        conflict=conflict,
        conflict_base=max(conflict_base, 0),
        newest=editor.newest_version(item),
        live=editor.live_version(item),
        report=_checks_report(kind, data),
        checks_url=checks_url,
        uses_htmx=bool(checks_url),
        resident_url=kind.resident_url(item.key) if item.live_state == "live" else None,
    ), status


@bp.route("/<kind_name>/<key>", methods=["GET", "POST"])
@editors_only
def edit(kind_name: str, key: str):
    kind = kind_or_404(kind_name)
    item = item_or_404(kind, key)
    principal = current_principal()
    if request.method == "GET":
        data = editor.current_data(kind, item)
        newest = editor.newest_version(item)
        take_lock(item, principal)
        db.session.commit()
        form = edit_form(kind, data, newest.number if newest else 0)
        return _edit_page(kind, item, form, data)

    form = edit_form(kind, None, 0, posted=True)
    data = data_from_form(kind, request.form)
    if not form.validate_on_submit():
        return _edit_page(kind, item, form, data, 422)
    action = request.form.get("action", "save")
    action = action if action in ACTIONS else "save"
    base_number = read_base_number(form)
    try:
        version = save_draft(item, data, base_number, principal)
    except editor.Conflict as conflict:
        db.session.rollback()
        item = item_or_404(kind, key)
        # Saving again keeps this editor's text as the newest version; the other one
        # stays in the history.
        form.base_number.data = str(conflict.number)
        _show_errors(form, validate(kind, key, data))
        return _edit_page(kind, item, form, data, 409, conflict, base_number)
    except Invalid as invalid:
        _show_errors(form, invalid.errors)
        return _edit_page(kind, item, form, data, 422)
    except editor.EditorError as error:
        form.form_errors.append(str(error))
        return _edit_page(kind, item, form, data, 422)
    db.session.commit()
    if action == "preview":
        return redirect(
            url_for("editor.preview", kind_name=kind.name, key=key, versie=version.number)
        )
    if action == "publish":
        return redirect(
            url_for("editor.publish", kind_name=kind.name, key=key, versie=version.number)
        )
    flash(_("Het concept is opgeslagen als versie %(number)s.", number=version.number), "ok")
    return redirect(url_for("editor.edit", kind_name=kind.name, key=key))


def _show_errors(form, errors: dict[str, str]) -> None:
    for name, message in errors.items():
        if name in form:
            form[name].errors = [message]
        else:
            form.form_errors.append(message)


@bp.get("/<kind_name>/<key>/geschiedenis")
@editors_only
def history(kind_name: str, key: str):
    kind = kind_or_404(kind_name)
    item = item_or_404(kind, key)
    db.session.commit()
    return render_template(
        "editor/history.html",
        kind=kind,
        item=item,
        versions=list(reversed(item.versions)),
        live=editor.live_version(item),
        compare_with=_compare_targets(item),
        form=ActionForm(),
    )


def _compare_targets(item: Item) -> dict[int, int]:
    """Per version, what "Vergelijk" shows it against: the live version, or the one before
    (for the live version itself and when nothing is live)."""
    live = editor.live_version(item)
    targets = {}
    for version in item.versions:
        if live is not None and version.number != live.number:
            targets[version.number] = live.number
        else:
            targets[version.number] = version.number - 1
    return targets


@bp.get("/<kind_name>/<key>/vergelijk")
@editors_only
def compare(kind_name: str, key: str):
    kind = kind_or_404(kind_name)
    item = item_or_404(kind, key)
    old_number = request.args.get("van", 0, type=int)
    new_number = request.args.get("naar", 0, type=int)
    new = editor.version_by_number(item, new_number)
    old = editor.version_by_number(item, old_number) if old_number else None
    if new is None or (old_number and old is None):
        abort(404)
    return render_template(
        "editor/compare.html",
        kind=kind,
        item=item,
        old=old,
        new=new,
        rows=diff(old.data if old else None, new.data, kind),
    )


@bp.post("/<kind_name>/<key>/versies/<int:number>/terugzetten")
@editors_only
def restore_version(kind_name: str, key: str, number: int):
    kind = kind_or_404(kind_name)
    item = item_or_404(kind, key)
    if editor.version_by_number(item, number) is None:
        abort(404)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        version = restore(item, number, current_principal())
    except editor.EditorError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("editor.history", kind_name=kind.name, key=key))
    db.session.commit()
    flash(
        _(
            "Versie %(old)s staat terug als concept (versie %(new)s). Publiceer het als het klopt.",
            old=number,
            new=version.number,
        ),
        "ok",
    )
    return redirect(url_for("editor.edit", kind_name=kind.name, key=key))
