"""Contact details: e-mail, phone, e-mail notifications and language, kept once per party.

The details belong to the party the actions concern (`principal.subject`): a representative
who may see the person's data also decides where that person's messages are announced.
A new e-mail address is used only after the link in the confirmation e-mail is followed.
"""

from flask import Blueprint, current_app, redirect, render_template, url_for

from portal.auth import current_principal
from portal.auth.access import sign_in_required
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
            token = services.confirmation_token(party, to_confirm)
            # From settings, not from the request's Host header, which a client controls.
            public_url = current_app.config["PUBLIC_URL"].rstrip("/")
            link = public_url + url_for("profile.confirm_email", token=token)
            mail.send_confirmation(party, to_confirm, link)
        db.session.commit()
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
