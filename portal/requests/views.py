"""The request flow's blueprint and what every page of it shares, with the pages around the
form itself: the start page, beginning and resuming a request, and the list of unsent
requests ("Nog niet verstuurd"). The form steps are in `views_steps`, checking, sending and
what follows in `views_send`; both build on `Flow` and `flow_for` here.

Who may fill in a form follows from the product in the catalogue: its audiences decide the
means and the kind of party, its minimum level the level, and a representative needs a
mandate for the product. Everything is a plain form that works without JavaScript. A draft
is saved at every completed step; the view commits once at the end of each request.
"""

from functools import cached_property

from flask import Blueprint, abort, make_response, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from portal.auth.principal import DIGID, EHERKENNING
from portal.extensions import db
from portal.payments import services as payments
from portal.requests import engine, prefill, services
from portal.requests.definition import FormDefinition, Step, definition_for

bp = Blueprint("requests", __name__)


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


def product_and_definition(slug: str):
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


def step_up_level(product, principal) -> str | None:
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


def flow_for(slug: str, token: str, **loading) -> Flow:
    """`loading`: what `services.draft_for` reads with the draft."""
    product, definition = product_and_definition(slug)
    if definition is None:
        abort(404)
    principal = _signed_in(product)
    draft = services.draft_for(principal, token, **loading)
    if draft is None or draft.product_slug != slug:
        abort(404)
    return Flow(product, definition, principal, draft)


@bp.get("/aanvragen/<slug>")
def start(slug: str):
    from portal.auth import current_principal
    from portal.auth.access import may_see_personal_data
    from portal.auth.step_up import step_up_url
    from portal.catalog.texts import sign_in_texts

    product, definition = product_and_definition(slug)
    principal = current_principal()
    drafts = []
    if definition is not None and may_see_personal_data(principal) and principal.subject:
        drafts = services.open_drafts(principal, slug)
    begin_url = url_for("requests.begin", slug=slug)
    # Offered before the form, not refused after: Start signs in again at the right level.
    step_up = step_up_level(product, principal)
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
    product, definition = product_and_definition(slug)
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
    flow = flow_for(slug, token)
    if flow.draft.submitted_at:
        return redirect(url_for("requests.confirmation", slug=slug, token=token))
    payment = payments.latest_for_draft(token)
    if payment is not None:  # sent and waiting for its payment
        return redirect(url_for("payments.status", token=payment.token))
    step = flow.incomplete()
    flow.commit_lookups()
    return redirect(flow.step_url(step) if step else flow.check_url())


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
