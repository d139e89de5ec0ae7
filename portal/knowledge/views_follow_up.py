"""Helping a caller further from a product page: "Zaak starten" and "Terugbelverzoek".

Each form carries a key made when it is first shown, so sending twice (a double click, the
back button) finds the case the first send made instead of making a second one. A new case
or call-back also records the contact, with what followed, and is audited; all in one
commit. The rules are in `portal.knowledge.follow_up`.
"""

from __future__ import annotations

import re
import secrets

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from wtforms import SelectChoice

from portal.auth import current_principal
from portal.auth.audit import record_event
from portal.cases.services import CaseError
from portal.catalog import services as catalog
from portal.components import phone as phones
from portal.extensions import db
from portal.knowledge import contacts, follow_up
from portal.knowledge.blueprints import bp
from portal.knowledge.forms import CallbackForm, CaseForm
from portal.knowledge.views import SLUG_MAX, kcc_only
from portal.questions import callbacks
from portal.questions import services as questions

_CALLBACK_KEY = re.compile(r"\A[A-Za-z0-9_-]{20,64}\Z")


def _product_or_404(slug: str) -> catalog.Product:
    found = catalog.get_product(slug) if len(slug) <= SLUG_MAX else None
    if found is None:
        abort(404)
    return found


def _caller(form) -> follow_up.Caller:
    return follow_up.Caller(
        name=form.name.data,
        email=form.email.data or "",
        phone=phones.tidy(form.phone.data) or "" if form.phone.data else "",
    )


def _done(product, started: follow_up.Started, kind: str, channel: str):
    """Record the contact for a new case, audit, commit, and back to the product."""
    principal = current_principal()
    case = started.case
    if started.new:
        contacts.record(
            contacts.NewContact(
                channel=channel,
                topic=product.slug,
                team=product.team,
                answered=False,
                follow_up=kind,
                follow_up_ref=case.number,
            ),
            principal,
        )
        record_event(f"knowledge.{kind}_started", "allowed", principal, target=case.number)
    db.session.commit()
    if kind == contacts.CASE:
        flash(_("Zaak %(number)s is gestart. Het team neemt contact op.", number=case.number), "ok")
    else:
        flash(_("Terugbelverzoek %(number)s is vastgelegd.", number=case.number), "ok")
    return redirect(url_for("knowledge.product", slug=product.slug), code=303)


def _form_page(template: str, product, form, **context):
    page = render_template(template, product=product, form=form, **context)
    return page, 422 if form.errors else 200


@bp.route("/product/<slug>/zaak", methods=["GET", "POST"])
@kcc_only
def start_case(slug: str):
    product = _product_or_404(slug)
    form = CaseForm()
    if not form.is_submitted():
        form.key.data = questions.new_key()
        return _form_page("knowledge/start_case.html", product, form)
    if not questions.is_key(form.key.data):
        form.key.data = questions.new_key()
    if form.validate_on_submit():
        try:
            started = follow_up.start_question(
                product.slug,
                form.question.data,
                _caller(form),
                form.answer_by.data,
                current_principal(),
                form.key.data,
            )
        except CaseError as refused:
            db.session.rollback()
            form.key.data = questions.new_key()
            form.form_errors.append(str(refused))
        else:
            return _done(product, started, contacts.CASE, form.channel.data)
    return _form_page("knowledge/start_case.html", product, form)


def _windows(form: CallbackForm) -> list[callbacks.OfferedWindow]:
    offered = callbacks.offered_windows()
    form.window.choices = [
        SelectChoice(w.value, w.words[:1].upper() + w.words[1:]) for w in offered
    ]
    return offered


@bp.route("/product/<slug>/terugbellen", methods=["GET", "POST"])
@kcc_only
def callback(slug: str):
    product = _product_or_404(slug)
    form = CallbackForm()
    offered = _windows(form)
    if not form.is_submitted():
        form.key.data = secrets.token_urlsafe(24)
        return _form_page("knowledge/callback.html", product, form, offered=offered)
    if not _CALLBACK_KEY.match(form.key.data or ""):
        form.key.data = secrets.token_urlsafe(24)
    valid = form.validate_on_submit()
    window = callbacks.find_offered(form.window.data)
    if form.window.data and window is None and not form.window.errors:
        form.window.errors = [str(callbacks.WINDOW_GONE)]
    if valid and window is not None:
        caller = _caller(form)
        caller = follow_up.Caller(caller.name, caller.email, phones.e164(form.phone.data) or "")
        try:
            started = follow_up.start_callback(
                product.slug,
                catalog.get_product(product.slug, locale="nl").name,
                form.note.data or "",
                caller,
                window,
                current_principal(),
                form.key.data,
            )
        except callbacks.WindowGone as gone:
            db.session.rollback()
            form.window.errors = [str(gone)]
            offered = _windows(form)
        else:
            return _done(product, started, contacts.CALLBACK, form.channel.data)
    if form.window.errors:
        form.window.data = None
    return _form_page("knowledge/callback.html", product, form, offered=offered)
