"""Questions for a full litter bin: whether litter lies around it (that needs a sweep too)."""

from flask_babel import lazy_gettext as _l

from portal.reports.questions import ReportQuestions
from portal.requests.definition import Choice, Field

QUESTIONS = ReportQuestions(
    category="afvalbak-vol",
    fields=(
        Field(
            "afval_ernaast",
            "radio",
            _l("Ligt er ook afval naast de afvalbak?"),
            required=_l("Kies of er afval naast de afvalbak ligt."),
            choices=(Choice("ja", _l("Ja")), Choice("nee", _l("Nee"))),
        ),
    ),
)
