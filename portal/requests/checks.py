"""Validators for form definitions, with messages in B1 Dutch.

Each is a WTForms validator (a callable `(form, field)` that raises ValidationError), made
by a small function so a definition reads `checks=(kenteken(),)`. They run after the field's
required check, on the stripped text.
"""

import re
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from wtforms.validators import StopValidation, ValidationError

from portal.components import clock
from portal.components.limits import MaxLength
from portal.components.numbers import whole_number as read_number

# Dutch licence plates, sidecodes 1-14. Only the pattern is checked here: whether the
# plate exists is for the RDW check in the back office.
KENTEKEN_SIDECODES = tuple(
    re.compile(pattern)
    for pattern in (
        r"^[A-Z]{2}\d{2}\d{2}$",
        r"^\d{2}\d{2}[A-Z]{2}$",
        r"^\d{2}[A-Z]{2}\d{2}$",
        r"^[A-Z]{2}\d{2}[A-Z]{2}$",
        r"^[A-Z]{2}[A-Z]{2}\d{2}$",
        r"^\d{2}[A-Z]{2}[A-Z]{2}$",
        r"^\d{2}[A-Z]{3}\d$",
        r"^\d[A-Z]{3}\d{2}$",
        r"^[A-Z]{2}\d{3}[A-Z]$",
        r"^[A-Z]\d{3}[A-Z]{2}$",
        r"^[A-Z]{3}\d{2}[A-Z]$",
        r"^[A-Z]\d{2}[A-Z]{3}$",
        r"^\d[A-Z]{2}\d{3}$",
        r"^\d{3}[A-Z]{2}\d$",
    )
)
POSTCODE = re.compile(r"^[1-9]\d{3}\s?[A-Za-z]{2}$")
PHONE = re.compile(r"^\+?[0-9 ()-]+$")


def normalise_kenteken(text: str) -> str:
    return re.sub(r"[\s-]", "", text or "").upper()


def is_kenteken(text: str) -> bool:
    compact = normalise_kenteken(text)
    return len(compact) == 6 and any(code.match(compact) for code in KENTEKEN_SIDECODES)


def format_kenteken(text: str) -> str:
    """A valid plate written the usual way ("12abc3" → "12-ABC-3"); other text as typed."""
    if not isinstance(text, str) or not is_kenteken(text):
        return text
    groups = re.findall(r"[A-Z]+|\d+", normalise_kenteken(text))
    parts = []
    for group in groups:
        parts += [group[:2], group[2:]] if len(group) == 4 else [group]
    return "-".join(parts)


def kenteken():
    def check(form, field) -> None:
        if field.data and not is_kenteken(field.data):
            raise ValidationError(
                _l("Vul een geldig kenteken in. Bijvoorbeeld AB-123-C of 12-ABC-3.")
            )

    return check


def postcode():
    def check(form, field) -> None:
        if field.data and not POSTCODE.match(field.data.strip()):
            raise ValidationError(_l("Vul een geldige postcode in. Bijvoorbeeld 9999 AA."))

    return check


def house_number():
    def check(form, field) -> None:
        number = read_number(field.data)
        if field.data and not (number is not None and 0 < number < 100000):
            raise ValidationError(_l("Vul alleen het huisnummer in, met cijfers. Bijvoorbeeld 12."))

    return check


def whole_number(low: int, high: int):
    def check(form, field) -> None:
        text = (field.data or "").strip()
        number = read_number(text)
        if text and not (number is not None and low <= number <= high):
            raise ValidationError(
                _l("Vul een getal in van %(low)s tot en met %(high)s.", low=low, high=high)
            )

    return check


def max_length(limit: int):
    """At most `limit` characters, with the shared message (`portal.components.limits`)."""
    return MaxLength(limit)


def email():
    def check(form, field) -> None:
        if not field.data:
            return
        try:
            validate_email(field.data, check_deliverability=False)
        except EmailNotValidError:
            raise ValidationError(
                _l("Vul een geldig e-mailadres in. Bijvoorbeeld naam@voorbeeld.nl.")
            ) from None

    return check


def email_or_phone(phone_field: str = "telefoon"):
    """The e-mail address may stay empty when a phone number is given: not everyone has
    e-mail. Runs on an empty field too (the engine adds no Optional() before it)."""

    def check(form, field) -> None:
        if field.data:
            return
        other = form._fields.get(phone_field)
        if other is not None and other.data:
            raise StopValidation()
        raise StopValidation(
            _l("Vul uw e-mailadres in. Heeft u geen e-mail? Vul dan uw telefoonnummer in.")
        )

    check.runs_when_empty = True
    return check


def phone():
    def check(form, field) -> None:
        if not field.data:
            return
        digits = re.sub(r"\D", "", field.data)
        if not PHONE.match(field.data) or not 10 <= len(digits) <= 15:
            raise ValidationError(
                _l("Vul een geldig telefoonnummer in, met 10 cijfers. Bijvoorbeeld 06 12345678.")
            )

    return check


def date_from_today(within_days: int | None = None):
    """A date today or later; with `within_days`, at most that many days ahead."""

    def check(form, field) -> None:
        if field.data is None:
            return
        today = clock.today()
        if field.data < today:
            raise ValidationError(_l("Deze datum is al voorbij. Kies vandaag of later."))
        if within_days is not None and field.data > today + timedelta(days=within_days):
            raise ValidationError(
                _l("Kies een datum binnen %(days)s dagen na vandaag.", days=within_days)
            )

    return check


def date_recent(days_back: int):
    """A date not more than `days_back` days ago and not more than 4 weeks ahead (a move
    is reported up to 4 weeks before and 5 days after, by law)."""

    def check(form, field) -> None:
        if field.data is None:
            return
        today = clock.today()
        if field.data < today - timedelta(days=days_back):
            raise ValidationError(
                _l(
                    "Deze datum is meer dan %(days)s dagen geleden. Bel ons, dan helpen wij u.",
                    days=days_back,
                )
            )
        if field.data > today + timedelta(weeks=4):
            raise ValidationError(
                _l(
                    "U kunt een verhuizing tot 4 weken van tevoren doorgeven. "
                    "Kies een eerdere datum."
                )
            )

    return check
