"""Acting for someone: switching to oneself or to another mandate, and the represented
person's page of who acted for him, where he can end a mandate's use in the portal."""

from dataclasses import replace

from flask import current_app, g, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SearchField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from portal.auth import mandates, sessions
from portal.auth.access import require
from portal.auth.audit import record_event
from portal.auth.claims import MANDATE_ID_PATTERN
from portal.auth.views import SESSION_KEY, _authorize, bp
from portal.extensions import db


class SearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search changes nothing

    zoek = SearchField(
        _l("Zoek op naam"),
        validators=[
            Optional(),
            Length(max=mandates.SEARCH_MAX, message=_l("Typ hoogstens 100 tekens.")),
        ],
    )


class ChooseForm(FlaskForm):
    machtiging = HiddenField(
        validators=[DataRequired(), Regexp(MANDATE_ID_PATTERN.pattern)],
    )


class BlockForm(FlaskForm):
    gemachtigde = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9]{1,12}$")])


def _switch_session(principal) -> None:
    """A fresh session for the changed principal; the DigiD sign-in stays the proof of who
    she is, so the provider subject, ID token and mandate list carry over."""
    old = g.auth_row
    choices = sessions.mandates(old)
    language = session.get("lang")
    session.clear()
    # The CSRF token cached for this request belongs to the cleared session.
    g.pop("csrf_token", None)
    if language:
        session["lang"] = language
    session[SESSION_KEY] = sessions.start(
        principal, old.provider_subject, id_token=sessions.id_token(old), mandates=choices
    )
    session.permanent = True
    sessions.end(old)


@bp.post("/namens/mijzelf")
def act_for_self():
    principal = require()
    form = FlaskForm()
    if not form.validate_on_submit():
        return redirect(url_for("account.overview"))
    if principal.acts_for_other:
        record_event("mandate.switched_to_self", "success", principal=principal)
        own = replace(principal, represented=None, represented_name="", mandate_services=())
        _switch_session(own)
        db.session.commit()
    return redirect(url_for("account.overview"))


@bp.route("/namens/kiezen", methods=["GET", "POST"])
def choose_mandate():
    principal = require()
    choices = sessions.mandates(g.auth_row)
    search = SearchForm(request.args)
    query = (search.zoek.data or "").strip() if search.validate() else ""
    choose = ChooseForm()
    if request.method == "POST" and choose.validate_on_submit():
        chosen = mandates.choice(choices, choose.machtiging.data)
        if chosen is not None:
            record_event("mandate.switch_started", "success", principal=principal)
            db.session.commit()
            # Through the broker again: it checks the mandate and names the person.
            return _authorize(principal.means, mandate_id=chosen["id"])
        record_event("mandate.switch_started", "refused", principal=principal)
        db.session.commit()
    shown = mandates.search(choices, query)
    return render_template(
        "auth/choose_mandate.html",
        search=search,
        query=query,
        choices=shown,
        total=len(choices),
        choose=choose,
        broker_url=url_for("auth.start", means=principal.means),
    )


def _own_page_principal():
    """The represented person's own page: a representative acting for someone sees it not."""
    principal = require()
    if principal.acts_for_other:
        record_event("mandates.page", "refused", principal=principal, target=request.path)
        db.session.commit()
    return principal


@bp.get("/wie-regelt-zaken-voor-mij")
def representatives():
    principal = _own_page_principal()
    if principal.acts_for_other:
        return render_template("auth/representatives_not_for_you.html"), 403
    party = principal.subject
    return render_template(
        "auth/representatives.html",
        rows=mandates.representatives_of(party),
        history=mandates.history(party),
        form=BlockForm(),
        changed=session.pop("mandate_changed", None),
        service_names=mandates.service_names,
    )


@bp.post("/wie-regelt-zaken-voor-mij/<action>")
def set_mandate_block(action: str):
    principal = _own_page_principal()
    if principal.acts_for_other or action not in ("stoppen", "toestaan"):
        return render_template("auth/representatives_not_for_you.html"), 403
    form = BlockForm()
    if form.validate_on_submit():
        row = mandates.set_blocked(principal, int(form.gemachtigde.data), action == "stoppen")
        if row is not None:
            session["mandate_changed"] = action
    return redirect(url_for("auth.representatives"))


BLOCK_OPEN_ENDPOINTS = {
    "auth.act_for_self",
    "auth.sign_out",
    "auth.stop_acting",
    "auth.signed_out",
    "auth.extend",
    "static",
}


def refuse_blocked_mandate():
    """Before every request: a mandate the represented person ended takes effect now."""
    principal = g.get("principal")
    if principal is None or not principal.acts_for_other:
        return None
    if request.endpoint in BLOCK_OPEN_ENDPOINTS or not mandates.is_blocked(principal):
        return None
    mandates.refuse_blocked(principal, request.path)
    current_app.logger.info("mandate blocked: request refused")
    return render_template("auth/mandate_blocked.html"), 403
