"""Forms of the reports back office. Choices that depend on data (categories, areas, merge
candidates) are set by the view. The rules in `portal.reports.handling` check again what
matters (a working day, an open report); these forms bound what can be typed."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.backoffice.forms import NORM_LABELS
from portal.components.fields import ThreePartDateField
from portal.components.text import clean_text
from portal.reports.handling import ORGANISATION_MAX, TEXT_MAX
from portal.reports.queue import AGE_CHOICES, NORM_STATES
from portal.reports.texts import STATUS_LABELS, STATUS_ORDER

CASE_NUMBER_MAX = 20


def _strip(value):
    return clean_text(value)  # also drops NUL, which PostgreSQL refuses


def _too_long(limit: int = TEXT_MAX):
    return _l("De tekst is te lang. Gebruik maximaal %(limit)s tekens.", limit=limit)


class QueueFilterForm(FlaskForm):
    """Read from the query string; filtering changes nothing, so no CSRF token is needed."""

    class Meta:
        csrf = False

    category = SelectField(_l("Categorie"), choices=[SelectChoice("", _l("Alle categorieën"))])
    area = SelectField(_l("Wijk"), choices=[SelectChoice("", _l("Alle wijken"))])
    status = SelectField(
        _l("Status"),
        choices=[
            SelectChoice("", _l("Alle open meldingen")),
            *(SelectChoice(code, STATUS_LABELS[code]) for code in STATUS_ORDER),
        ],
    )
    age = SelectField(
        _l("Leeftijd"),
        choices=[
            SelectChoice("", _l("Alle meldingen")),
            *(
                SelectChoice(str(days), _l("Ouder dan %(days)s dagen", days=days))
                for days in AGE_CHOICES
            ),
        ],
    )
    norm = SelectField(
        _l("Termijn"),
        choices=[
            SelectChoice("", _l("Alle termijnen")),
            *(SelectChoice(state, NORM_LABELS[state]) for state in NORM_STATES),
        ],
    )

    def chosen(self, name: str) -> str:
        """The value of a filter when it is one of the choices, else "" (no filter)."""
        field = self[name]
        values = {str(choice.value) for choice in field.choices}
        return field.data if field.data in values else ""


class BulkForm(FlaskForm):
    """The action for the ticked rows of the queue. Which fields an action needs is checked
    by `handling.bulk`, which names the field that is missing."""

    reports = SelectMultipleField(_l("Meldingen"), validate_choice=False)
    action = RadioField(
        _l("Wat wilt u met de gekozen meldingen doen?"),
        choices=[
            SelectChoice("start", _l("In behandeling nemen")),
            SelectChoice("plan", _l("Inplannen op een datum")),
            SelectChoice("close", _l("Afhandelen met één tekst")),
            SelectChoice("merge", _l("Samenvoegen tot één melding")),
        ],
        validators=[InputRequired(_l("Kies wat u met de meldingen wilt doen"))],
    )
    day = ThreePartDateField(
        _l("Datum van het werk"),
        validators=[Optional()],
        description=_l("Alleen bij inplannen. Bijvoorbeeld 15 3 2027."),
    )
    result_text = TextAreaField(
        _l("Wat is er gedaan?"),
        filters=[_strip],
        validators=[Optional(), Length(max=TEXT_MAX, message=_too_long())],
        description=_l("Alleen bij afhandelen. Elke melder leest deze tekst."),
    )
    into = StringField(
        _l("Zaaknummer van de melding die blijft"),
        filters=[_strip],
        validators=[Optional(), Length(max=CASE_NUMBER_MAX, message=_too_long(CASE_NUMBER_MAX))],
        description=_l("Alleen bij samenvoegen. Bijvoorbeeld Z-2027-000123."),
    )


class PlanForm(FlaskForm):
    day = ThreePartDateField(
        _l("Op welke dag gebeurt het werk?"),
        required_message=_l("Vul de datum in waarop het werk gebeurt"),
        description=_l("Een werkdag, vandaag of later. Bijvoorbeeld 15 3 2027."),
    )
    note = TextAreaField(
        _l("Uitleg voor de melder"),
        filters=[_strip],
        validators=[Optional(), Length(max=TEXT_MAX, message=_too_long())],
        description=_l("Bijvoorbeeld: Wij vervangen de lamp in de ochtend."),
    )


class ForwardForm(FlaskForm):
    organisation = StringField(
        _l("Naar welke organisatie stuurt u de melding?"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Vul in naar welke organisatie u de melding stuurt")),
            Length(max=ORGANISATION_MAX, message=_too_long(ORGANISATION_MAX)),
        ],
        description=_l("Bijvoorbeeld: het waterschap, ProRail of de provincie."),
    )
    message = TextAreaField(
        _l("Bericht aan de melder"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Schrijf een bericht aan de melder")),
            Length(max=TEXT_MAX, message=_too_long()),
        ],
        description=_l("Zeg wie het oplost en hoe de melder die organisatie bereikt."),
    )


class CloseForm(FlaskForm):
    result_text = TextAreaField(
        _l("Wat is er gedaan?"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Schrijf op wat er is gedaan. De melder leest dit")),
            Length(max=TEXT_MAX, message=_too_long()),
        ],
        description=_l("Bijvoorbeeld: Wij hebben de lamp vervangen. Hij brandt weer."),
    )


class CloseWithPhotoForm(CloseForm):
    result_photo = FileField(
        _l("Foto van het resultaat"),
        validators=[Optional()],
        description=_l("Een JPG of PNG. De melder ziet de foto bij de melding."),
    )


class CategoryForm(FlaskForm):
    # Any value reaches the rules, which answer an unknown category in B1.
    category = SelectField(
        _l("Nieuwe categorie"),
        validate_choice=False,
        validators=[InputRequired(_l("Kies een categorie"))],
        description=_l("Het team en de termijn van de categorie gaan mee."),
    )


class MergeForm(FlaskForm):
    into = RadioField(
        _l("Met welke melding voegt u deze samen?"),
        validate_choice=False,
        filters=[_strip],
        validators=[Optional()],
        description=_l("Deze melding wordt afgesloten. De melder en volgers gaan mee."),
    )
    number = StringField(
        _l("Of typ het zaaknummer van een andere melding"),
        filters=[_strip],
        validators=[Optional(), Length(max=CASE_NUMBER_MAX, message=_too_long(CASE_NUMBER_MAX))],
        description=_l("Bijvoorbeeld Z-2027-000123."),
    )
