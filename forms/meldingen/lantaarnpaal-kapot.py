"""Questions for a street light that is out or flickers: what the light does, and the number
on the post so the mechanic finds the right one."""

from flask_babel import lazy_gettext as _l

from portal.reports.questions import ReportQuestions
from portal.requests.definition import Choice, Field

QUESTIONS = ReportQuestions(
    category="lantaarnpaal-kapot",
    fields=(
        Field(
            "lamp",
            "radio",
            _l("Brandt de lamp niet, of knippert hij?"),
            required=_l("Kies wat de lamp doet."),
            choices=(
                Choice("brandt-niet", _l("De lamp brandt niet")),
                Choice("knippert", _l("De lamp knippert")),
                Choice("brandt-overdag", _l("De lamp brandt ook overdag")),
            ),
        ),
        Field(
            "paalnummer",
            "text",
            _l("Nummer van de paal"),
            hint=_l("Het nummer staat op een plaatje op de paal. Bijvoorbeeld 12-034."),
            width=10,
        ),
    ),
)
