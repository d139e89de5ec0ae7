"""The hand-over page of a product another organisation handles; open to everyone."""

from flask import abort, render_template

from portal.catalog import services
from portal.catalog.handover import handover_for
from portal.catalog.views import bp, start_url


@bp.get("/producten/<slug>/wie-helpt-u")
def handover(slug: str) -> str:
    product = services.get_product(slug)
    found = handover_for(product) if product is not None else None
    if found is None:
        abort(404)
    from portal.auth import current_principal

    principal = current_principal()
    return render_template(
        "catalog/handover.html",
        handover=found,
        product=product,
        # Passing the question on (with the resident's consent) is extra, never required.
        pass_on_url=start_url(product),
        signed_in=principal is not None and not principal.is_staff,
    )
