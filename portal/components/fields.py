"""WTForms fields that the macros in templates/components/forms.html know how to show.

- `ThreePartDateField`: a date typed as day, month and year in three boxes (GOV.UK date
  pattern). It reads `<name>-day`, `<name>-month` and `<name>-year`, keeps what was typed
  when it is wrong, and says in plain Dutch which part is wrong.
- `MultiCheckboxField`: choose any number of options, shown as checkboxes.
- `QuickSelect`: the select widget with the same HTML, faster for long lists of options.

A field may expose `error_target_id`: the id the error summary links to when the field
has an error (the first box that is wrong, the first checkbox).
"""

import datetime
import unicodedata
from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from wtforms import Field, SelectMultipleField
from wtforms.utils import unset_value
from wtforms.validators import StopValidation
from wtforms.widgets import Select

DATE_PARTS = ("day", "month", "year")


class ThreePartDateField(Field):
    """A date in three boxes. `data` is a `datetime.date`, or None when empty or wrong.

    Empty is an error unless the field has the `Optional()` validator. `required_message`
    replaces the default "Vul de datum in" (say which date: "Vul uw geboortedatum in").
    `parts` holds the typed text per part; `error_parts` names the parts that are wrong.
    """

    def __init__(self, label=None, validators=None, required_message=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.required_message = required_message or _l("Vul de datum in")
        self.parts = dict.fromkeys(DATE_PARTS, "")
        self.error_parts: tuple[str, ...] = ()

    @property
    def error_target_id(self) -> str:
        return f"{self.id}-{(self.error_parts or DATE_PARTS)[0]}"

    def part_name(self, part: str) -> str:
        return f"{self.name}-{part}"

    def process(self, formdata, data=unset_value, extra_filters=None) -> None:
        self.process_errors = []
        self.error_parts = ()
        if data is unset_value:
            data = self.default() if callable(self.default) else self.default
        self.object_data = data
        self.data = data if isinstance(data, datetime.date) else None
        self.parts = _parts_of(self.data)
        if formdata is None or not any(self.part_name(p) in formdata for p in DATE_PARTS):
            self.raw_data = [] if formdata is not None else None
            return
        self.parts = {p: formdata.get(self.part_name(p), "").strip() for p in DATE_PARTS}
        # One string, empty only when every box is empty: Optional() then skips the field.
        typed = "-".join(self.parts.values())
        self.raw_data = [typed] if typed.strip("-") else []
        self.data = None
        if not self.raw_data:
            return
        try:
            self.data = parse_date_parts(**self.parts)
        except DatePartsError as error:
            self.error_parts = error.parts
            self.process_errors.append(str(error.message))

    def pre_validate(self, form) -> None:
        if not self.raw_data and not self.process_errors and not self.flags.optional:
            self.error_parts = DATE_PARTS
            raise StopValidation(str(self.required_message))

    def _value(self) -> str:
        return "-".join(self.parts.values())


class DatePartsError(ValueError):
    def __init__(self, message, parts: Iterable[str]) -> None:
        super().__init__(str(message))
        self.message = message
        self.parts = tuple(parts)


_MISSING_MESSAGES = {
    ("day",): _l("Vul ook de dag in"),
    ("month",): _l("Vul ook de maand in"),
    ("year",): _l("Vul ook het jaar in"),
    ("day", "month"): _l("Vul ook de dag en de maand in"),
    ("day", "year"): _l("Vul ook de dag en het jaar in"),
    ("month", "year"): _l("Vul ook de maand en het jaar in"),
}


def _digits(text: str, max_length: int) -> str | None:
    """The number typed as ASCII digits, or None. Decimal digits of any script count
    ("٣" is 3); "²", "①" and other number signs do not. A long string is refused before
    anything converts it (Python refuses int() of more than 4,300 digits)."""
    text = text.strip()
    if not text or len(text) > max_length:
        return None
    if not all(unicodedata.category(char) == "Nd" for char in text):
        return None
    return "".join(str(unicodedata.decimal(char)) for char in text)


def parse_date_parts(day: str, month: str, year: str) -> datetime.date:
    """Turn what was typed into a date, or raise DatePartsError with a B1 Dutch message."""
    typed = {"day": day, "month": month, "year": year}
    missing = tuple(part for part in DATE_PARTS if not typed[part])
    if missing:
        raise DatePartsError(_MISSING_MESSAGES[missing], missing)
    day, month, year = (_digits(part, 4) for part in (day, month, year))
    if day is None or not 1 <= int(day) <= 31:
        raise DatePartsError(_l("Vul een geldige dag in, van 1 tot en met 31"), ["day"])
    if month is None or not 1 <= int(month) <= 12:
        raise DatePartsError(_l("Vul een geldige maand in, van 1 tot en met 12"), ["month"])
    if year is None or len(year) != 4:
        raise DatePartsError(
            _l("Vul een geldig jaar in met 4 cijfers, bijvoorbeeld 1985"), ["year"]
        )
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise DatePartsError(
            _l("Deze datum bestaat niet. Controleer de dag en de maand."), ["day", "month"]
        ) from None


def _parts_of(value: datetime.date | None) -> dict[str, str]:
    if value is None:
        return dict.fromkeys(DATE_PARTS, "")
    return {"day": str(value.day), "month": str(value.month), "year": f"{value.year:04d}"}


class MultiCheckboxField(SelectMultipleField):
    """Several choices at once; render it with `forms.checkboxes(field)`."""

    @property
    def error_target_id(self) -> str:
        return f"{self.id}-0"


class QuickSelect(Select):
    """WTForms' select widget with the same HTML, made faster for long filter lists: a plain
    option is written directly, not through `html_params` (which sorts and escapes every
    attribute of every option anew). Options with extra attributes take WTForms' own way."""

    @classmethod
    def _dispatch_render_option(cls):
        return cls.render_option

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw or not isinstance(choice.value, str):
            return super().render_option(choice, **kwargs)
        # As `html_params` writes them: attributes by name, so "selected" before "value".
        selected = "selected " if choice.selected else ""
        label = escape(choice.label or choice.value)
        return Markup(f'<option {selected}value="{escape(choice.value)}">{label}</option>')  # noqa: S704
