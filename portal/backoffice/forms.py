"""Forms of the back office. Choices that depend on the case (colleagues) are set by the view."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from portal.backoffice.services import NORM_STATES
from portal.cases import services as cases
from portal.cases.texts import DOCUMENT_KINDS, OPEN_STATUSES, RESULT_LABELS, STATUS_LABELS
from portal.components.fields import QuickSelect, ThreePartDateField
from portal.components.text import clean_text

NORM_LABELS = {
    "on_time": _l("Op tijd"),
    "at_risk": _l("Bijna te laat"),
    "late": _l("Te laat"),
    "paused": _l("Wacht op inwoner"),
}
TEXT_LIMIT = 5000


def _strip(value):
    return clean_text(value)  # also drops NUL, which PostgreSQL refuses


def _too_long(what: str) -> str:
    return _l("%(what)s is te lang. Gebruik maximaal 5000 tekens.", what=what)


class QueueFilterForm(FlaskForm):
    """Read from the query string; filtering changes nothing, so no CSRF token is needed."""

    class Meta:
        csrf = False

    status = SelectField(
        _l("Status"),
        choices=[
            SelectChoice("", _l("Alle statussen")),
            *(SelectChoice(s, STATUS_LABELS[s]) for s in OPEN_STATUSES),
        ],
        validators=[Optional()],
        widget=QuickSelect(),
    )
    norm = SelectField(
        _l("Termijn"),
        choices=[
            SelectChoice("", _l("Alle termijnen")),
            *(SelectChoice(s, NORM_LABELS[s]) for s in NORM_STATES),
        ],
        validators=[Optional()],
        widget=QuickSelect(),
    )
    product = SelectField(
        _l("Product"), choices=[SelectChoice("", _l("Alle producten"))], widget=QuickSelect()
    )
    mine = BooleanField(_l("Alleen zaken van mij"))


class AssignForm(FlaskForm):
    handler = RadioField(
        _l("Wie behandelt deze zaak?"),
        validators=[InputRequired(_l("Kies wie de zaak behandelt"))],
    )


class StatusForm(FlaskForm):
    status = RadioField(
        _l("Nieuwe status"),
        choices=[SelectChoice(s, STATUS_LABELS[s]) for s in OPEN_STATUSES],
        validators=[InputRequired(_l("Kies een status"))],
    )
    note = TextAreaField(
        _l("Uitleg voor de inwoner"),
        filters=[_strip],
        validators=[Optional(), Length(max=TEXT_LIMIT, message=_too_long(_l("De uitleg")))],
        description=_l(
            "De inwoner leest dit bij de status. Schrijf kort en duidelijk wat er gebeurt."
        ),
    )


class InformationForm(FlaskForm):
    text = TextAreaField(
        _l("Wat heeft u nodig van de inwoner?"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Schrijf op wat u van de inwoner nodig heeft")),
            Length(max=TEXT_LIMIT, message=_too_long(_l("De vraag"))),
        ],
        description=_l("Bijvoorbeeld: Stuur ons een kopie van uw huurcontract."),
    )
    due = ThreePartDateField(
        _l("Uiterste datum"),
        validators=[Optional()],
        description=_l("Bijvoorbeeld 15 3 2027. Laat leeg als er geen uiterste datum is."),
    )

    def validate_due(self, field) -> None:
        if field.data is not None and field.data < cases.today():
            raise ValidationError(_l("Deze datum is al voorbij. Kies een latere datum."))


class MessageForm(FlaskForm):
    body = TextAreaField(
        _l("Bericht aan de inwoner"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Typ uw bericht")),
            Length(max=TEXT_LIMIT, message=_too_long(_l("Het bericht"))),
        ],
        description=_l("De inwoner leest dit in de Berichtenbox en krijgt een e-mail."),
    )


class DocumentForm(FlaskForm):
    kind = RadioField(
        _l("Wat voor document is dit?"),
        choices=[SelectChoice(k, DOCUMENT_KINDS[k]) for k in ("besluit", "bijlage")],
        validators=[InputRequired(_l("Kies wat voor document dit is"))],
    )
    upload = FileField(
        _l("Bestand"),
        validators=[FileRequired(_l("Kies een bestand"))],
        description=_l("Een PDF, JPG of PNG van maximaal 10 MB."),
    )


class CloseForm(FlaskForm):
    result = RadioField(
        _l("Uitkomst"),
        choices=[SelectChoice(code, label) for code, label in RESULT_LABELS.items()],
        validators=[InputRequired(_l("Kies de uitkomst"))],
    )
    # Required for some results only, so not Optional (that would label it "niet verplicht"):
    # the label says when, and the view marks it aria-required once such a result is chosen.
    reason = TextAreaField(
        _l("Uitleg voor de inwoner (verplicht bij een nee of doorsturen)"),
        filters=[_strip],
        validators=[Length(max=TEXT_LIMIT, message=_too_long(_l("De uitleg")))],
        description=_l(
            "Verplicht als het antwoord (deels) nee is of als u de zaak doorstuurt. "
            "Zeg waarom en wat de inwoner nu kan doen."
        ),
    )


class ExtendForm(FlaskForm):
    new_date = ThreePartDateField(
        _l("Nieuwe datum"),
        required_message=_l("Vul de nieuwe datum in"),
        description=_l("Bijvoorbeeld 15 3 2027."),
    )
    reason = TextAreaField(
        _l("Waarom duurt het langer?"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Leg uit waarom het langer duurt")),
            Length(max=TEXT_LIMIT, message=_too_long(_l("De uitleg"))),
        ],
        description=_l("De inwoner leest dit bij de zaak."),
    )


class CaseSearchForm(FlaskForm):
    """Posted, never read from the query string: a BSN must not end up in a URL or a log."""

    query = StringField(
        _l("BSN of zaaknummer"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Vul een BSN of een zaaknummer in")),
            Length(max=40, message=_l("Dit is te lang voor een BSN of een zaaknummer.")),
        ],
        description=_l("Bijvoorbeeld 123 456 782 of Z-2026-000123. Punten en spaties mogen."),
    )
