"""Forms of the call-back request: the resident's request, a new window, and an attempt.

Choices that depend on the moment (topics, windows) are set by the view. The window is
checked by the view against the windows offered at that moment, so a window that went in
between gets its own B1 message instead of "not a valid choice"."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from portal.questions.callbacks import EMAIL_MAX, NOTE_MAX, PHONE_INPUT_MAX
from portal.requests.checks import email, max_length


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _window_field():
    return RadioField(
        _l("Wanneer kunnen wij u bellen?"),
        choices=[],
        validate_choice=False,
        validators=[InputRequired(_l("Kies wanneer wij u kunnen bellen"))],
        description=_l("Wij bellen u op een moment in het tijdvak dat u kiest."),
    )


class CallbackForm(FlaskForm):
    # Made when the form is first shown: a second send of the same form finds its case.
    key = HiddenField()
    topic = SelectField(
        _l("Waar gaat uw vraag over?"),
        choices=[],
        validate_choice=False,
        validators=[InputRequired(_l("Kies waar uw vraag over gaat"))],
    )
    note = TextAreaField(
        _l("Wilt u er iets over vertellen?"),
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=NOTE_MAX, message=_l("Uw uitleg is te lang. Gebruik maximaal 500 tekens.")),
        ],
        description=_l("Dan kan de juiste medewerker u bellen. Gebruik maximaal 500 tekens."),
    )
    phone = StringField(
        _l("Uw telefoonnummer"),
        filters=[_strip],
        validators=[
            InputRequired(_l("Vul uw telefoonnummer in")),
            max_length(PHONE_INPUT_MAX),
        ],
        description=_l("Bijvoorbeeld 06 12345678. Een buitenlands nummer begint met +."),
    )
    email = StringField(
        _l("Uw e-mailadres"),
        filters=[_strip],
        validators=[Optional(), max_length(EMAIL_MAX), email()],
        description=_l(
            "Krijgen wij u niet te pakken? Dan sturen wij u hierop een link om een nieuw "
            "moment te kiezen."
        ),
    )
    window = _window_field()


class NewWindowForm(FlaskForm):
    window = _window_field()


OUTCOME_CHOICES = [
    SelectChoice("reached", _l("Bereikt: ik heb de inwoner gesproken")),
    SelectChoice("not_reached", _l("Niet bereikt")),
    SelectChoice("voicemail", _l("Voicemail ingesproken")),
]


class AttemptForm(FlaskForm):
    outcome = RadioField(
        _l("Wat gebeurde er?"),
        choices=OUTCOME_CHOICES,
        validators=[InputRequired(_l("Kies wat er gebeurde bij het bellen"))],
    )
    note = TextAreaField(
        _l("Notitie voor collega's"),
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=NOTE_MAX, message=_l("De notitie is te lang. Gebruik maximaal 500 tekens.")),
        ],
        description=_l("De inwoner ziet deze notitie niet. Gebruik maximaal 500 tekens."),
    )
    resident_note = TextAreaField(
        _l("Korte uitkomst voor de inwoner"),
        filters=[_strip],
        validators=[
            Optional(),
            Length(
                max=NOTE_MAX, message=_l("De uitkomst is te lang. Gebruik maximaal 500 tekens.")
            ),
        ],
        description=_l(
            "Alleen als u de inwoner heeft bereikt. De inwoner leest dit bij de zaak. "
            "Laat u het leeg? Dan staat er: wij hebben u gebeld en uw vraag besproken."
        ),
    )
