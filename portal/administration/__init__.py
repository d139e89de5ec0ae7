"""Functional administration (role admin, "beheerder"): staff, teams, norms, routing,
opening hours, closures, retention periods and targets. Every change is audited
(`portal.administration.changes`)."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from portal.auth.staff_areas import register_area
from portal.auth.staff_roster import register_lookup, register_members_lookup


def init_app(app: Flask) -> None:
    from portal.administration import (  # noqa: F401 - the modules add their routes
        views,
        views_hours,
        views_norms,
        views_settings,
        views_staff,
    )
    from portal.administration.blueprints import bp
    from portal.administration.staff import roster_entry, team_members

    app.register_blueprint(bp)
    register_area("admin", "administration.home", _l("Beheer"), 50)
    # Sign-in fills roles and team from the roster when the staff broker sends none.
    register_lookup(roster_entry)
    # The back office offers the team's handlers from the roster when assigning a case.
    register_members_lookup(team_members)
