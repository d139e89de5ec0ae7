"""The resident's call-back request (/terugbellen), signed in or not; the confirmation; a
new window after two failed attempts, from Mijn zaken or from the link in the e-mail; and
the mark after the call for someone without an account.

The link pages (/terugbellen/nieuw-tijdvak/<token>) are never cached, send no Referer
outside this site and are not indexed; an altered or made-up link gets a B1 404 page.
"""

import re
import secrets

from flask import abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from portal.auth import current_principal
from portal.auth.access import record_mandate_use, sign_in_required
from portal.cases import resident_services as mine
from portal.cases.anonymous import anonymous_party
from portal.cases.extensions import CasePart
from portal.cases.forms import FeedbackForm
from portal.cases.services import get_case
from portal.catalog.services import list_products
from portal.extensions import db
from portal.i18n import current_locale
from portal.profile.services import contact_to_fill_in
from portal.questions import callback_handling as handling
from portal.questions import callback_links as links
from portal.questions import callbacks
from portal.questions.blueprints import resident
from portal.questions.callback_forms import CallbackForm, NewWindowForm
from portal.questions.callbacks import (
    NEW_WINDOW_NEEDED,
    PRODUCT_SLUG,
    CallbackError,
    WindowGone,
)
from portal.ratelimits import limited

SENT_KEY = "callback_sent"
_KEY = re.compile(r"\A[A-Za-z0-9_-]{20,64}\Z")
residents_only = sign_in_required(means=("digid", "eherkenning"), level="midden")


def _resident():
    principal = current_principal()
    return principal if principal is not None and not principal.is_staff else None


def _topics() -> list[SelectChoice]:
    products = [p for p in list_products() if p.slug != PRODUCT_SLUG]
    return [
        SelectChoice("", _("Kies een onderwerp")),
        *(SelectChoice(p.slug, p.name) for p in products),
        SelectChoice(callbacks.OTHER_TOPIC, _("Iets anders")),
    ]


def _window_choices(form) -> list[callbacks.OfferedWindow]:
    offered = callbacks.offered_windows()
    form.window.choices = [SelectChoice(w.value, _window_label(w)) for w in offered]
    return offered


def _window_label(window: callbacks.OfferedWindow) -> str:
    return window.words[:1].upper() + window.words[1:]


def _request_page(form: CallbackForm, principal, status: int = 200):
    offered = _window_choices(form)
    page = render_template(
        "questions/callback.html", form=form, signed_in=principal is not None, offered=offered
    )
    return page, status


@resident.route("/terugbellen", methods=["GET", "POST"])
@limited("callback")
def callback_request():
    principal = _resident()
    party = None
    if principal is not None:
        party = principal.subject if principal.covers(PRODUCT_SLUG) else principal.own_party
    form = CallbackForm()
    form.topic.choices = _topics()
    if principal is not None:
        del form.email
    if not form.is_submitted():
        form.key.data = secrets.token_urlsafe(24)
        contact = contact_to_fill_in(principal)
        form.phone.data = contact.phone if contact else ""
        return _request_page(form, principal)
    if not _KEY.match(form.key.data or ""):
        form.key.data = secrets.token_urlsafe(24)
    valid = form.validate()
    phone = None
    if form.phone.data and not form.phone.errors:
        try:
            phone = callbacks.parse_phone(form.phone.data)
        except CallbackError as error:
            form.phone.errors = [*form.phone.errors, str(error)]
    topic = dict((c.value, c.label) for c in form.topic.choices[1:]).get(form.topic.data)
    if form.topic.data and topic is None and not form.topic.errors:
        form.topic.errors = [*form.topic.errors, _("Kies waar uw vraag over gaat")]
    offered = callbacks.find_offered(form.window.data)
    if form.window.data and offered is None:
        form.window.errors = [*form.window.errors, str(callbacks.WINDOW_GONE)]
    if not valid or phone is None or topic is None or offered is None:
        if offered is None:
            form.window.data = None
        return _request_page(form, principal, 422)
    try:
        callback = callbacks.request_callback(
            topic=form.topic.data,
            topic_name=topic,
            note=form.note.data or "",
            phone=phone,
            offered=offered,
            party=party or anonymous_party(form.key.data, purpose="callback"),
            actor=principal,
            email=form.email.data if principal is None else None,
            language=current_locale(),
            idempotency_key=f"terugbelverzoek:{form.key.data}",
        )
    except WindowGone as error:
        db.session.rollback()
        form.window.errors = [*form.window.errors, str(error)]
        form.window.data = None
        return _request_page(form, principal, 422)
    if principal is not None and principal.acts_for_other:
        record_mandate_use(principal, PRODUCT_SLUG)
    session[SENT_KEY] = handling.case_of(callback).number
    db.session.commit()
    return redirect(url_for("questions.callback_sent"), code=303)


