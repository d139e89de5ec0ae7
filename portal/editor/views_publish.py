"""Seeing a version as a resident would, and taking it live: the preview at three widths,
the publish page (now or at a set time, with a change note), the second pair of eyes
(submit, approve, ask for changes) and withdrawing.

The inner preview is the only editor page another page may frame, and only the portal's
own pages: it carries X-Frame-Options SAMEORIGIN and frame-ancestors 'self'.
"""

from __future__ import annotations

import re

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.auth import current_principal
from portal.auth.audit import record_event
from portal.editor import publishing
from portal.editor import services as editor
from portal.editor.blueprints import bp
from portal.editor.diff import diff
from portal.editor.forms import ActionForm, PublishForm, ReviewForm, SubmitForm, WithdrawForm
from portal.editor.kinds.base import LOCALES
from portal.editor.models import APPROVED, CHANGES_ASKED, DRAFT, SUBMITTED
from portal.editor.validation import parse_datetime
from portal.editor.views import editors_only, item_or_404, kind_or_404
from portal.extensions import db
from portal.security import content_security_policy

WIDTHS = (375, 768, 1280)
BODY_TAG = re.compile(r"<body[^>]*>", re.IGNORECASE)


def _version_or_404(item, number: int | None):
    version = editor.version_by_number(item, number) if number else editor.newest_version(item)
    if version is None:
        abort(404)
    return version


@bp.get("/<kind_name>/<key>/voorbeeld")
@editors_only
def preview(kind_name: str, key: str):
    kind = kind_or_404(kind_name)
    item = item_or_404(kind, key)
    version = _version_or_404(item, request.args.get("versie", type=int))
    locale = request.args.get("taal", "nl")
    locale = locale if locale in LOCALES else "nl"
    db.session.commit()
    return render_template(
        "editor/preview.html",
        kind=kind,
        item=item,
        version=version,
        locale=locale,
        widths=WIDTHS,
        frame_url=url_for(
            "editor.preview_frame",
            kind_name=kind.name,
            key=key,
            number=version.number,
            locale=locale,
        ),
    )


@bp.get("/<kind_name>/<key>/voorbeeld/<int:number>/<locale>")
@editors_only
def preview_frame(kind_name: str, key: str, number: int, locale: str):
    kind = kind_or_404(kind_name)
    item = item_or_404(kind, key)
    version = _version_or_404(item, number)
    if locale not in LOCALES:
        abort(404)
    page = kind.preview(key, version.data, locale)
    banner = render_template("editor/_preview_banner.html", version=version)
    page = _with_banner(str(page), banner)
    response = make_response(page)
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Content-Security-Policy"] = content_security_policy().replace(
        "frame-ancestors 'none'", "frame-ancestors 'self'"
    )
    return response


def _with_banner(page: str, banner: str) -> str:
    """The banner as the first thing in the body, and the editor's style sheet for it."""
    style = render_template("editor/_preview_style.html")
    page = page.replace("</head>", f"{style}</head>", 1)
    match = BODY_TAG.search(page)
    if match is None:
        return banner + page
    return page[: match.end()] + banner + page[match.end() :]


def _moment(field, required: bool):
    """A typed local date and time as naive UTC; None when empty; puts an error on the field
    when it cannot be read (False is returned then)."""
    text = (field.data or "").strip()
    if not text:
        if required:
            field.errors = [_("Vul de datum en de tijd in. Bijvoorbeeld 24-12-2026 08:00.")]
            return False
        return None
    moment = parse_datetime(text)
    if moment is None:
        field.errors = [_("Vul een datum en tijd in zoals 24-12-2026 08:00.")]
        return False
    return editor.local_to_utc(moment)


def _publish_page(kind, item, version, form, status=200, submit_form=None):
    live = editor.live_version(item)
    principal = current_principal()
    return render_template(
        "editor/publish.html",
        kind=kind,
        item=item,
        version=version,
        live=live,
        rows=diff(live.data if live else None, version.data, kind),
        form=form,
        submit_form=submit_form,
        review_on=publishing.review_required(),
        can_publish=not publishing.review_required() or version.state == APPROVED,
        can_submit=version.state in (DRAFT, CHANGES_ASKED),
        is_author=version.author_ref == editor.author_of(principal)[0],
        submitted=version.state == SUBMITTED,
        already_live=live is not None and live.id == version.id,
    ), status


