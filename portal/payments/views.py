"""Payment pages: the resident's payment page (where the provider sends her back), paying
again, the provider's webhook, and the back office's list of payments.

The webhook is the one form without CSRF: the provider cannot know our token. It trusts
nothing it is sent except as an id to ask the provider about, and it always answers 200 with
an empty body, whether the id is known or not.
"""

from flask import Blueprint, abort, redirect, render_template, request, url_for

from portal.auth.access import require, staff_required
from portal.auth.audit import record_event
from portal.auth.principal import DIGID, EHERKENNING
from portal.extensions import csrf, db
from portal.payments import services, texts
from portal.ratelimits import limited

bp = Blueprint("payments", __name__)


def _own_payment(token: str):
    """The signed-in party's own payment; anything else is 404, and audited."""
    from portal.requests.services import draft_for

    principal = require((DIGID, EHERKENNING))
    payment = services.by_token(token)
    if payment is None or draft_for(principal, payment.draft_token) is None:
        record_event("payments.page", "refused", principal, target=token[:40])
        db.session.commit()
        abort(404)
    return payment, principal


def _confirmation(payment):
    return redirect(
        url_for("requests.confirmation", slug=payment.product_slug, token=payment.draft_token)
    )


@bp.get("/betalen/<token>")
def status(token: str):
    from portal.catalog.services import get_product

    payment, _principal = _own_payment(token)
    services.refresh(payment)
    db.session.commit()
    if payment.case_number and not payment.refunds:
        return _confirmation(payment)
    product = get_product(payment.product_slug)
    return render_template(
        "payments/status.html",
        payment=payment,
        product=product,
        amount=texts.amount(payment.amount_cents),
        heading=texts.HEADINGS[payment.status],
        explanation=texts.EXPLANATIONS[payment.status],
        may_pay_again=payment.status != services.PAID,
    )


@bp.post("/betalen/<token>/opnieuw")
def pay_again(token: str):
    from portal.catalog.services import get_product

    # CSRFProtect checks this form's token, as for every form but the webhook.
    payment, principal = _own_payment(token)
    services.refresh(payment)
    if payment.status == services.PAID:
        db.session.commit()
        return redirect(url_for("payments.status", token=payment.token), code=303)
    if not payment.pending:  # forgotten after a day: check the answers and send them again
        db.session.commit()
        check = url_for("requests.check", slug=payment.product_slug, token=payment.draft_token)
        return redirect(check, code=303)
    try:
        new = services.pay_again(payment, get_product(payment.product_slug), principal)
    except services.PaymentUnavailable:
        db.session.commit()
        return render_template("payments/unavailable.html", payment=payment), 503
    db.session.commit()
    return redirect(new.checkout_url, code=303)


@bp.post("/betalen/webhook")
@limited("webhook")
@csrf.exempt
def webhook():
    services.handle_webhook((request.form.get("id") or "").strip())
    db.session.commit()
    return "", 200


@bp.get("/medewerkers/betalingen")
@staff_required(role="case_handler")
def office_list():
    return render_template(
        "payments/office_list.html",
        payments=services.recent(),
        status_labels=texts.STATUS_LABELS,
        refund_labels=texts.REFUND_LABELS,
        refund_reasons=texts.REFUND_REASONS,
        amount=texts.amount,
    )
