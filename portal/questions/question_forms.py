"""The form of "Stel uw vraag". Labels use lazy_gettext so they translate per request.

Which contact field is required depends on the chosen answer channel, so `validate` adds that
check after the fields' own; the browser validates nothing (the server says what is wrong,
in B1, next to the field and in the error summary). Topic and channel choices depend on the
catalogue and on the sign-in: the view sets them.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Optional

from portal.components import phone
from portal.questions.services import EMAIL, EMAIL_MAX, PHONE, PHONE_MAX, QUESTION_MAX
from portal.requests.checks import email, max_length

# Far above the limit, below anything a person types: kept on the page after an error, so a
# question that is too long is not lost, while a bot's megabytes are not echoed back.
TEXT_KEPT = 10 * QUESTION_MAX


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _bounded(limit: int):
    def bound(value):
        return value[:limit] if isinstance(value, str) else value

    return bound


class QuestionForm(FlaskForm):
    onderwerp = SelectField(
        _l("Waar gaat uw vraag over?"),
        description=_l("Weet u het niet zeker? Kies dan 'Ik weet het niet'."),
        choices=[],
        validate_choice=False,
        validators=[
            InputRequired(_l("Kies een onderwerp. Weet u het niet? Kies dan 'Ik weet het niet'."))
        ],
    )
    vraag = TextAreaField(
        _l("Uw vraag"),
        description=_l("Stel uw vraag in uw eigen woorden. Noem geen burgerservicenummer (BSN)."),
        filters=[_bounded(TEXT_KEPT), _strip],
        validators=[DataRequired(_l("Typ uw vraag.")), max_length(QUESTION_MAX)],
    )
    kanaal = RadioField(
        _l("Hoe wilt u het antwoord krijgen?"),
        choices=[],
        validate_choice=False,
        validators=[InputRequired(_l("Kies hoe u het antwoord wilt krijgen."))],
    )
    email = StringField(
        _l("E-mailadres"),
        description=_l("Nodig als u het antwoord per e-mail wilt krijgen."),
        filters=[_bounded(TEXT_KEPT), _strip],
        validators=[Optional(), max_length(EMAIL_MAX), email()],
    )
    telefoon = StringField(
        _l("Telefoonnummer"),
        description=_l(
            "Nodig als wij u bellen. Bijvoorbeeld 06 12345678. "
            "Een buitenlands nummer begint met + en de landcode."
        ),
        filters=[_bounded(TEXT_KEPT), _strip],
        validators=[Optional(), max_length(PHONE_MAX)],
    )
    # Not questions: a field people never see, when the form was first shown
    # (`portal.reports.antibot`), and the key that makes sending twice one case.
    website = StringField(_l("Laat dit veld leeg"))
    begonnen = HiddenField()
    sleutel = HiddenField()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        channel = self.kanaal.data
        if channel not in {choice.value for choice in self.kanaal.choices}:
            if not self.kanaal.errors:
                self.kanaal.errors = [_l("Kies hoe u het antwoord wilt krijgen.")]
            valid = False
        if self.onderwerp.data and self.onderwerp.data not in {
            choice.value for choice in self.onderwerp.choices if choice.value
        }:
            self.onderwerp.errors = [
                _l("Dit onderwerp kennen wij niet. Kies een onderwerp uit de lijst.")
            ]
            valid = False
        if channel == EMAIL and not self.email.data and not self.email.errors:
            self.email.errors = [_l("Vul uw e-mailadres in. Daarop krijgt u het antwoord.")]
            valid = False
        phone_text = self.telefoon.data or ""
        if channel == PHONE and not phone_text and not self.telefoon.errors:
            self.telefoon.errors = [_l("Vul uw telefoonnummer in. Dan kunnen wij u bellen.")]
            valid = False
        if phone_text and not self.telefoon.errors:
            tidy = phone.tidy(phone_text)
            if tidy is None:
                self.telefoon.errors = [
                    _l(
                        "Vul een geldig telefoonnummer in. Bijvoorbeeld 06 12345678. "
                        "Een buitenlands nummer begint met + en de landcode."
                    )
                ]
                valid = False
            else:
                self.telefoon.data = tidy
        return valid
