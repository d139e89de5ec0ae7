"""Back-office forms for passing a case on: to another team, or warmly to a partner.
The team choices depend on the case (not its own team): the view sets them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.cases.handover import CONTACT_MAX, HOW_CHOICES, NAME_MAX, NOTE_MAX
from portal.components.fields import ThreePartDateField


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ReassignForm(FlaskForm):
    team = SelectField(
        _l("Naar welk team?"),
        choices=[],
        validate_choice=False,
        validators=[InputRequired(_l("Kies een team"))],
    )
    note = TextAreaField(
        _l("Uitleg voor het andere team"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Schrijf op waarom u de zaak doorstuurt")),
            Length(max=NOTE_MAX, message=_l("De uitleg is te lang. Gebruik maximaal 1000 tekens.")),
        ],
        description=_l(
            "Alleen medewerkers lezen dit. De inwoner leest dat de zaak is doorgestuurd."
        ),
    )


class HandoverForm(FlaskForm):
    partner = StringField(
        _l("Naam van de organisatie"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Vul de naam van de organisatie in")),
            Length(max=NAME_MAX, message=_l("De naam is te lang. Gebruik maximaal 200 tekens.")),
        ],
    )
    how = RadioField(
        _l("Hoe neemt de organisatie contact op met de inwoner?"),
        choices=[SelectChoice(code, label) for code, label in HOW_CHOICES.items()],
        validators=[InputRequired(_l("Kies hoe de organisatie contact opneemt"))],
    )
    by = ThreePartDateField(
        _l("Uiterlijk op welke datum?"),
        required_message=_l("Vul de datum in"),
        description=_l("Spreek de datum af met de organisatie. Bijvoorbeeld 15 3 2027."),
    )
    partner_contact = StringField(
        _l("Telefoonnummer of website van de organisatie"),
        filters=[_strip],
        validators=[
            Optional(),
            Length(max=CONTACT_MAX, message=_l("Dit is te lang. Gebruik maximaal 200 tekens.")),
        ],
        description=_l("Dan kan de inwoner hen ook zelf bereiken."),
    )
