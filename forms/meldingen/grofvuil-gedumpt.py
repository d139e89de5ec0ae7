"""Questions for dumped bulky waste: what kind it is, so the right truck comes, and whether
something dangerous lies there (asbestos, paint, gas bottles need a special team)."""

from flask_babel import lazy_gettext as _l

from portal.reports.questions import YES_NO_UNSURE, ReportQuestions
from portal.requests.definition import Choice, Field

QUESTIONS = ReportQuestions(
    category="grofvuil-gedumpt",
    fields=(
        Field(
            "soort",
            "checkboxes",
            _l("Wat voor afval is het?"),
            hint=_l("U kunt meer dan één antwoord kiezen."),
            required=_l("Kies wat voor afval het is."),
            choices=(
                Choice("meubels", _l("Meubels")),
                Choice("matras", _l("Een matras")),
                Choice("apparaten", _l("Apparaten, zoals een koelkast of tv")),
                Choice("bouwafval", _l("Bouwafval, zoals stenen of hout")),
                Choice("zakken", _l("Vuilniszakken")),
                Choice("anders", _l("Iets anders")),
            ),
        ),
        Field(
            "gevaarlijk",
            "radio",
            _l("Ligt er iets gevaarlijks bij? Bijvoorbeeld asbest, verf of gasflessen."),
            required=_l("Kies of er iets gevaarlijks bij ligt."),
            choices=YES_NO_UNSURE,
        ),
    ),
)