@resident.get("/terugbellen/verstuurd")
def callback_sent():
    case = get_case(session.get(SENT_KEY) or "")
    callback = callbacks.callback_for(case) if case is not None else None
    if callback is None:
        return redirect(url_for("questions.callback_request"))
    return render_template(
        "questions/callback_sent.html",
        case=case,
        callback=callback,
        window=callbacks.callback_window_words(callback),
        phone=callbacks.show_phone(callback.phone),
        email=links.contact_email(case) if links.is_anonymous(case) else None,
        signed_in=not links.is_anonymous(case) and _resident() is not None,
    )


# The link from the e-mail, for someone without an account.


def _private(body: str | Response, status: int = 200) -> Response:
    response = body if isinstance(body, Response) else Response(body, status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _link_page(callback, token: str, *, window_form=None, mark_form=None, status=200):
    case = handling.case_of(callback)
    window_form = window_form or NewWindowForm(formdata=None)
    offered = _window_choices(window_form) if callback.status == NEW_WINDOW_NEEDED else []
    body = render_template(
        "questions/callback_link.html",
        case=case,
        callback=callback,
        token=token,
        window=callbacks.callback_window_words(callback),
        window_form=window_form,
        mark_form=mark_form or FeedbackForm(formdata=None),
        offered=offered,
        needs_window=callback.status == NEW_WINDOW_NEEDED,
    )
    return _private(body, status)


def _unknown() -> Response:
    return _private(render_template("questions/callback_unknown.html"), 404)


@resident.route("/terugbellen/nieuw-tijdvak/<token>", methods=["GET", "POST"])
@limited("callback")
def callback_link(token: str):
    callback = links.callback_from_token(token)
    if callback is None:
        return _unknown()
    form = NewWindowForm()
    if not form.is_submitted():
        return _link_page(callback, token)
    error = _choose(callback, form, handling.link_actor())
    if error is None:
        db.session.commit()
        flash(_("Bedankt. Wij bellen u in het nieuwe tijdvak."), "ok")
        return _private(redirect(url_for("questions.callback_link", token=token), code=303))
    return _link_page(callback, token, window_form=form, status=422)


def _choose(callback, form: NewWindowForm, actor) -> str | None:
    """Book the new window; the error shown on the form otherwise."""
    if callback.status != NEW_WINDOW_NEEDED:
        form.window.errors = [_("U heeft al een nieuw tijdvak gekozen. U hoeft niets te doen.")]
        return form.window.errors[0]
    if not form.validate():
        return form.window.errors[0] if form.window.errors else _("Probeer het opnieuw.")
    offered = callbacks.find_offered(form.window.data)
    try:
        if offered is None:
            raise WindowGone(callbacks.WINDOW_GONE)
        handling.choose_new_window(callback, offered, actor)
    except CallbackError as error:
        db.session.rollback()
        form.window.errors = [str(error)]
        form.window.data = None
        return str(error)
    return None


@resident.post("/terugbellen/nieuw-tijdvak/<token>/cijfer")
def callback_mark(token: str):
    callback = links.callback_from_token(token)
    if callback is None:
        return _unknown()
    form = FeedbackForm()
    if form.validate_on_submit():
        try:
            handling.give_mark(callback, int(form.mark.data), form.comment.data)
        except CallbackError as error:
            form.mark.errors = [*form.mark.errors, str(error)]
        else:
            db.session.commit()
            flash(_("Bedankt voor uw cijfer. Wij gebruiken het om beter te worden."), "ok")
            return _private(redirect(url_for("questions.callback_link", token=token), code=303))
    return _link_page(callback, token, mark_form=form, status=422)


# Mijn zaken: a signed-in resident chooses the new window at the case.


def _my_callback(number: str):
    principal = current_principal()
    case = mine.case_for(principal, number)
    callback = callbacks.callback_for(case) if case is not None else None
    if callback is None:
        abort(404)
    if principal.acts_for_other:
        record_mandate_use(principal, case.product_slug)
    return case, callback


@resident.route("/terugbellen/zaak/<number>/nieuw-tijdvak", methods=["GET", "POST"])
@limited("callback")
@residents_only
def callback_case_window(number: str):
    case, callback = _my_callback(number)
    form = NewWindowForm()
    if form.is_submitted():
        if _choose(callback, form, current_principal()) is None:
            db.session.commit()
            flash(_("Bedankt. Wij bellen u in het nieuwe tijdvak."), "ok")
            return redirect(url_for("cases.case_detail", number=number), code=303)
        status = 422
    else:
        status = 200
    offered = _window_choices(form) if callback.status == NEW_WINDOW_NEEDED else []
    page = render_template(
        "questions/callback_new_window.html",
        case=case,
        callback=callback,
        form=form,
        offered=offered,
        window=callbacks.callback_window_words(callback),
        needs_window=callback.status == NEW_WINDOW_NEEDED,
    )
    return page, status


def callback_part(case, principal, form=None) -> CasePart | None:
    """Registered for the product "terugbelverzoek": the window and, after two failed
    attempts, the way to choose a new one."""
    callback = callbacks.callback_for(case)
    if callback is None:
        return None
    context = {
        "callback": callback,
        "window": callbacks.callback_window_words(callback),
        "phone": callbacks.show_phone(callback.phone),
        "needs_window": callback.status == NEW_WINDOW_NEEDED,
    }
    return CasePart("questions/callback_case_part.html", context)
