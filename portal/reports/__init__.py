"""Reports area (meldingen openbare ruimte): report a problem in the street, find duplicates
before filing, follow a report to the end, handle reports in the back office, and share open
reports publicly (list, map, Open311 GeoReport v2).

A report is a case (`portal.cases`) of the product "melding-openbare-ruimte" with a
`Report` row beside it: category, place, photos, followers. Categories, their team and norm
are data (`portal.reports.categories`). Outside systems sit behind adapters: the address
search (`portal.reports.locations`) and the map tiles (a URL setting).
"""

from flask import Flask

from portal.catalog import views as catalog_views
from portal.reports.blueprints import office, open311, resident
from portal.reports.texts import PRODUCT_SLUG


def init_app(app: Flask) -> None:
    from portal.reports import (  # noqa: F401 - the modules add their routes
        jobs,
        open311_api,
        views_follow,
        views_office,
        views_office_actions,
        views_photos,
        views_place,
        views_public,
        views_report,
        views_send,
    )

    catalog_views.START_ENDPOINTS[PRODUCT_SLUG] = "reports.describe"
    app.register_blueprint(resident)
    app.register_blueprint(office)
    app.register_blueprint(open311)
    jobs.init_app(app)
    # Follower e-mails (an outbox audience) and the report's part of the Mijn zaken page,
    # registered here so portal.notifications and portal.cases never import reports.
    from portal.cases.extensions import register_case_part
    from portal.reports import following

    following.init_app(app)
    register_case_part(PRODUCT_SLUG, views_follow.report_part)
