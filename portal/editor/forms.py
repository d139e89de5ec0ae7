"""The editor's forms. The edit form is built per kind from its fields: `fact-<name>` for
facts and `<locale>-<name>` for texts per language (e.g. `nl-summary`), plus the hidden
number of the version it started from.

`data_from_form` turns posted fields into version data; it never fails: what cannot be
read (a date that does not exist) stays as typed, so validation can name it and the form
shows it again. The rules are in `editor.validation` and the services; these forms only
carry the CSRF token and bound what can be typed.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional

from portal.components.fields import MultiCheckboxField
from portal.components.numbers import whole_number
from portal.editor.kinds.base import LOCALES, SOURCE_LOCALE, ContentKind, Field
from portal.editor.validation import field_label, form_name, parse_datetime

NUMBER = re.compile(r"-?\d{1,9}")


def clean(text: str | None) -> str:
    """No NUL bytes (PostgreSQL refuses them), one kind of line break, no outer spaces."""
    return (text or "").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _read(f: Field, formdata, name: str):
    if f.kind == "multichoice":
        return [clean(v) for v in formdata.getlist(name) if clean(v)]
    if f.kind == "flag":
        return bool(clean(formdata.get(name)))
    text = clean(formdata.get(name))
    if f.kind == "lines":
        return [line.strip() for line in text.split("\n") if line.strip()]
    if f.kind == "number":
        return int(text) if NUMBER.fullmatch(text) else (text or None)
    if f.kind == "datetime":
        moment = parse_datetime(text)
        return moment.strftime("%Y-%m-%dT%H:%M") if moment else (text or None)
    return text


def data_from_form(kind: ContentKind, formdata) -> dict:
    """Version data from the posted edit form (a MultiDict); missing fields are empty."""
    facts: dict = {}
    texts: dict = {locale: {} for locale in LOCALES}
    for f in kind.fields:
        for locale in LOCALES if f.localized else (None,):
            value = _read(f, formdata, form_name(f, locale))
            (texts[locale] if f.localized else facts)[f.name] = value
    return {"facts": facts, "texts": texts}


def _form_value(f: Field, value):
    if f.kind == "lines":
        return "\n".join(value) if isinstance(value, list) else (value or "")
    if f.kind == "flag":
        return bool(value)
    if f.kind == "multichoice":
        return value if isinstance(value, list) else []
    return "" if value is None else str(value)


def _wtf_field(f: Field, locale: str | None):
    required = f.required and (not f.localized or locale == SOURCE_LOCALE)
    options = {
        "label": field_label(f, locale),
        "description": f.hint or "",
        "validators": [] if required or f.kind == "flag" else [Optional()],
    }
    if f.kind in ("text", "markdown", "lines"):
        return TextAreaField(**options)
    if f.kind == "flag":
        return BooleanField(**options)
    if f.kind == "choice":
        choices = [] if required else [SelectChoice("", _("Niet gekozen"))]
        return SelectField(
            **options,
            choices=choices + _choices(f),
            validate_choice=False,
        )
    if f.kind == "multichoice":
        return MultiCheckboxField(**options, choices=_choices(f), validate_choice=False)
    return StringField(**options)


def _choices(f: Field) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in (f.choices() if f.choices else [])]


class EditBase(FlaskForm):
    base_number = HiddenField()


def edit_form(kind: ContentKind, data: dict | None, base_number: int, posted: bool = False):
    """The edit form for a kind: from the posted fields when `posted`, else from `data`."""
    fields = {}
    initial = {"base_number": str(base_number)}
    for f in kind.fields:
        for locale in LOCALES if f.localized else (None,):
            name = form_name(f, locale)
            fields[name] = _wtf_field(f, locale)
            if data is not None:
                source = data["texts"].get(locale, {}) if f.localized else data["facts"]
                initial[name] = _form_value(f, source.get(f.name))
    form_class = type("EditForm", (EditBase,), fields)
    if posted:
        return form_class()
    return form_class(formdata=None, data=initial)


def read_base_number(form) -> int:
    value = (form.base_number.data or "").strip()
    number = whole_number(value, max_digits=8)
    return -1 if number is None else number


class NewItemForm(FlaskForm):
    title = StringField(_l("Titel"), description=_l("De naam zoals inwoners die lezen."))
    key = StringField(
        _l("Korte naam in het webadres"),
        validators=[Optional()],
        description=_l(
            "Kleine letters, cijfers en streepjes, bijvoorbeeld paspoort-aanvragen. "
            "Leeg laten: wij maken hem van de titel."
        ),
    )


MOMENTS = [
    SelectChoice("now", _l("Nu")),
    SelectChoice("later", _l("Op een datum en tijd die ik kies")),
]


class PublishForm(FlaskForm):
    change_note = TextAreaField(
        _l("Wat is er veranderd?"),
        description=_l("Schrijf het in een zin. Bijvoorbeeld: de kosten voor 2026 staan erin."),
    )
    moment = RadioField(
        _l("Wanneer publiceren?"), choices=MOMENTS, default="now", validate_choice=False
    )
    publish_at = StringField(
        _l("Datum en tijd van publiceren"),
        validators=[Optional()],
        description=_l("Alleen als u zelf een moment kiest. Bijvoorbeeld 24-12-2026 08:00."),
    )
    withdraw_at = StringField(
        _l("Van de website halen op"),
        validators=[Optional()],
        description=_l("Alleen als de tekst na een tijd weg moet. Bijvoorbeeld 27-12-2026 08:00."),
    )


class SubmitForm(FlaskForm):
    change_note = PublishForm.change_note


class WithdrawForm(FlaskForm):
    moment = RadioField(
        _l("Wanneer van de website halen?"), choices=MOMENTS, default="now", validate_choice=False
    )
    withdraw_at = StringField(
        _l("Datum en tijd"),
        validators=[Optional()],
        description=_l("Alleen als u zelf een moment kiest. Bijvoorbeeld 27-12-2026 08:00."),
    )


class ReviewForm(FlaskForm):
    decision = RadioField(
        _l("Uw oordeel"),
        choices=[
            SelectChoice("approve", _l("Goedkeuren")),
            SelectChoice("changes", _l("Terugsturen met een opmerking")),
        ],
        validate_choice=False,
    )
    review_note = TextAreaField(
        _l("Wat moet er anders?"),
        validators=[Optional()],
        description=_l("Alleen als u de wijziging terugstuurt."),
    )


class ActionForm(FlaskForm):
    """A button that changes something (restore, cancel a schedule): only the CSRF token."""
