"""Forms of functional administration. Choices that come from the database (teams,
locations) are set by the views; every check gives a B1 message."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Optional, ValidationError

from portal.administration.forms_base import (
    SLUG,
    AdminForm,
    email_address,
    known_choice,
    too_long,
    whole_number,
)
from portal.administration.hours import WEEKDAYS
from portal.administration.staff import ROLE_LABELS
from portal.appointments.office_actions import REASON_MAX
from portal.appointments.office_forms import parse_clock
from portal.components.fields import MultiCheckboxField, ThreePartDateField


class StaffForm(AdminForm):
    staff_id = StringField(
        _l("Inlogcode"),
        validators=[DataRequired(_l("Vul de inlogcode in")), too_long(200)],
        description=_l(
            "De code waarmee de inlogdienst de medewerker kent (sub). Vraag hem op bij de "
            "beheerder van de inlogdienst."
        ),
    )
    name = StringField(_l("Naam"), validators=[DataRequired(_l("Vul de naam in")), too_long(200)])
    email = StringField(_l("E-mailadres"), validators=[Optional(), too_long(254), email_address])
    roles = MultiCheckboxField(
        _l("Rollen"),
        choices=[SelectChoice(role, label) for role, label in ROLE_LABELS.items()],
        validate_choice=False,
        validators=[known_choice(_l("Kies rollen uit de lijst"))],
        description=_l(
            "Alleen nodig als de inlogdienst geen rollen meestuurt. Stuurt de inlogdienst "
            "wel rollen? Dan gelden die."
        ),
    )
    team = SelectField(
        _l("Team"),
        choices=[],
        validate_choice=False,
        validators=[known_choice(_l("Kies een team uit de lijst"))],
    )
    active = BooleanField(
        _l("Actief"),
        description=_l("Zet dit uit als de medewerker niet meer mag inloggen."),
    )


class TeamForm(AdminForm):
    slug = StringField(
        _l("Code"),
        validators=[DataRequired(_l("Vul de code van het team in")), too_long(100)],
        description=_l(
            "Kleine letters, cijfers en streepjes, bijvoorbeeld burgerzaken. "
            "U kunt de code later niet meer wijzigen."
        ),
    )
    name = StringField(
        _l("Naam"), validators=[DataRequired(_l("Vul de naam van het team in")), too_long(200)]
    )
    email = StringField(
        _l("E-mailadres van het team"), validators=[Optional(), too_long(254), email_address]
    )
    phone = StringField(_l("Telefoonnummer"), validators=[Optional(), too_long(40)])
    lead_email = StringField(
        _l("E-mailadres van de teamleider"),
        validators=[Optional(), too_long(254), email_address],
        description=_l("De teamleider krijgt hier elke week een overzicht."),
    )
    active = BooleanField(_l("Actief"))

    def validate_slug(self, field) -> None:
        if field.data and not SLUG.fullmatch(field.data):
            raise ValidationError(
                _l("Gebruik alleen kleine letters, cijfers en streepjes, zoals burgerzaken")
            )


class ProductNormForm(AdminForm):
    norm_working_days = StringField(
        _l("Termijn in werkdagen"),
        validators=[Optional(), whole_number],
        description=_l("Bijvoorbeeld 5. Laat leeg als de termijn in weken is."),
    )
    norm_weeks = StringField(
        _l("Termijn in weken"),
        validators=[Optional(), whole_number],
        description=_l("Voor wettelijke termijnen, zoals 8 weken. Anders leeg laten."),
    )
    team = SelectField(
        _l("Team dat aanvragen en vragen behandelt"),
        choices=[],
        validate_choice=False,
        validators=[known_choice(_l("Kies een team uit de lijst"))],
    )


class CategoryNormForm(AdminForm):
    norm_working_days = StringField(
        _l("Termijn in werkdagen"),
        validators=[DataRequired(_l("Vul de termijn in werkdagen in")), whole_number],
        description=_l("Bijvoorbeeld 5."),
    )
    team = SelectField(
        _l("Team dat deze meldingen behandelt"),
        choices=[],
        validate_choice=False,
        validators=[known_choice(_l("Kies een team uit de lijst"))],
    )


def _day_field(weekday: int) -> StringField:
    return StringField(
        WEEKDAYS[weekday],
        validators=[Optional(), too_long(120)],
        description=_l("Bijvoorbeeld 9.00-12.30, 13.30-17.00. Leeg: gesloten."),
    )


class HoursForm(AdminForm):
    day_0 = _day_field(0)
    day_1 = _day_field(1)
    day_2 = _day_field(2)
    day_3 = _day_field(3)
    day_4 = _day_field(4)
    day_5 = _day_field(5)
    day_6 = _day_field(6)

    def day_fields(self) -> list:
        return [self[f"day_{weekday}"] for weekday in range(7)]


def _valid_clock(form, field) -> None:
    if field.data and parse_clock(field.data) is None:
        raise ValidationError(_l("Vul een tijd in zoals 13.30"))


class ClosureForm(AdminForm):
    # The rules check the location and the desk (`hours.check_closure`).
    location = SelectField(_l("Locatie"), choices=[], validate_choice=False)
    desk = SelectField(
        _l("Balie of medewerker"),
        choices=[],
        validate_choice=False,
        description=_l("Kies de hele locatie, of één balie als alleen die dicht is."),
    )
    start_day = ThreePartDateField(
        _l("Eerste dag"),
        required_message=_l("Vul de eerste dag in"),
        description=_l("Bijvoorbeeld 24 12 2026."),
    )
    start_time = StringField(
        _l("Vanaf"),
        validators=[Optional(), too_long(10), _valid_clock],
        description=_l("Bijvoorbeeld 12.00. Leeg: vanaf het begin van de dag."),
    )
    end_day = ThreePartDateField(
        _l("Laatste dag"),
        validators=[Optional()],
        description=_l("Leeg: dezelfde dag als de eerste dag."),
    )
    end_time = StringField(
        _l("Tot"),
        validators=[Optional(), too_long(10), _valid_clock],
        description=_l("Bijvoorbeeld 17.00. Leeg: tot het einde van de dag."),
    )
    reason = StringField(
        _l("Reden"),
        validators=[
            DataRequired(_l("Schrijf op waarom de locatie dicht is")),
            too_long(REASON_MAX),
        ],
        description=_l("Bijvoorbeeld: Kerstavond. Collega's zien dit in de agenda."),
    )
    # Set after the warning about booked appointments: the administrator closes anyway.
    confirmed = HiddenField()


class ConfirmForm(AdminForm):
    """A button that changes something: only the CSRF token."""
