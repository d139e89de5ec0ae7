"""The general FAQ page, and the template globals that show FAQ answers and notices on the
layout (banners) and the product page (`catalog.previews`)."""

from flask import Flask, render_template

from portal.catalog import faq, previews
from portal.catalog.page_cache import visitor_page
from portal.catalog.views import bp


@bp.get("/veelgestelde-vragen")
@visitor_page
def faq_page() -> str:
    return render_template("catalog/faq.html", groups=faq.groups())


def init_templates(app: Flask) -> None:
    app.add_template_global(previews.site_banners)
    app.add_template_global(previews.product_faqs)
    app.add_template_global(previews.product_notices)


bp.record_once(lambda state: init_templates(state.app))
