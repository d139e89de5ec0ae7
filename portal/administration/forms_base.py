"""What every form of functional administration shares: spaces stripped, characters that no
text may hold refused, and small checks with B1 messages (no English WTForms defaults)."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import Length, ValidationError

# NUL and other control characters: PostgreSQL refuses NUL, and none belongs in a name.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NUMBER = re.compile(r"[0-9]{1,4}")
EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class AdminForm(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            # Spaces around text are never meant; strip them so "  " counts as empty.
            filters = list(unbound_field.kwargs.get("filters", []))
            if unbound_field.field_class in (StringField, TextAreaField):
                filters.append(_strip)
            return unbound_field.bind(form=form, filters=filters, **options)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if isinstance(field.data, str) and CONTROL.search(field.data):
                field.errors = [
                    *field.errors,
                    _l("Hier staat een teken dat niet mag. Typ de tekst opnieuw."),
                ]
                valid = False
        return valid


def too_long(maximum: int):
    return Length(
        max=maximum, message=_l("Dit is te lang. Gebruik maximaal %(max)s tekens.", max=maximum)
    )


def known_choice(message):
    """For select fields built with validate_choice=False: the value must be one of the choices."""

    def check(form, field) -> None:
        allowed = {str(choice.value) for choice in field.choices}
        values = field.data if isinstance(field.data, list) else [field.data]
        if any(str(value) not in allowed for value in values if value is not None):
            raise ValidationError(message)

    return check


def email_address(form, field) -> None:
    if field.data and not EMAIL.fullmatch(field.data):
        raise ValidationError(_l("Vul een e-mailadres in zoals naam@voorbeeld.nl"))


def whole_number(form, field) -> None:
    if field.data and not NUMBER.fullmatch(field.data):
        raise ValidationError(_l("Vul een heel getal in, zoals 10. Gebruik geen min-teken."))


def number_or_none(text: str | None) -> int | None:
    return int(text) if text and NUMBER.fullmatch(text) else None


def show_error(form, error, default: str) -> None:
    """Put a service's AdminError next to its field (or the default field)."""
    field = form._fields.get(error.field or "") or form._fields[default]
    field.errors = [*field.errors, str(error.message)]
