"""The contact details form. Messages say in plain Dutch what to type."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, RadioField, SelectChoice, StringField
from wtforms.validators import (
    AnyOf,
    Email,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from portal.components import limits
from portal.components.limits import MaxLength
from portal.profile.services import normalise_phone


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ContactForm(FlaskForm):
    email = EmailField(
        _l("E-mailadres"),
        validators=[
            Optional(),
            Length(max=254, message=_l("Uw e-mailadres is te lang. Gebruik een korter adres.")),
            Email(message=_l("Vul een e-mailadres in zoals naam@voorbeeld.nl.")),
        ],
        filters=[_strip],
        description=_l("Wij sturen een e-mail om te controleren dat het adres klopt."),
    )
    phone = StringField(
        _l("Telefoonnummer"),
        validators=[Optional(), MaxLength(limits.PHONE_INPUT)],
        filters=[_strip],
        description=_l("Bijvoorbeeld 06 12345678. Dan kunnen wij u bellen als dat nodig is."),
    )
    language = RadioField(
        _l("In welke taal wilt u e-mail van ons krijgen?"),
        # Each language by its own name, like the language switch in the page header.
        choices=[SelectChoice("nl", "Nederlands"), SelectChoice("en", "English")],
        validators=[
            InputRequired(message=_l("Kies een taal.")),
            AnyOf(("nl", "en"), message=_l("Kies een taal.")),
        ],
        validate_choice=False,
    )
    notify_by_email = BooleanField(
        _l("Stuur mij een e-mail als er een nieuw bericht voor mij is"),
        description=_l("Het bericht zelf leest u altijd in MijnGemeente."),
    )

    def validate_phone(self, field) -> None:
        try:
            field.data = normalise_phone(field.data or "")
        except ValueError as error:
            raise ValidationError(
                _l("Vul een telefoonnummer in van 10 cijfers, zoals 06 12345678.")
            ) from error

    def validate_notify_by_email(self, field) -> None:
        if field.data and not self.email.data:
            raise ValidationError(
                _l("Vul uw e-mailadres in. Of kies dat u geen e-mail wilt krijgen.")
            )


class ConfirmEmailForm(FlaskForm):
    """Only the CSRF token: confirming is one button, so mail scanners that open links
    do not confirm an address on their own."""
