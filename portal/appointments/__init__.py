"""Appointments area (afspraken): appointment types per product, availability from opening
hours, capacity, holidays and closures, booking with a database guarantee against double
booking, the manage link in the confirmation e-mail, ICS invitations, reminders, the staff
agenda, and proposals on a case ("Wij stellen voor: ...").

The back end sits behind an adapter (`portal.appointments.backends`): the embedded scheduler
by default, or an outside appointment system.
"""

from flask import Flask

from portal.appointments.blueprints import office, resident


def init_app(app: Flask) -> None:
    from portal.appointments import (  # noqa: F401 - the modules add their routes
        views_book,
        views_manage,
        views_office,
        views_proposals,
    )

    app.register_blueprint(resident)
    app.register_blueprint(office)
