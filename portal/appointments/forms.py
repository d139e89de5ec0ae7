"""Forms of the resident's appointment pages: who and where, contact details, cancelling, the
mark. The list of times is not a WTForms form: each time is its own submit button
(`views_book`), so it works with one click and without JavaScript.

Browsers do not validate (see templates/components/forms.html): every message below is the
server's, in B1 Dutch, next to its field and in the error summary.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from portal.components import phone

NAME_MAX = 200
EMAIL_MAX = 254
PHONE_MAX = 40
ADDRESS_MAX = 200
NOTES_MAX = 1000


def _strip(value):
    return " ".join(value.split()) if isinstance(value, str) else value


class WhoWhereForm(FlaskForm):
    """How many people and where. The view fills the choices from the appointment type and
    removes a field when there is nothing to choose."""

    personen = RadioField(
        _l("Voor hoeveel personen is de afspraak?"),
        validators=[InputRequired(_l("Kies voor hoeveel personen de afspraak is"))],
        description=_l("Een paspoort voor uzelf en twee kinderen? Kies 3."),
    )
    locatie = RadioField(
        _l("Waar wilt u de afspraak?"),
        validators=[InputRequired(_l("Kies waar u de afspraak wilt"))],
    )


class ContactForm(FlaskForm):
    naam = StringField(
        _l("Uw naam"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Vul uw naam in")),
            Length(max=NAME_MAX, message=_l("Uw naam is te lang. Gebruik maximaal 200 tekens.")),
        ],
    )
    email = EmailField(
        _l("E-mailadres"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Vul uw e-mailadres in")),
            Length(
                max=EMAIL_MAX, message=_l("Uw e-mailadres is te lang. Gebruik een korter adres.")
            ),
            Email(message=_l("Vul een e-mailadres in zoals naam@voorbeeld.nl")),
        ],
        description=_l(
            "Wij sturen u de bevestiging met de afspraak voor uw agenda. "
            "Met de link in de e-mail kunt u de afspraak verzetten of annuleren."
        ),
    )
    telefoon = StringField(
        _l("Telefoonnummer"),
        filters=[_strip],
        validators=[Optional()],
        description=_l("Bijvoorbeeld 06 12345678 of +32 470 12 34 56. Dan kunnen wij u bellen."),
    )
    adres = StringField(
        _l("Op welk adres komen wij?"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Vul het adres in waar wij langskomen")),
            Length(
                max=ADDRESS_MAX, message=_l("Het adres is te lang. Gebruik maximaal 200 tekens.")
            ),
        ],
        description=_l("Straat, huisnummer en plaats."),
    )

    def validate_telefoon(self, field) -> None:
        if not field.data:
            return
        tidy = phone.tidy(field.data)
        if tidy is None:
            raise ValidationError(
                _l("Vul een telefoonnummer in zoals 06 12345678 of +32 470 12 34 56")
            )
        field.data = tidy


class ConfirmForm(FlaskForm):
    """Only the CSRF token: confirming is one button."""


class CancelForm(FlaskForm):
    """Only the CSRF token and the version the resident saw (checked by the view)."""


MARKS = [SelectChoice(str(n), str(n)) for n in range(1, 11)]


class MarkForm(FlaskForm):
    cijfer = RadioField(
        _l("Welk cijfer geeft u de afspraak?"),
        choices=MARKS,
        validators=[InputRequired(_l("Kies een cijfer van 1 tot en met 10"))],
        description=_l("1 is heel slecht, 10 is heel goed."),
    )
    opmerking = TextAreaField(
        _l("Wat kunnen wij beter doen?"),
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
        validators=[
            Optional(),
            Length(
                max=NOTES_MAX, message=_l("Uw uitleg is te lang. Gebruik maximaal 1000 tekens.")
            ),
        ],
    )
