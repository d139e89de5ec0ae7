"""Contact details: e-mail, phone, e-mail notifications and language, kept once per party.

The details belong to the party the actions concern (`principal.subject`): a representative
who may see the person's data also decides where that person's messages are announced.
A new e-mail address is used only after the link in the confirmation e-mail is followed.
"""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from portal.auth import current_principal
from portal.auth.access import sign_in_required
from portal.auth.audit import record_event
from portal.extensions import db
from portal.i18n import current_locale, remember_language
from portal.profile import mail, services
from portal.profile.forms import ConfirmEmailForm, ContactForm
from portal.ratelimits import limited
from portal.registries.access import mandate_refusal, mijn_gegevens_url

bp = Blueprint("profile", __name__)


def _form_for(party) -> ContactForm:
    form = ContactForm()
    if not form.is_submitted():
        contact = services.contact_for(party)
        if contact is not None:
            form.email.data = services.pending_email_for(party) or contact.email
            form.phone.data = contact.phone
            form.notify_by_email.data = contact.notify_by_email
        form.language.data = (contact.language if contact else "") or current_locale()
    return form


@bp.route("/mijn-gegevens/contact", methods=["GET", "POST"])
@limited("mail")
@sign_in_required(means=("digid", "eherkenning"), level="midden")
def contact_details():
    principal = current_principal()
    if refusal := mandate_refusal(principal):
        return refusal
    party = principal.subject
    form = _form_for(party)
    if form.validate_on_submit():
        to_confirm = services.save_contact(
            party,
            email=form.email.data or "",
            phone=form.phone.data or "",
            notify_by_email=form.notify_by_email.data,
            language=form.language.data,
        )
        if to_confirm:
            _send_confirmation(party, to_confirm)
        db.session.commit()
        from portal.profile import forget_kept_language  # the package imports this module

        forget_kept_language()
        if form.language.data:
            remember_language(form.language.data)
        notice = "bevestig-email" if to_confirm else "opgeslagen"
        return redirect(mijn_gegevens_url(principal, melding=notice) + "#melding")
    return render_template(
        "profile/contact.html",
        form=form,
        pending_email=services.pending_email_for(party),
        back_url=mijn_gegevens_url(principal),
    ), (422 if form.errors else 200)


@bp.post("/mijn-gegevens/contact/email-van-zaak/<number>")
@limited("mail")
@sign_in_required(means=("digid", "eherkenning"), level="midden")
def save_case_email(number: str):
    """The confirmation page of a request offers to keep the address typed in its form.
    The address is read from the case (the resident's own), never from the posted form."""
    from portal.cases.resident_services import case_for
    from portal.notifications.typed_address import address_for

    principal = current_principal()
    if principal.acts_for_other:
        # The represented person's profile is not hers to fill with her address.
        record_event("profile.case_email_refused", "refused", principal=principal, target=number)
        db.session.commit()
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    case = case_for(principal, number)
    email = address_for(case) if case is not None else None
    if email is None:
        abort(404)
    to_confirm = services.save_email(principal.subject, email)
    if to_confirm:
        _send_confirmation(principal.subject, to_confirm)
        flash(
            _(
                "Wij hebben een e-mail gestuurd naar %(email)s. Klik op de link in die e-mail. "
                "Dan bewaren wij het adres in uw profiel.",
                email=to_confirm,
            ),
            "ok",
        )
    else:
        flash(_("Dit e-mailadres staat al in uw profiel."), "ok")
    db.session.commit()
    return redirect(url_for("cases.case_detail", number=number), code=303)


def _send_confirmation(party, email: str) -> None:
    token = services.confirmation_token(party, email)
    # From settings, not from the request's Host header, which a client controls.
    public_url = current_app.config["PUBLIC_URL"].rstrip("/")
    mail.send_confirmation(party, email, public_url + url_for("profile.confirm_email", token=token))


@bp.route("/mijn-gegevens/email-bevestigen/<token>", methods=["GET", "POST"])
def confirm_email(token: str):
    """Opening the link shows a button; only pressing it confirms. Mail scanners open links
    on their own, and should not confirm an address for someone."""
    form = ConfirmEmailForm()
    if form.validate_on_submit():
        outcome = services.confirm_email(token)
        db.session.commit()
        if outcome is services.Confirmation.CONFIRMED:
            return render_template("profile/email_confirmed.html")
        problem = outcome
    else:
        problem = services.token_is_current(token)
    return render_template(
        "profile/confirm_email.html",
        token=token,
        problem=problem.value if problem else None,
        hours=current_app.config["EMAIL_CONFIRMATION_HOURS"],
    ), (400 if problem else 200)
