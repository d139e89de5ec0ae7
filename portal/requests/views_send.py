"""Checking and sending a request, and what comes after: the check-answers page with the
declaration, sending (or paying first, for a product with a fee), the confirmation page and
the receipt as PDF. Kept apart from the form steps (`views_steps`) because sending is where a
draft becomes a case or a payment; the blueprint and `Flow` are those of `views`.
"""

import io

from flask import abort, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import DataRequired

from portal.extensions import db
from portal.payments import services as payments
from portal.requests import hooks, prefill, services
from portal.requests.views import Flow, bp, flow_for


class DeclarationForm(FlaskForm):
    verklaring = BooleanField(
        validators=[DataRequired(message=_l("Vink het vakje aan. Dan kunt u versturen."))]
    )


def _check_sections(flow: Flow) -> list[dict]:
    """The summary with a change link on every answer the person gave (not on facts)."""
    sections = []
    for section in services.summary(flow.definition, flow.draft, flow.facts):
        change = flow.step_url(section["step"], terug="controleren")
        rows = [
            (row["label"], row["value"], None if row["fact"] else change) for row in section["rows"]
        ]
        sections.append({"title": section["step"].title, "rows": rows})
    return sections


def _render_check(flow: Flow, form, status: int = 200):
    return (
        render_template(
            "requests/check.html",
            flow=flow,
            product=flow.product,
            sections=_check_sections(flow),
            back_url=flow.step_url(flow.steps()[-1]),
            form=form,
            expires_soon=services.expires_soon(flow.draft),
            pay_first=payments.needs_payment(flow.product),
        ),
        status,
    )


@bp.route("/aanvragen/<slug>/<token>/controleren", methods=["GET", "POST"])
def check(slug: str, token: str):
    # The page names every file and checks the required ones are there.
    flow = flow_for(slug, token, with_uploads=True)
    if flow.draft.submitted_at:
        return redirect(url_for("requests.confirmation", slug=slug, token=token))
    incomplete = flow.incomplete()
    flow.commit_lookups()
    if incomplete is not None:
        return redirect(flow.step_url(incomplete))
    form = DeclarationForm()
    form.verklaring.label.text = flow.definition.declaration
    if request.method == "GET":
        return _render_check(flow, form)
    if not form.validate():
        return _render_check(flow, form, status=422)
    if payments.needs_payment(flow.product):
        # A product with a fee becomes a case only when paid (portal.payments.services).
        try:
            payment = payments.start(flow.draft, flow.product, flow.principal, flow.facts)
        except payments.PaymentUnavailable:
            db.session.commit()
            return render_template("payments/unavailable.html", payment=None), 503
        prefill.forget_facts()
        db.session.commit()
        return redirect(payment.checkout_url, code=303)
    services.submit(flow.draft, flow.definition, flow.principal, flow.facts, flow.product)
    prefill.forget_facts()
    db.session.commit()
    return redirect(url_for("requests.confirmation", slug=slug, token=token), code=303)


def _submitted_case(flow: Flow):
    from portal.cases.services import get_case

    case = get_case(flow.draft.case_number) if flow.draft.case_number else None
    if case is None:
        abort(404)
    return case


@bp.get("/aanvragen/<slug>/<token>/verstuurd")
def confirmation(slug: str, token: str):
    from portal.notifications.typed_address import for_confirmation

    flow = flow_for(slug, token)
    if not flow.draft.submitted_at:
        return redirect(url_for("requests.resume", slug=slug, token=token))
    case = _submitted_case(flow)
    announced = for_confirmation(case, flow.principal)
    return render_template(
        "requests/confirmation.html",
        flow=flow,
        product=flow.product,
        case=case,
        email=announced.email,
        offer_to_save=announced.offer_to_save,
        parts=hooks.confirmation_parts(case, flow.principal),
    )


@bp.get("/aanvragen/<slug>/<token>/ontvangstbevestiging")
def receipt(slug: str, token: str):
    from portal.cases.receipt import receipt_pdf

    flow = flow_for(slug, token)
    if not flow.draft.submitted_at:
        abort(404)
    case = _submitted_case(flow)
    return send_file(
        io.BytesIO(receipt_pdf(case, flow.product.name)),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=_("Ontvangstbevestiging %(number)s.pdf", number=case.number),
    )
