"""Forms residents fill in on a case page: a message, a task answer, a mark."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField, SelectChoice, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.components.text import clean_text


class _StripForm(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            # Spaces around text are never meant ("  " counts as empty), nor NUL and the like.
            filters = list(unbound_field.kwargs.get("filters", []))
            if unbound_field.field_class in (TextAreaField,):
                filters.append(clean_text)
            return unbound_field.bind(form=form, filters=filters, **options)


class MessageForm(_StripForm):
    body = TextAreaField(
        _l("Uw bericht"),
        validators=[
            DataRequired(_l("Typ uw bericht")),
            Length(max=5000, message=_l("Uw bericht is te lang. Gebruik maximaal 5000 tekens.")),
        ],
    )


class TaskForm(_StripForm):
    answer = TextAreaField(
        _l("Uw antwoord"),
        validators=[
            Optional(),
            Length(max=5000, message=_l("Uw antwoord is te lang. Gebruik maximaal 5000 tekens.")),
        ],
    )
    upload = FileField(
        _l("Bestand"),
        validators=[Optional()],
        description=_l("Een PDF, JPG of PNG van maximaal 10 MB."),
    )


MARKS = [SelectChoice(str(n), str(n)) for n in range(1, 11)]


class FeedbackForm(_StripForm):
    mark = RadioField(
        _l("Welk cijfer geeft u ons?"),
        choices=MARKS,
        validators=[InputRequired(_l("Kies een cijfer van 1 tot en met 10"))],
        description=_l("1 is heel slecht, 10 is heel goed."),
    )
    comment = TextAreaField(
        _l("Wat kunnen wij beter doen?"),
        validators=[
            Optional(),
            Length(max=2000, message=_l("Uw uitleg is te lang. Gebruik maximaal 2000 tekens.")),
        ],
    )
