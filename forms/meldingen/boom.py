"""Questions for a tree or branch that fell or may fall: whether it blocks the way and is
dangerous, so the team can come at once."""

from flask_babel import lazy_gettext as _l

from portal.reports.questions import YES_NO_UNSURE, ReportQuestions
from portal.requests.definition import Choice, Field

QUESTIONS = ReportQuestions(
    category="boom",
    fields=(
        Field(
            "versperd",
            "radio",
            _l("Ligt de boom of tak op de weg, de stoep of het fietspad?"),
            required=_l("Kies of de weg versperd is."),
            choices=(
                Choice("ja", _l("Ja, er kan niemand langs")),
                Choice("deels", _l("Ja, maar je kunt er nog langs")),
                Choice("nee", _l("Nee")),
            ),
        ),
        Field(
            "gevaarlijk",
            "radio",
            _l("Is het gevaarlijk? Kan de boom of tak nog vallen?"),
            required=_l("Kies of het gevaarlijk is."),
            choices=YES_NO_UNSURE,
        ),
    ),
)
