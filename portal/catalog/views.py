"""Public pages of the catalogue: all products, a product, life events and search.

Nothing here needs sign-in: product information is for everyone. The search works as a
plain GET form; with htmx it swaps only the results (the full page is returned otherwise).
"""

from flask import Blueprint, abort, g, make_response, redirect, render_template, request, url_for
from werkzeug.routing import BuildError
from werkzeug.wrappers import Response

from portal.catalog import services
from portal.catalog.page_cache import visitor_page
from portal.catalog.search import clean_query
from portal.catalog.texts import sign_in_texts
from portal.extensions import htmx

bp = Blueprint("catalog", __name__)

# The "voor" filter on /producten, with the audiences it shows.
AUDIENCE_FILTERS = {"inwoners": "resident", "ondernemers": "company"}
# The element the search form swaps with htmx (`search_form` in templates/catalog/_macros.html).
RESULTS_ID = "search-results"
# Products whose online route lives in another area than the request forms: slug → endpoint,
# or (endpoint, url arguments). Areas add theirs in their init_app (reports:
# "melding-openbare-ruimte").
START_ENDPOINTS: dict[str, str | tuple[str, dict]] = {}


def start_url(product: services.Product) -> str | None:
    """Where the product's start button leads, or None when it cannot be done online here.

    The link the webteam chose (a form, an appointment type, a report category) comes
    first; then the route an area registered for the product; then the product's own form.
    The requests area owns the forms; until it has a route for this product the page shows
    how to reach the municipality instead of a button that leads nowhere.
    """
    chosen = _chosen_start(product)
    if chosen is not None:
        return chosen
    if product.slug in START_ENDPOINTS:
        target = START_ENDPOINTS[product.slug]
        endpoint, arguments = target if isinstance(target, tuple) else (target, {})
        return _url(endpoint, **arguments)
    if product.channel == "appointment":
        return None
    from portal.requests.definition import definition_for

    if product.channel != "referral" and definition_for(product.slug) is None:
        return None
    return _url("requests.start", slug=product.slug)


def _chosen_start(product: services.Product) -> str | None:
    if product.channel == "appointment" and product.appointment_type:
        return _url("appointments.book", type_slug=product.appointment_type)
    if product.channel == "form" and product.report_category:
        # The report flow asks what is wrong and suggests the category itself.
        return _url("reports.describe")
    if product.channel in ("form", "referral") and product.form_slug:
        from portal.requests.definition import definition_for

        if definition_for(product.form_slug) is not None:
            return _url("requests.start", slug=product.form_slug)
    return None


def _url(endpoint: str, **arguments) -> str | None:
    try:
        return url_for(endpoint, **arguments)
    except BuildError:
        return None


@bp.get("/producten")
@visitor_page
def products() -> str:
    chosen = request.args.get("voor", "")
    audience = AUDIENCE_FILTERS.get(chosen)
    return render_template(
        "catalog/products.html",
        products=services.list_products(audience=audience),
        life_events=services.life_events(),
        chosen=chosen if audience else "",
    )


@bp.get("/producten/<slug>")
@visitor_page
def product(slug: str) -> str:
    found = services.get_product(slug)
    if found is None:
        abort(404)
    return product_page(found)


def product_page(product: services.Product) -> str:
    """The product's page; the editor's preview renders a draft with it too."""
    return render_template(
        "catalog/product.html",
        product=product,
        sign_in=sign_in_texts(product.audiences, product.min_levels),
        start_url=start_url(product),
        mandate_not_covered=_mandate_not_covered(product),
        # "Stel uw vraag" with this product already chosen as the topic.
        question_url=url_for("questions.ask", onderwerp=product.slug),
    )


def _mandate_not_covered(product: services.Product) -> bool:
    """Acting for someone whose mandate does not name this product: no "Start" button."""
    principal = g.get("principal")
    return bool(principal and principal.acts_for_other and not principal.covers(product.slug))


@bp.get("/levensgebeurtenissen")
@visitor_page
def life_events() -> str:
    return render_template("catalog/life_events.html", life_events=services.life_events())


@bp.get("/levensgebeurtenissen/<slug>")
@visitor_page
def life_event(slug: str) -> str:
    found = services.get_life_event(slug)
    if found is None:
        abort(404)
    return life_event_page(found)


def life_event_page(life_event: services.LifeEvent) -> str:
    return render_template("catalog/life_event.html", life_event=life_event)


@bp.get("/zoeken")
@visitor_page
def search() -> str | Response:
    q, removed_number = clean_query(request.args.get("q", ""))
    number_hint = removed_number or request.args.get("nummer") == "weg"
    if removed_number:
        # Keep a BSN someone typed out of the address bar, the browser history and the
        # links on the next page; only this one request still carries it.
        clean_url = url_for("catalog.search", q=q or None, nummer="weg")
        if not _is_search_swap():
            return redirect(clean_url, code=303)
    results = services.search(q) if q else []
    context = {
        "q": q,
        "results": results,
        "number_hint": number_hint,
        "popular": services.popular_products() if not results else [],
        "question_url": url_for("questions.ask"),
    }
    if not _is_search_swap():
        return render_template("catalog/search.html", **context)
    response = make_response(render_template("catalog/_search_results.html", swap=True, **context))
    if removed_number:
        response.headers["HX-Push-Url"] = clean_url
    return response


def _is_search_swap() -> bool:
    # Only the search form's own swap gets the fragment; anything else (a history restore,
    # a boosted link) needs the whole page, like a browser without JavaScript.
    return bool(htmx) and htmx.target == RESULTS_ID and not htmx.history_restore_request
