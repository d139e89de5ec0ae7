"""The local test payment provider: a page of the portal itself, in development and tests only,
where one chooses how a payment ends (betaald, mislukt, geannuleerd, or leave it open).

Like Mollie it then calls the portal's webhook with only the transaction's id (a real HTTP
POST to the address the portal gave), and sends the person back to the portal. The webhook is
not trusted for anything: the portal asks this provider for the status, as it asks Mollie.
"""

import logging

import requests
from flask import Blueprint, abort, redirect, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice
from wtforms.validators import InputRequired

from portal.extensions import db
from portal.payments import texts
from portal.payments.models import TestTransaction

bp = Blueprint("testpayments", __name__, url_prefix="/test-betaalprovider")
log = logging.getLogger(__name__)

OUTCOMES = [
    SelectChoice("paid", _l("Betaald: de betaling lukt")),
    SelectChoice("failed", _l("Mislukt: de bank weigert de betaling")),
    SelectChoice("canceled", _l("Geannuleerd: ik stop met betalen")),
    SelectChoice("open", _l("Open laten: ik ga terug zonder te betalen")),
]


class OutcomeForm(FlaskForm):
    uitkomst = RadioField(
        _l("Hoe loopt de betaling af?"),
        choices=OUTCOMES,
        validators=[InputRequired(message=_l("Kies hoe de betaling afloopt."))],
    )


def call_webhook(transaction: TestTransaction) -> None:
    try:
        requests.post(transaction.webhook_url, data={"id": transaction.id}, timeout=5)
    except requests.RequestException:
        # Mollie retries; here the portal's own page asks again when the person returns.
        log.warning("test payment provider could not reach the webhook")


@bp.route("/<transaction_id>", methods=["GET", "POST"])
def checkout(transaction_id: str):
    transaction = db.session.get(TestTransaction, transaction_id)
    if transaction is None:
        abort(404)
    if transaction.status != "open":
        return redirect(transaction.redirect_url)
    form = OutcomeForm()
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template(
            "payments/test_checkout.html",
            transaction=transaction,
            amount=texts.amount(transaction.amount_cents),
            form=form,
        ), status
    if form.uitkomst.data != "open":
        transaction.status = form.uitkomst.data
        db.session.commit()
        call_webhook(transaction)
    return redirect(transaction.redirect_url, code=303)