@bp.route("/<kind_name>/<key>/publiceren", methods=["GET", "POST"])
@editors_only
def publish(kind_name: str, key: str):
    kind = kind_or_404(kind_name)
    item = item_or_404(kind, key)
    number = request.args.get("versie", type=int)
    version = _version_or_404(item, number)
    form = PublishForm()
    if request.method == "GET":
        form.change_note.data = form.change_note.data or version.change_note or ""
        db.session.commit()
        return _publish_page(kind, item, version, form, submit_form=SubmitForm())
    if not form.validate_on_submit():
        return _publish_page(kind, item, version, form, 422, SubmitForm())
    later = form.moment.data == "later"
    at = _moment(form.publish_at, required=later) if later else None
    withdraw_at = _moment(form.withdraw_at, required=False)
    if at is False or withdraw_at is False:
        return _publish_page(kind, item, version, form, 422, SubmitForm())
    try:
        publishing.publish(
            item,
            version,
            form.change_note.data,
            current_principal(),
            at=at,
            withdraw_at=withdraw_at,
        )
    except editor.EditorError as error:
        db.session.rollback()
        item = item_or_404(kind, key)
        version = _version_or_404(item, number)
        if error.field is None:
            # Not a typing mistake: the rules or the kind refused (apply failed); audited.
            record_event(
                "editor.publish",
                "refused",
                principal=current_principal(),
                target=f"{kind.name}:{key}",
                detail=f"versie {version.number}: {error}",
            )
            db.session.commit()
        _field_error(form, error)
        return _publish_page(kind, item, version, form, 422, SubmitForm())
    db.session.commit()
    if at is None:
        flash(_("Gepubliceerd. Inwoners zien de nieuwe tekst nu."), "ok")
    else:
        flash(_("Gepland. De tekst gaat op het gekozen moment live."), "ok")
    return redirect(url_for("editor.edit", kind_name=kind.name, key=key))


def _field_error(form, error: editor.EditorError) -> None:
    if error.field and error.field in form:
        form[error.field].errors = [str(error)]
    else:
        form.form_errors.append(str(error))


@bp.post("/<kind_name>/<key>/aanbieden")
@editors_only
def submit(kind_name: str, key: str):
    kind = kind_or_404(kind_name)
    item = item_or_404(kind, key)
    number = request.args.get("versie", type=int)
    version = _version_or_404(item, number)
    submit_form = SubmitForm()
    if submit_form.validate_on_submit():
        try:
            publishing.submit(item, version, submit_form.change_note.data, current_principal())
        except editor.EditorError as error:
            _field_error(submit_form, error)
        else:
            db.session.commit()
            flash(_("Aangeboden. Een andere redacteur beoordeelt de wijziging."), "ok")
            return redirect(url_for("editor.edit", kind_name=kind.name, key=key))
    db.session.rollback()
    return _publish_page(kind, item, version, PublishForm(formdata=None), 422, submit_form)


@bp.route("/<kind_name>/<key>/beoordelen/<int:number>", methods=["GET", "POST"])
@editors_only
def review(kind_name: str, key: str, number: int):
    kind = kind_or_404(kind_name)
    item = item_or_404(kind, key)
    version = _version_or_404(item, number)
    form = ReviewForm()
    status = 200
    if form.validate_on_submit():
        principal = current_principal()
        try:
            if form.decision.data == "approve":
                publishing.approve(item, version, principal)
            elif form.decision.data == "changes":
                publishing.ask_changes(item, version, form.review_note.data, principal)
            else:
                raise editor.EditorError(_("Kies goedkeuren of terugsturen."), "decision")
        except editor.EditorError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            db.session.commit()
            flash(_("Uw oordeel is opgeslagen."), "ok")
            return redirect(url_for("editor.review_queue"))
    if form.errors or form.form_errors:
        status = 422
    live = editor.live_version(item)
    db.session.commit()
    return render_template(
        "editor/review.html",
        kind=kind,
        item=item,
        version=version,
        form=form,
        rows=diff(live.data if live else None, version.data, kind),
        is_author=version.author_ref == editor.author_of(current_principal())[0],
    ), status


@bp.route("/<kind_name>/<key>/intrekken", methods=["GET", "POST"])
@editors_only
def withdraw(kind_name: str, key: str):
    kind = kind_or_404(kind_name)
    if not kind.can_withdraw:
        abort(404)
    item = item_or_404(kind, key)
    form = WithdrawForm()
    if form.validate_on_submit():
        later = form.moment.data == "later"
        at = _moment(form.withdraw_at, required=True) if later else None
        if at is not False:
            try:
                publishing.withdraw(item, current_principal(), at=at)
            except editor.EditorError as error:
                db.session.rollback()
                item = item_or_404(kind, key)
                _field_error(form, error)
            else:
                db.session.commit()
                flash(
                    _("De tekst staat niet meer op de website.")
                    if at is None
                    else _("Gepland. De tekst gaat op het gekozen moment van de website."),
                    "ok",
                )
                return redirect(url_for("editor.edit", kind_name=kind.name, key=key))
    status = 422 if form.errors or form.form_errors else 200
    db.session.commit()
    return render_template(
        "editor/withdraw.html", kind=kind, item=item, form=form, cancel_form=ActionForm()
    ), status


@bp.post("/<kind_name>/<key>/planning-annuleren")
@editors_only
def cancel_schedule(kind_name: str, key: str):
    kind = kind_or_404(kind_name)
    item = item_or_404(kind, key)
    if not ActionForm().validate_on_submit():
        abort(400)
    publishing.cancel_schedule(item, current_principal())
    db.session.commit()
    flash(_("De planning is geannuleerd."), "ok")
    return redirect(url_for("editor.edit", kind_name=kind.name, key=key))
