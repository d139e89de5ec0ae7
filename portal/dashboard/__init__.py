"""How well we serve (roles team_lead "teamleider" and admin): marks, cases within norm,
first-contact resolution, reports, appointments and call-backs per period, product, team and
channel; SVG charts with data tables, CSV export and a weekly summary to team leaders."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from portal.auth.staff_areas import register_area


def init_app(app: Flask) -> None:
    from portal.dashboard import jobs, summary, views  # noqa: F401 - views adds its routes
    from portal.dashboard.blueprints import bp

    app.register_blueprint(bp)
    summary.init_app()  # the "team_lead" outbox audience
    jobs.init_app(app)  # flask dashboard-weekly-summary
    register_area("team_lead", "dashboard.home", _l("Dashboard"), 40)
