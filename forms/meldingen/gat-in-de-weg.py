"""Questions for a hole in the road or cycle path: its size and whether it is dangerous now,
so the team knows how fast to come."""

from flask_babel import lazy_gettext as _l

from portal.reports.questions import YES_NO_UNSURE, ReportQuestions
from portal.requests.definition import Choice, Field

QUESTIONS = ReportQuestions(
    category="gat-in-de-weg",
    fields=(
        Field(
            "grootte",
            "radio",
            _l("Hoe groot is het gat?"),
            required=_l("Kies hoe groot het gat is."),
            choices=(
                Choice("klein", _l("Kleiner dan een stoeptegel")),
                Choice("tegel", _l("Ongeveer zo groot als een stoeptegel")),
                Choice("groot", _l("Groter dan een stoeptegel")),
            ),
        ),
        Field(
            "gevaarlijk",
            "radio",
            _l("Is het gevaarlijk? Kan iemand erin vallen of erover struikelen?"),
            required=_l("Kies of het gat gevaarlijk is."),
            choices=YES_NO_UNSURE,
        ),
    ),
)
