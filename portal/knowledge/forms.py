"""Forms of the knowledge search: recording a contact, and starting a question case or a
call-back for a caller. The browser validates nothing; the server says what is wrong in B1,
next to the field and in the error summary. Every text field is cut to a bound first, so a
huge post is never echoed back whole, and loses NUL and other control characters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Optional, ValidationError

from portal.components import phone
from portal.knowledge.contacts import CHANNELS, FOLLOW_UPS, NOTE_MAX, normal_reference
from portal.questions import services as questions
from portal.requests.checks import email, max_length

# Far above every limit here, far below what a bot posts: kept on the page after an error.
KEPT = 5_000
NAME_MAX = 200
QUESTION_MAX = 1_500
CALLBACK_NOTE_MAX = 400


def _tidy(value):
    """Bounded, without control characters (a NUL cannot be stored in PostgreSQL)."""
    if not isinstance(value, str):
        return value
    kept = value[:KEPT]
    return "".join(char if char.isprintable() or char in "\n\r\t" else " " for char in kept).strip()


def _channel_field(label):
    return RadioField(
        label,
        choices=[SelectChoice(code, text) for code, text in CHANNELS.items()],
        default="phone",
        validators=[InputRequired(_l("Kies hoe de beller contact had"))],
    )


def _reference(form, field) -> None:
    if field.data and normal_reference(field.data) is None:
        raise ValidationError(
            _l(
                "Typ het nummer zoals het op de bevestiging staat. Bijvoorbeeld Z-2026-000123 "
                "of A-2026-000045."
            )
        )


class ContactForm(FlaskForm):
    answered = RadioField(
        _l("Is de vraag in één keer beantwoord?"),
        choices=[SelectChoice("ja", _l("Ja")), SelectChoice("nee", _l("Nee"))],
        validators=[InputRequired(_l("Kies of de vraag in één keer is beantwoord"))],
    )
    channel = _channel_field(_l("Hoe had de beller contact?"))
    follow_up = RadioField(
        _l("Wat volgt er?"),
        choices=[SelectChoice(code, text) for code, text in FOLLOW_UPS.items()],
        default="none",
        validators=[InputRequired(_l("Kies wat er volgt"))],
    )
    follow_up_ref = StringField(
        _l("Nummer van de zaak of afspraak"),
        filters=[_tidy],
        validators=[Optional(), max_length(40), _reference],
        description=_l("Bijvoorbeeld Z-2026-000123 of A-2026-000045."),
    )
    note = TextAreaField(
        _l("Korte notitie"),
        filters=[_tidy],
        validators=[Optional(), max_length(NOTE_MAX)],
        description=_l(
            "Alleen voor uzelf en het team. Schrijf geen BSN of andere nummers van de beller: "
            "lange nummers halen wij weg."
        ),
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.answered.data == "ja" and self.follow_up.data not in (None, "none"):
            self.follow_up.errors = [
                *self.follow_up.errors,
                _l("Een vraag die in één keer is beantwoord, heeft geen vervolg. Kies Nee."),
            ]
            valid = False
        return valid


class _CallerForm(FlaskForm):
    key = HiddenField()
    name = StringField(
        _l("Naam van de beller"),
        filters=[_tidy],
        validators=[DataRequired(_l("Vul de naam van de beller in")), max_length(NAME_MAX)],
    )
    email = StringField(
        _l("E-mailadres van de beller"),
        filters=[_tidy],
        validators=[Optional(), max_length(questions.EMAIL_MAX), email()],
    )
    phone = StringField(
        _l("Telefoonnummer van de beller"),
        filters=[_tidy],
        validators=[Optional(), max_length(questions.PHONE_MAX)],
        description=_l("Bijvoorbeeld 06 12345678. Een buitenlands nummer begint met +."),
    )
    channel = _channel_field(_l("Hoe had de beller contact?"))

    def _phone_ok(self) -> bool:
        if not self.phone.data or self.phone.errors:
            return not self.phone.errors
        if phone.tidy(self.phone.data) is None:
            self.phone.errors = [
                _l(
                    "Vul een geldig telefoonnummer in. Bijvoorbeeld 06 12345678. "
                    "Een buitenlands nummer begint met + en de landcode."
                )
            ]
            return False
        return True


class CaseForm(_CallerForm):
    question = TextAreaField(
        _l("Vraag van de beller"),
        filters=[_tidy],
        validators=[DataRequired(_l("Typ de vraag van de beller")), max_length(QUESTION_MAX)],
        description=_l("In de woorden van de beller. Schrijf geen BSN."),
    )
    answer_by = RadioField(
        _l("Hoe krijgt de beller het antwoord?"),
        choices=[
            SelectChoice(questions.EMAIL, _l("Per e-mail")),
            SelectChoice(questions.PHONE, _l("Het team belt")),
        ],
        validators=[InputRequired(_l("Kies hoe de beller het antwoord krijgt"))],
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        valid = self._phone_ok() and valid
        if self.answer_by.data == questions.EMAIL and not self.email.data:
            if not self.email.errors:
                self.email.errors = [_l("Vul het e-mailadres in. Daarop komt het antwoord.")]
            valid = False
        if self.answer_by.data == questions.PHONE and not self.phone.data:
            if not self.phone.errors:
                self.phone.errors = [_l("Vul het telefoonnummer in. Dan kan het team bellen.")]
            valid = False
        return valid


class CallbackForm(_CallerForm):
    window = RadioField(
        _l("Wanneer bellen wij terug?"),
        choices=[],
        validate_choice=False,
        validators=[InputRequired(_l("Kies wanneer wij terugbellen"))],
    )
    note = TextAreaField(
        _l("Waar gaat het over?"),
        filters=[_tidy],
        validators=[Optional(), max_length(CALLBACK_NOTE_MAX)],
        description=_l("Kort, voor de collega die belt. Schrijf geen BSN."),
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        valid = self._phone_ok() and valid
        if not self.phone.data and not self.phone.errors:
            self.phone.errors = [_l("Vul het telefoonnummer in. Daarop bellen wij terug.")]
            valid = False
        return valid
