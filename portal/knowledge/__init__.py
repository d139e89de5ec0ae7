"""The contact centre's knowledge search (role kcc): one search over products, FAQ answers
and notices, giving the same text the portal shows plus internal notes; from a result a
case, a call-back or an appointment for the caller; first-contact resolution recorded.

Modules: `search` (matching, with the catalogue's rules), `content` (FAQ answers, notices and
a product's internal notes), `contacts` (recording a contact, a staff member's day),
`follow_up` (question case, call-back, appointment), `views` and `views_follow_up` (pages),
`logs` (no long number from a query in the request log).
"""

from flask import Flask
from flask_babel import lazy_gettext as _l

from portal.auth.staff_areas import register_area


def init_app(app: Flask) -> None:
    from portal.knowledge import views, views_follow_up  # noqa: F401 - the modules add routes
    from portal.knowledge.blueprints import bp
    from portal.knowledge.logs import hide_long_numbers

    app.register_blueprint(bp)
    register_area("kcc", "knowledge.search", _l("Kennisbank"), 30)
    hide_long_numbers(app, bp.url_prefix)
