"""The form steps of a request: showing and answering a step, the files added on a step and
taking one away again. Kept apart from `views` (the blueprint, `Flow`, access) and
`views_send` (check and send) because the step is where input is parsed: answers, files,
the address lookup and the answers kept over a sign-in (`kept.py`).

A draft is saved at every completed step; files that were fine are kept even when the step
is not.
"""

import logging

from flask import abort, redirect, render_template, request, url_for
from werkzeug.routing import BuildError

from portal.extensions import db
from portal.ratelimits import limited
from portal.requests import engine, kept, prefill, services, uploads
from portal.requests.definition import Step
from portal.requests.views import Flow, bp, flow_for, product_and_definition, step_up_level

log = logging.getLogger(__name__)


def _corrections_url() -> str | None:
    try:
        return url_for("registries.corrections")
    except BuildError:
        return None


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

    product, definition = product_and_definition(slug)
    principal = current_principal()
    if principal is None:
        principal = ended_principal()
    elif not step_up_level(product, principal):
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
    flow = flow_for(slug, token, with_kept=request.method == "GET")
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
    flow = flow_for(slug, token)
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
