"""The request flow: start page, steps, check answers, submit, confirmation, receipt; and the
list of unsent requests ("Nog niet verstuurd").

Who may fill in a form follows from the product in the catalogue: its audiences decide the
means and the kind of party, its minimum level the level, and a representative needs a
mandate for the product. Everything is a plain form that works without JavaScript. A draft
is saved at every completed step; the view commits once at the end of each request.
"""

import io
import logging
from functools import cached_property

from flask import (
    Blueprint,
    abort,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.routing import BuildError
from wtforms import BooleanField
from wtforms.validators import DataRequired

from portal.auth.principal import DIGID, EHERKENNING
from portal.extensions import db
from portal.payments import services as payments
from portal.ratelimits import limited
from portal.requests import engine, hooks, kept, prefill, services, uploads
from portal.requests.definition import FormDefinition, Step, definition_for

bp = Blueprint("requests", __name__)
log = logging.getLogger(__name__)


class Flow:
    """Everything a page of one request needs. Register facts are looked up only when a
    page needs them, once per draft and sign-in (`prefill.facts_for_draft`): each lookup is
    logged and shown to the resident."""

    def __init__(self, product, definition: FormDefinition, principal, draft) -> None:
        self.product = product
        self.definition = definition
        self.principal = principal
        self.draft = draft

    @cached_property
    def _facts(self) -> prefill.DraftFacts:
        return prefill.facts_for_draft(self.definition, self.principal, self.draft.token)

    @property
    def facts(self) -> dict:
        return self._facts.values

    @property
    def looked_up(self) -> bool:
        """Whether this request asked the registers: the view commits their processing log
        also when it writes nothing else (the lookup happened all the same)."""
        return "_facts" in self.__dict__ and self._facts.looked_up

    def commit_lookups(self) -> None:
        if self.looked_up:
            db.session.commit()

    @property
    def answers(self) -> dict:
        return self.draft.answers

    def facts_of(self, step: Step) -> dict:
        return self.facts if step.facts else {}

    def steps(self) -> list[Step]:
        # Which steps show does not depend on the facts' values: a step with facts always
        # shows (as facts, or as questions when the register is down).
        return engine.visible_steps(self.definition, self.answers, {})

    def incomplete(self) -> Step | None:
        return engine.first_incomplete(
            self.definition, self.answers, self.facts, services.upload_counts(self.draft)
        )

    def step_url(self, step: Step, **args) -> str:
        return url_for(
            "requests.step",
            slug=self.product.slug,
            token=self.draft.token,
            step_name=step.name,
            **args,
        )

    def check_url(self) -> str:
        return url_for("requests.check", slug=self.product.slug, token=self.draft.token)


class DeclarationForm(FlaskForm):
    verklaring = BooleanField(
        validators=[DataRequired(message=_l("Vink het vakje aan. Dan kunt u versturen."))]
    )


def _product_and_definition(slug: str):
    from portal.catalog.services import get_product

    product = get_product(slug)
    definition = definition_for(slug)
    if product is None:
        abort(404)
    return product, definition


def _access(product) -> tuple[tuple[str, ...], set[str]]:
    """The sign-in means and the kinds of party a product is for."""
    means: list[str] = []
    kinds: set[str] = set()
    if {"resident", "representative"} & set(product.audiences):
        means.append(DIGID)
        kinds.add("person")
    if {"company", "representative"} & set(product.audiences):
        # A company signs in with eHerkenning; so does an administrator acting for a person.
        means.append(EHERKENNING)
    if "company" in product.audiences:
        kinds.add("company")
    if product.channel == "referral" and not kinds:
        means, kinds = [DIGID, EHERKENNING], {"person", "company"}
    return tuple(means), kinds


def _audience_of(principal) -> str:
    if principal.acts_for_other:
        return "representative"
    return "company" if principal.means == EHERKENNING else "resident"


def _level_of(product, principal) -> str | None:
    return product.min_levels.get(_audience_of(principal)) or product.min_level


def _step_up_level(product, principal) -> str | None:
    """The level a signed-in resident must sign in again at for this product, if any."""
    from portal.auth.step_up import level_needed

    if principal is None or principal.means not in _access(product)[0]:
        return None
    return level_needed(principal, _level_of(product, principal))


def _signed_in(product):
    """The principal, after the sign-in, level and mandate rules of the product."""
    from portal.auth.access import require

    means, kinds = _access(product)
    principal = require(means)
    principal = require(means, _level_of(product, principal), product.slug)
    if principal.subject is None or principal.subject.kind not in kinds:
        abort(
            make_response(
                render_template("requests/wrong_party.html", product=product, kinds=kinds), 403
            )
        )
    return principal


def _flow(slug: str, token: str, **loading) -> Flow:
    """`loading`: what `services.draft_for` reads with the draft."""
    product, definition = _product_and_definition(slug)
    if definition is None:
        abort(404)
    principal = _signed_in(product)
    draft = services.draft_for(principal, token, **loading)
    if draft is None or draft.product_slug != slug:
        abort(404)
    return Flow(product, definition, principal, draft)


def _corrections_url() -> str | None:
    try:
        return url_for("registries.corrections")
    except BuildError:
        return None


@bp.get("/aanvragen/<slug>")
def start(slug: str):
    from portal.auth import current_principal
    from portal.auth.access import may_see_personal_data
    from portal.auth.step_up import step_up_url
    from portal.catalog.texts import sign_in_texts

    product, definition = _product_and_definition(slug)
    principal = current_principal()
    drafts = []
    if definition is not None and may_see_personal_data(principal) and principal.subject:
        drafts = services.open_drafts(principal, slug)
    begin_url = url_for("requests.begin", slug=slug)
    # Offered before the form, not refused after: Start signs in again at the right level.
    step_up = _step_up_level(product, principal)
    return render_template(
        "requests/start.html",
        product=product,
        definition=definition,
        drafts=drafts,
        step_count=engine.step_count(definition) if definition else 0,
        may_skip_steps=engine.may_skip_steps(definition) if definition else False,
        sign_in=sign_in_texts(product.audiences, product.min_levels),
        step_up=step_up,
        begin_url=step_up_url(principal, step_up, begin_url) if step_up else begin_url,
    )


@bp.get("/aanvragen/<slug>/beginnen")
def begin(slug: str):
    """Start a new request (after sign-in, which comes back here) and go to its first step."""
    product, definition = _product_and_definition(slug)
    if definition is None:
        abort(404)
    principal = _signed_in(product)
    # Coming here twice (back button, sign-in again) must not leave empty drafts behind.
    empty = [d for d in services.open_drafts(principal, slug) if not d.answers and not d.uploads]
    draft = empty[0] if empty else services.start_draft(definition, principal)
    db.session.commit()
    flow = Flow(product, definition, principal, draft)
    return redirect(flow.step_url(flow.steps()[0]))


@bp.get("/aanvragen/<slug>/<token>")
def resume(slug: str, token: str):
    flow = _flow(slug, token)
    if flow.draft.submitted_at:
        return redirect(url_for("requests.confirmation", slug=slug, token=token))
    payment = payments.latest_for_draft(token)
    if payment is not None:  # sent and waiting for its payment
        return redirect(url_for("payments.status", token=payment.token))
    step = flow.incomplete()
    flow.commit_lookups()
    return redirect(flow.step_url(step) if step else flow.check_url())


def _position(flow: Flow, step: Step) -> tuple[int, int]:
    return engine.step_position(flow.definition, step)


def _previous_url(flow: Flow, step: Step) -> str:
    steps = flow.steps()
    names = [item.name for item in steps]
    index = names.index(step.name) if step.name in names else 0
    if index == 0:
        return url_for("requests.start", slug=flow.product.slug)
    return flow.step_url(steps[index - 1])


def _next_url(flow: Flow, step: Step, back_to_check: bool) -> str:
    if back_to_check:
        incomplete = flow.incomplete()
        return flow.step_url(incomplete, terug="controleren") if incomplete else flow.check_url()
    steps = flow.steps()
    names = [item.name for item in steps]
    later = steps[names.index(step.name) + 1 :] if step.name in names else []
    return flow.step_url(later[0]) if later else flow.check_url()


def _render_step(flow: Flow, step: Step, form, fields, status: int = 200, restored=False):
    number, total = _position(flow, step)
    back_to_check = request.args.get("terug") == "controleren"
    return (
        render_template(
            "requests/step.html",
            flow=flow,
            product=flow.product,
            step=step,
            form=form,
            fields=fields,
            facts=engine.shown_facts(step, flow.facts_of(step)),
            facts_missing=any(fact.name not in flow.facts_of(step) for fact in step.facts),
            corrections_url=_corrections_url(),
            uploads={
                item.name: [u for u in flow.draft.uploads if u.field == item.name]
                for item in fields
                if item.is_file
            },
            number=number,
            total=total,
            back_url=flow.check_url() if back_to_check else _previous_url(flow, step),
            action=flow.step_url(step, **({"terug": "controleren"} if back_to_check else {})),
            expires_soon=services.expires_soon(flow.draft),
            restored=restored,
        ),
        status,
    )


def _keep_typed_answers(slug: str, token: str, step_name: str) -> None:
    """A step posted just after the session ended, or at too low a level, is answered with
    a sign-in; what was typed is kept first, for the same person (`kept.py`)."""
    from portal.auth import current_principal, ended_principal

    product, definition = _product_and_definition(slug)
    principal = current_principal()
    if principal is None:
        principal = ended_principal()
    elif not _step_up_level(product, principal):
        return  # the post goes on as usual
    current = definition.step(step_name) if definition else None
    if principal is None or principal.is_staff or principal.subject is None or current is None:
        return
    draft = services.draft_for(principal, token)
    if draft is None or draft.product_slug != slug or draft.submitted_at:
        return
    if kept.keep(draft, current, request.form):
        db.session.commit()


@bp.route("/aanvragen/<slug>/<token>/<step_name>", methods=["GET", "POST"])
@limited("upload")
def step(slug: str, token: str, step_name: str):
    if request.method == "POST":
        _keep_typed_answers(slug, token, step_name)
    # A step shown may give back what was kept for it (`kept.take`).
    flow = _flow(slug, token, with_kept=request.method == "GET")
    if flow.draft.submitted_at:
        return redirect(url_for("requests.confirmation", slug=slug, token=token))
    current = flow.definition.step(step_name)
    if current is None or current.name not in [item.name for item in flow.steps()]:
        abort(404)
    fields = engine.step_fields(current, flow.answers, flow.facts_of(current))
    defaults = prefill.contact_defaults(flow.principal) if step_name == "contact" else None
    form = engine.step_form(fields, flow.answers, defaults)
    if request.method == "GET":
        restored, removed = kept.take(flow.draft, current)
        if restored is not None:
            form = engine.form_class(fields)(formdata=restored)
        # A page that wrote nothing does not commit: what it read is not read again.
        if removed or flow.looked_up:
            db.session.commit()
        return _render_step(flow, current, form, fields, restored=restored is not None)
    _refuse_changed_facts(flow, current)
    valid = form.validate()
    valid = _take_files(flow, fields, form) and valid
    answers = engine.answers_from(form, fields)
    valid = valid and engine.refuse_oversized(form, fields, flow.answers, answers)
    if valid and current.lookup:
        found = prefill.look_up_address(current.lookup, {**flow.answers, **answers}, flow.principal)
        if found.error:
            form[current.lookup.postcode].errors.append(found.error)
            valid = False
        else:
            answers |= found.answers
            flow.draft.review_reason = found.review_reason
    if not valid:
        db.session.commit()  # files that were fine are kept
        return _render_step(flow, current, form, fields, status=422)
    services.save_step(flow.draft, answers)
    db.session.commit()
    return redirect(_next_url(flow, current, request.args.get("terug") == "controleren"))


def _refuse_changed_facts(flow: Flow, current: Step) -> None:
    """Register data is not editable: a POST that tries to set it is refused outright."""
    shown = {fact.name for fact in current.facts if fact.name in flow.facts_of(current)}
    if shown & set(request.form):
        log.warning("refused a posted change to register data on %s", flow.product.slug)
        flow.commit_lookups()
        abort(400)


def _take_files(flow: Flow, fields, form) -> bool:
    fine = True
    for item in fields:
        if not item.is_file:
            continue
        for storage in request.files.getlist(item.name):
            if not storage or not storage.filename:
                continue
            incoming = uploads.Incoming(
                storage.filename, storage.stream.read(item.max_mb * 1024 * 1024 + 1)
            )
            try:
                uploads.add(flow.draft, item, incoming, services.now())
            except uploads.UploadRefused as refused:
                form[item.name].errors.append(str(refused))
                fine = False
        if fine and item.required and not services.upload_counts(flow.draft).get(item.name):
            form[item.name].errors.append(str(item.required))
            fine = False
    db.session.flush()
    return fine


@bp.post("/aanvragen/<slug>/<token>/bestanden/<upload_token>/verwijderen")
def remove_upload(slug: str, token: str, upload_token: str):
    flow = _flow(slug, token)
    if flow.draft.submitted_at:
        abort(404)
    upload = next((u for u in flow.draft.uploads if u.token == upload_token), None)
    if upload is None:
        abort(404)
    field_name = upload.field
    services.remove_upload(flow.draft, upload_token)
    db.session.commit()
    step_name = request.form.get("stap", "")
    target = flow.definition.step(step_name)
    if target is None or field_name not in [item.name for item in target.fields]:
        return redirect(url_for("requests.resume", slug=slug, token=token))
    return redirect(flow.step_url(target) + f"#{field_name}")


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
    flow = _flow(slug, token, with_uploads=True)
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

    flow = _flow(slug, token)
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

    flow = _flow(slug, token)
    if not flow.draft.submitted_at:
        abort(404)
    case = _submitted_case(flow)
    return send_file(
        io.BytesIO(receipt_pdf(case, flow.product.name)),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=_("Ontvangstbevestiging %(number)s.pdf", number=case.number),
    )


def _my_drafts_principal():
    from portal.auth.access import require

    return require((DIGID, EHERKENNING))


@bp.get("/mijn-aanvragen")
def drafts():
    from portal.catalog.services import get_product

    principal = _my_drafts_principal()
    items = []
    for draft in services.open_drafts(principal):
        product = get_product(draft.product_slug)
        if product is not None:
            items.append((draft, product))
    return render_template("requests/drafts.html", items=items, expires_soon=services.expires_soon)


def _own_draft(token: str):
    principal = _my_drafts_principal()
    draft = services.draft_for(principal, token)
    if draft is None or draft.submitted_at:
        abort(404)
    return draft


@bp.route("/mijn-aanvragen/<token>/verwijderen", methods=["GET", "POST"])
def delete_draft(token: str):
    from portal.catalog.services import get_product

    draft = _own_draft(token)
    product = get_product(draft.product_slug)
    form = FlaskForm()
    if request.method == "POST" and form.validate():
        services.delete_draft(draft)
        db.session.commit()
        return redirect(url_for("requests.drafts", verwijderd="1"), code=303)
    return render_template("requests/delete.html", draft=draft, product=product, form=form)
