"""Backoffice area."""

from flask_babel import lazy_gettext as _l

from portal.auth.staff_areas import register_area
from portal.backoffice import views, views_search  # noqa: F401

register_area("case_handler", "backoffice.queue", _l("Werkvoorraad"), 10)
