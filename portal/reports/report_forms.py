"""The forms of making a report. Labels use lazy_gettext so they translate per request.

Browsers do not validate (the macros leave out required/maxlength): the server says what is
wrong, in B1, next to the field and in the error summary.
"""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional

from portal.components.form_base import Form
from portal.reports.texts import DESCRIPTION_MAX
from portal.requests.checks import email, max_length, phone

OTHER = "anders"


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class DescribeForm(Form):
    beschrijving = TextAreaField(
        _l("Wat wilt u melden?"),
        description=_l("Beschrijf wat er aan de hand is. Bijvoorbeeld: de lamp brandt niet."),
        filters=[_strip],
        validators=[
            DataRequired(_l("Beschrijf wat u wilt melden.")),
            max_length(DESCRIPTION_MAX),
        ],
    )
    # Not questions: a field people never see, and when the form was shown (`antibot`).
    website = StringField(_l("Laat dit veld leeg"))
    begonnen = HiddenField()


class CategoryForm(Form):
    """A suggested subcategory, or "Iets anders" with the full list below it."""

    categorie = RadioField(
        _l("Welk onderwerp past het best bij uw melding?"), choices=[], validate_choice=False
    )
    ander_onderwerp = SelectField(
        _l("Iets anders? Kies dan hier het onderwerp"),
        description=_l("De onderwerpen staan per groep."),
        choices=[],
        validate_choice=False,
    )


class ContactForm(Form):
    email = StringField(
        _l("E-mailadres"),
        description=_l("Hierop krijgt u bericht over uw melding."),
        filters=[_strip],
        validators=[Optional(), max_length(254), email()],
    )
    telefoon = StringField(
        _l("Telefoonnummer"),
        description=_l("Dan kunnen wij u bellen met een vraag. Bijvoorbeeld 06 12345678."),
        filters=[_strip],
        validators=[Optional(), max_length(40), phone()],
    )


class FollowForm(Form):
    """One per duplicate on the page (a prefix per report keeps the ids apart); the page's
    CSRF token is checked by CSRFProtect for every POST."""

    class Meta:
        csrf = False

    email = StringField(
        _l("Uw e-mailadres"),
        description=_l("Hierop krijgt u het nieuws over deze melding."),
        filters=[_strip],
        validators=[max_length(254), email()],
    )


class SendForm(Form):
    """Only the CSRF token: sending needs no more answers."""
