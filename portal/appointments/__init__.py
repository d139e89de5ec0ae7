"""Appointments area (afspraken): appointment types per product, availability from opening
hours, capacity, holidays and closures, booking with a database guarantee against double
booking, the manage link in the confirmation e-mail, ICS invitations, reminders, the staff
agenda, and proposals on a case ("Wij stellen voor: ...").

The back end sits behind an adapter (`portal.appointments.backends`): the embedded scheduler
by default, or an outside appointment system.
"""

from flask import Flask

from portal.appointments.backends.base import BackendUnavailable
from portal.appointments.blueprints import office, resident


def init_app(app: Flask) -> None:
    from portal.appointments import (  # noqa: F401 - the modules add their routes
        views_book,
        views_manage,
        views_mine,
        views_office,
        views_office_changes,
        views_proposals,
    )

    app.register_blueprint(resident)
    app.register_blueprint(office)
    # The passport product's start button books the appointment; the e-mails (an outbox
    # audience), the reminder command and the log filter for manage links.
    from portal.appointments import jobs, links, notices, reminders
    from portal.catalog import views as catalog_views

    catalog_views.START_ENDPOINTS["reisdocument-aanvragen"] = (
        "appointments.book",
        {"type_slug": "paspoort-id-aanvragen"},
    )
    notices.init_app(app)
    reminders.init_app(app)
    jobs.init_app(app)  # release-held-appointments
    links.init_app(app)
    # Proposals on a case: the handler's page in the case back office, the proposal's part
    # of every Mijn zaken case page, and the product rules run after a request is sent.
    from portal.appointments import product_rules
    from portal.cases.extensions import register_case_part

    app.register_blueprint(views_proposals.case_office)
    register_case_part(None, views_proposals.proposal_part)
    product_rules.init_app()
    # An outside appointment system that does not answer: a calm page, never a 500.
    app.register_error_handler(BackendUnavailable, _backend_unavailable)


def _backend_unavailable(_error):
    from flask import render_template

    return render_template("appointments/unavailable.html"), 503
