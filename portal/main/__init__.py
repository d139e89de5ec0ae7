"""Public pages every visitor can see: home, accessibility statement, privacy statement,
contact, the language choice, and the error pages (`errors.py`)."""

from flask import Blueprint

from portal.main.contact import GEMEENTE_VOORBEELD

bp = Blueprint("main", __name__)


@bp.record_once
def _contact_in_templates(state) -> None:
    # A global, not a context variable: imported macros (the footer's contact block) see it.
    state.app.jinja_env.globals["municipality_contact"] = GEMEENTE_VOORBEELD


from portal.main import views  # noqa: E402,F401
