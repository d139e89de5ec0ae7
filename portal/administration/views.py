"""The start page of functional administration: what can be set here, and the latest changes."""

from flask import render_template

from portal.administration import changes
from portal.administration.blueprints import bp
from portal.auth.access import staff_required


@bp.get("/")
@staff_required(role="admin")
def home() -> str:
    return render_template("administration/home.html", recent=changes.recent())
