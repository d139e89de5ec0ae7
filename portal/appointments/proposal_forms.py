"""Forms of a proposed appointment: the resident's three answers on the case page and the
handler's proposal in the back office.

The list of times changes while a page is open (someone else books one), so a time is not
checked against the list the form was shown with: the view reads it with
`availability.parse_start` and the rules decide whether it is still free.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, StringField
from wtforms.validators import InputRequired

from portal.appointments.availability import parse_start
from portal.components import limits
from portal.components.limits import MaxLength

CHOOSE_TIME = _l("Kies een moment uit de lijst.")


class AcceptForm(FlaskForm):
    """ "Ja, dat past": one click, nothing to fill in."""


class OtherTimeForm(FlaskForm):
    voorstel_moment = RadioField(
        _l("Kies een ander moment"),
        choices=[],
        validate_choice=False,
        validators=[InputRequired(message=CHOOSE_TIME)],
    )

    def chosen(self):
        return parse_start(self.voorstel_moment.data)

    def validate_voorstel_moment(self, field) -> None:
        if self.chosen() is None:
            raise ValueError(str(CHOOSE_TIME))


class CallForm(FlaskForm):
    voorstel_telefoon = StringField(
        _l("Uw telefoonnummer"),
        description=_l("Wij bellen u op dit nummer om samen een moment te kiezen."),
        validators=[MaxLength(limits.PHONE_INPUT)],
    )


class OfficeKindForm(FlaskForm):
    """Step one in the back office: which kind of appointment, where (sent with GET)."""

    class Meta:
        csrf = False

    soort = SelectField(_l("Soort afspraak en plek"), choices=[], validate_choice=False)


class OfficeProposalForm(FlaskForm):
    soort = HiddenField()
    moment = RadioField(
        _l("Kies een moment"),
        choices=[],
        validate_choice=False,
        validators=[InputRequired(message=CHOOSE_TIME)],
    )

    def chosen(self):
        return parse_start(self.moment.data)

    def validate_moment(self, field) -> None:
        if self.chosen() is None:
            raise ValueError(str(CHOOSE_TIME))
