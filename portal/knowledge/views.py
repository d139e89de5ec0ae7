"""The knowledge search under /medewerkers/kennisbank (role kcc; admin passes): the search,
a page per product, FAQ answer and notice, and "Mijn contacten vandaag".

The search is a plain GET form. A query with a long number (a BSN someone typed) is
searched without it and the browser is sent on to the address without the number, so it
stays out of the history and the next pages; `portal.knowledge.logs` masks it in the request
log of that one request. Every page that shows content also takes the contact form
(POST to the same address): valid → stored, audited, back to the page with a confirmation.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.auth import current_principal
from portal.auth.access import staff_required
from portal.cases.texts import team_contact
from portal.catalog import services as catalog
from portal.extensions import db
from portal.i18n import current_locale
from portal.knowledge import contacts, content, follow_up
from portal.knowledge import search as finder
from portal.knowledge.blueprints import bp
from portal.knowledge.forms import ContactForm
from portal.ratelimits import limited

kcc_only = staff_required(role="kcc")
SLUG_MAX = 100


def _query() -> tuple[str, bool]:
    """The query from the address, cleaned; True when the address held a long number."""
    q, removed = finder.cleaned(request.args.get("q", ""))
    return q, removed or request.args.get("nummer") == "weg"


def _contact(topic: str, team: str) -> ContactForm | Response:
    """The contact form of a page; on a valid POST the stored contact and a redirect."""
    form = ContactForm()
    if request.method != "POST" or not form.validate_on_submit():
        return form
    principal = current_principal()
    contacts.record(
        contacts.NewContact(
            channel=form.channel.data,
            topic=topic,
            team=team,
            answered=form.answered.data == "ja",
            follow_up=form.follow_up.data,
            follow_up_ref=form.follow_up_ref.data,
            note=form.note.data or "",
        ),
        principal,
    )
    db.session.commit()
    flash(_("Het contact is vastgelegd."), "ok")
    return redirect(request.full_path.rstrip("?") + "#contact-title", code=303)


def _page(template: str, form: ContactForm, **context) -> tuple[str, int]:
    status = 422 if form.errors else 200
    q, _number = _query()
    return render_template(template, form=form, q=q, **context), status


def _slug(value: str) -> str:
    if len(value) > SLUG_MAX:
        abort(404)
    return value


@bp.route("/", methods=["GET", "POST"])
@limited("search", methods=("GET", "POST"))
@kcc_only
def search():
    q, number_hint = _query()
    if request.args.get("q") and finder.cleaned(request.args["q"])[1]:
        return redirect(url_for("knowledge.search", q=q or None, nummer="weg"), code=303)
    form = _contact("", "")
    if isinstance(form, Response):
        return form
    locale = current_locale()
    results = finder.find(q, locale)
    return _page(
        "knowledge/search.html",
        form,
        results=results,
        number_hint=number_hint,
        notices=finder.running_notices(locale) if not q else [],
        contact_action=url_for("knowledge.search", q=q or None),
    )


def _team_of(product_slug: str | None) -> str:
    product = catalog.get_product(product_slug) if product_slug else None
    return product.team if product is not None else ""


@bp.route("/product/<slug>", methods=["GET", "POST"])
@kcc_only
def product(slug: str):
    found = catalog.get_product(_slug(slug))
    extras = content.product_extras(slug, current_locale()) if found else None
    if found is None or extras is None:
        abort(404)
    form = _contact(found.slug, found.team)
    if isinstance(form, Response):
        return form
    locale = current_locale()
    return _page(
        "knowledge/product.html",
        form,
        product=found,
        extras=extras,
        team_name=team_contact(found.team).name if found.team else "",
        appointment=follow_up.appointment_route(found.slug, extras.appointment_type),
        faqs=content.faqs_for_product(found.slug, locale),
        notices=content.notices_for_product(found.slug, locale),
        contact_action=request.full_path.rstrip("?"),
    )


@bp.route("/vraag-en-antwoord/<slug>", methods=["GET", "POST"])
@kcc_only
def faq(slug: str):
    found = content.get_faq(_slug(slug), current_locale())
    if found is None:
        abort(404)
    form = _contact(f"faq:{found.slug}", _team_of(found.product_slug))
    if isinstance(form, Response):
        return form
    return _page(
        "knowledge/faq.html",
        form,
        faq=found,
        product=catalog.get_product(found.product_slug) if found.product_slug else None,
        contact_action=request.full_path.rstrip("?"),
    )


@bp.route("/mededeling/<slug>", methods=["GET", "POST"])
@kcc_only
def notice(slug: str):
    found = content.get_notice(_slug(slug), current_locale())
    if found is None:
        abort(404)
    form = _contact(f"notice:{found.slug}", _team_of(found.product_slug))
    if isinstance(form, Response):
        return form
    return _page(
        "knowledge/notice.html",
        form,
        notice=found,
        product=catalog.get_product(found.product_slug) if found.product_slug else None,
        contact_action=request.full_path.rstrip("?"),
    )


@bp.get("/mijn-contacten")
@kcc_only
def mine():
    principal = current_principal()
    day = contacts.contacts_of_day(principal.staff_id or principal.display_name)
    return render_template(
        "knowledge/mine.html",
        day=day,
        channels=contacts.CHANNELS,
        follow_ups=contacts.FOLLOW_UPS,
        topics=_topic_names(day.contacts),
    )


def _topic_names(rows) -> dict[str, str]:
    """Each contact's topic as staff recognise it: the product's name, the FAQ question,
    the notice's title; the code itself when the content is gone."""
    locale = current_locale()
    names: dict[str, str] = {"": _("Geen onderwerp")}
    for row in rows:
        topic = row.topic
        if topic in names:
            continue
        kind, _sep, key = topic.partition(":") if ":" in topic else ("product", "", topic)
        if kind == "faq":
            item = content.get_faq(key, locale)
            names[topic] = item.question if item else topic
        elif kind == "notice":
            item = content.get_notice(key, locale, at=row.created_at)
            names[topic] = item.title if item else topic
        else:
            item = catalog.get_product(key)
            names[topic] = item.name if item else topic
    return names
