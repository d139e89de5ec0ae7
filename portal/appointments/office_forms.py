"""Forms of the staff agenda. Choices that depend on data (locations, desks, free times) are
set by the view; the rules in `portal.appointments.office_actions` check again what matters.
These forms bound what can be typed."""

import re
from datetime import time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from portal.appointments.office_actions import MESSAGE_MAX, REASON_MAX
from portal.components.fields import ThreePartDateField

TIME_PATTERN = re.compile(r"^(\d{1,2})(?:[.:](\d{2}))?$")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def parse_clock(text: str | None) -> time | None:
    """ "13.30", "13:30" or "13" as a time; None when empty or not a time."""
    found = TIME_PATTERN.match((text or "").strip()[:10])
    if not found:
        return None
    hours, minutes = int(found[1]), int(found[2] or 0)
    if hours > 23 or minutes > 59:
        return None
    return time(hours, minutes)


def _valid_clock(form, field) -> None:
    if field.data and parse_clock(field.data) is None:
        raise ValidationError(_l("Vul een tijd in zoals 13.30"))


class AgendaForm(FlaskForm):
    """Read from the query string; choosing what to see changes nothing, so no CSRF token."""

    class Meta:
        csrf = False

    locatie = SelectField(_l("Locatie"), choices=[], validate_choice=False)
    balie = SelectField(_l("Balie of medewerker"), choices=[], validate_choice=False)
    dag = ThreePartDateField(
        _l("Ga naar datum"), validators=[Optional()], description=_l("Bijvoorbeeld 8 12 2026.")
    )


class ConfirmForm(FlaskForm):
    """A button that changes one thing (aanwezig, niet gekomen, weghalen): only the token."""


class MoveDayForm(FlaskForm):
    class Meta:
        csrf = False

    dag = ThreePartDateField(
        _l("Andere dag"), validators=[Optional()], description=_l("Bijvoorbeeld 8 12 2026.")
    )


def _message_field(label, description):
    return TextAreaField(
        label,
        filters=[_strip],
        validators=[
            DataRequired(_l("Schrijf een bericht aan de inwoner")),
            Length(
                max=MESSAGE_MAX,
                message=_l(
                    "Het bericht is te lang. Gebruik maximaal %(max)s tekens.", max=MESSAGE_MAX
                ),
            ),
        ],
        description=description,
    )


class MoveForm(FlaskForm):
    # The view checks the chosen time against the times that are free right now.
    starts_at = RadioField(
        _l("Nieuwe tijd"),
        validators=[InputRequired(_l("Kies een nieuwe tijd"))],
        choices=[],
        validate_choice=False,
    )
    message = _message_field(
        _l("Bericht aan de inwoner"),
        _l("De inwoner krijgt een e-mail met de nieuwe tijd en dit bericht. Zeg kort waarom."),
    )


class CancelForm(FlaskForm):
    message = _message_field(
        _l("Bericht aan de inwoner"),
        _l("De inwoner krijgt een e-mail dat de afspraak niet doorgaat. Zeg waarom en wat nu."),
    )


class BlockForm(FlaskForm):
    # The rules check the location and the desk (`office_actions.check_block`).
    location = SelectField(_l("Locatie"), choices=[], validate_choice=False)
    desk = SelectField(
        _l("Balie of medewerker"),
        choices=[],
        validate_choice=False,
        description=_l("Kies een balie, of de hele locatie als die dicht is."),
    )
    start_day = ThreePartDateField(
        _l("Eerste dag"),
        required_message=_l("Vul de eerste dag in"),
        description=_l("Bijvoorbeeld 8 12 2026."),
    )
    start_time = StringField(
        _l("Vanaf"),
        filters=[_strip],
        validators=[Optional(), Length(max=10), _valid_clock],
        description=_l("Bijvoorbeeld 13.00. Leeg: vanaf het begin van de dag."),
    )
    end_day = ThreePartDateField(
        _l("Laatste dag"),
        validators=[Optional()],
        description=_l("Leeg: dezelfde dag als de eerste dag."),
    )
    end_time = StringField(
        _l("Tot"),
        filters=[_strip],
        validators=[Optional(), Length(max=10), _valid_clock],
        description=_l("Bijvoorbeeld 17.00. Leeg: tot het einde van de dag."),
    )
    reason = StringField(
        _l("Reden"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Schrijf op waarom deze tijd dicht is")),
            Length(
                max=REASON_MAX,
                message=_l("De reden is te lang. Gebruik maximaal %(max)s tekens.", max=REASON_MAX),
            ),
        ],
        description=_l("Bijvoorbeeld: Training, of Koningsdag. Collega's zien dit in de agenda."),
    )
    # Set after the warning about booked appointments: the handler blocks the time anyway.
    confirmed = HiddenField()


def location_choices(locations, everywhere=None) -> list[SelectChoice]:
    first = [SelectChoice("", everywhere)] if everywhere else []
    return first + [SelectChoice(loc.slug, loc.name_nl) for loc in locations]
