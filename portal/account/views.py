"""One page that tells where things stand and where to go next. It only reads what the
other areas offer through their services."""

from flask import Blueprint, render_template

from portal.auth import current_principal
from portal.auth.access import sign_in_required
from portal.cases import unread_messages
from portal.cases.resident_services import count_cases
from portal.requests.services import open_drafts

bp = Blueprint("account", __name__)


@bp.get("/mijn-overzicht")
@sign_in_required(level="midden")
def overview():
    principal = current_principal()
    return render_template(
        "account/overview.html",
        cases=count_cases(principal),
        drafts=len(open_drafts(principal)),
        # Counted once per request: the header shows the same number.
        unread=unread_messages(),
        sees_personal_data=principal.covers("persoonsgegevens"),
    )
