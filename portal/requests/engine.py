"""The forms engine: from a definition and the answers so far to WTForms, and back.

Answers are kept as JSON-ready values per field name: text as str, a date as an ISO string,
checkboxes as a list, a yes/no box as bool. Files are not answers: they live in the draft's
uploads. `facts` is what the registers said, by fact name; a fact that is missing there is
asked as a field instead (the register could not be reached).
"""

from __future__ import annotations

from datetime import date

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    MultipleFileField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Optional, ValidationError

from portal.components.fields import MultiCheckboxField, ThreePartDateField
from portal.components.limits import MaxLength, answers_too_large
from portal.requests.definition import Field, FormDefinition, Step

TEXT_KINDS = frozenset({"text", "email", "tel", "number"})


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _one_of(choices):
    allowed = {choice.value for choice in choices}

    def check(form, field) -> None:
        values = field.data if isinstance(field.data, list) else [field.data]
        if any(value not in allowed for value in values if value):
            raise ValidationError(_l("Kies een van de antwoorden uit de lijst."))

    return check


def _validators(item: Field) -> list:
    if item.required is None:
        runs_when_empty = any(getattr(check, "runs_when_empty", False) for check in item.checks)
        first = [] if runs_when_empty else [Optional()]
    elif item.kind in ("radio", "select"):
        first = [InputRequired(message=item.required)]
    else:
        first = [DataRequired(message=item.required)]
    extra = [_one_of(item.choices)] if item.choices else []
    # Before the field's own checks: a phone number of 200 KB is refused, not parsed.
    bounded = [MaxLength(item.length_limit)] if item.length_limit else []
    return [*first, *bounded, *extra, *item.checks]


def wtforms_field(item: Field):
    """The unbound WTForms field for a question."""
    options = {"label": item.label, "description": item.hint or ""}
    choices = [SelectChoice(choice.value, choice.label) for choice in item.choices]
    if item.kind in TEXT_KINDS:
        filters = [_strip, *([item.tidy] if item.tidy else [])]
        return StringField(validators=_validators(item), filters=filters, **options)
    if item.kind == "textarea":
        return TextAreaField(validators=_validators(item), filters=[_strip], **options)
    if item.kind == "radio":
        return RadioField(
            choices=choices, validate_choice=False, validators=_validators(item), **options
        )
    if item.kind == "select":
        placeholder = [SelectChoice("", _l("Kies een antwoord"))]
        return SelectField(
            choices=placeholder + choices,
            validate_choice=False,
            validators=_validators(item),
            **options,
        )
    if item.kind == "checkboxes":
        return MultiCheckboxField(
            choices=choices, validate_choice=False, validators=_validators(item), **options
        )
    if item.kind == "date":
        checks = [*([Optional()] if item.required is None else []), *item.checks]
        return ThreePartDateField(required_message=item.required, validators=checks, **options)
    if item.kind == "boolean":
        return BooleanField(validators=_validators(item), **options)
    if item.kind == "file":
        return MultipleFileField(**options)
    raise ValueError(item.kind)


def field_visible(item: Field, answers: dict) -> bool:
    return item.show_if is None or item.show_if.holds(answers)


def step_fields(step: Step, answers: dict, facts: dict) -> list[Field]:
    """The questions a step asks now: facts the registers did not give, then the fields
    whose condition holds."""
    asked = [fact.as_field() for fact in step.facts if fact.name not in facts]
    return asked + [item for item in step.fields if field_visible(item, answers)]


def shown_facts(step: Step, facts: dict) -> list[tuple[object, str]]:
    return [(fact.label, facts[fact.name]) for fact in step.facts if fact.name in facts]


def step_visible(step: Step, answers: dict, facts: dict) -> bool:
    if step.show_if is not None and not step.show_if.holds(answers):
        return False
    return bool(step.facts or step_fields(step, answers, facts))


def visible_steps(definition: FormDefinition, answers: dict, facts: dict) -> list[Step]:
    return [step for step in definition.all_steps if step_visible(step, answers, facts)]


def step_count(definition: FormDefinition) -> int:
    """How many steps the form has at most: the number the start page names and the counter
    ends with. Counting every step, so an answer that adds or skips a step changes nothing."""
    return len(definition.all_steps)


def step_position(definition: FormDefinition, step: Step) -> tuple[int, int]:
    """The step's number and the total, for "Stap n van total". A step that does not apply
    is skipped, so "stap 2" may be followed by "stap 4"; the total stays the same."""
    names = [item.name for item in definition.all_steps]
    number = names.index(step.name) + 1 if step.name in names else 1
    return number, step_count(definition)


def may_skip_steps(definition: FormDefinition) -> bool:
    """Whether an answer can make a step not apply (then the start page says "hooguit")."""
    return any(
        step.show_if is not None
        or (not step.facts and all(item.show_if is not None for item in step.fields))
        for step in definition.all_steps
    )


def form_class(fields: list[Field]) -> type[FlaskForm]:
    attributes = {item.name: wtforms_field(item) for item in fields}
    return type("StepForm", (FlaskForm,), attributes)


def initial_data(fields: list[Field], answers: dict, defaults: dict | None = None) -> dict:
    """Python values for showing a step: earlier answers, else defaults (the profile)."""
    data = {}
    for item in fields:
        value = answers.get(item.name, (defaults or {}).get(item.name))
        if value is None:
            continue
        data[item.name] = date.fromisoformat(value) if item.kind == "date" else value
    return data


def step_form(fields: list[Field], answers: dict, defaults: dict | None = None) -> FlaskForm:
    """The form for the request being handled: the posted data on POST, else the answers."""
    return form_class(fields)(data=initial_data(fields, answers, defaults))


def stored_value(item: Field, bound):
    if item.kind == "date":
        return bound.data.isoformat() if bound.data else None
    if item.kind == "boolean":
        return bool(bound.data)
    if item.kind == "checkboxes":
        return list(bound.data or [])
    return bound.data or ""


def answers_from(form: FlaskForm, fields: list[Field]) -> dict:
    return {item.name: stored_value(item, form[item.name]) for item in fields if not item.is_file}


def refuse_oversized(form: FlaskForm, fields: list[Field], earlier: dict, answers: dict) -> bool:
    """False, with a message at this step's longest answer, when all answers together would
    be more than `limits.ANSWERS_BYTES`: each field is bounded, but not their sum."""
    if not answers_too_large({**earlier, **answers}):
        return True
    texts = [item for item in fields if isinstance(answers.get(item.name), str)]
    if not texts:
        return True  # nothing typed on this step grew the answers
    longest = max(texts, key=lambda item: len(answers[item.name]))
    form[longest.name].errors.append(
        _l("Al uw antwoorden samen zijn te lang. Maak dit antwoord korter.")
    )
    return False


def _formdata(fields: list[Field], answers: dict) -> MultiDict:
    data = MultiDict()
    for item in fields:
        value = answers.get(item.name)
        if value in (None, "", [], False):
            continue
        if item.kind == "date":
            day = date.fromisoformat(value)
            data[f"{item.name}-day"] = str(day.day)
            data[f"{item.name}-month"] = str(day.month)
            data[f"{item.name}-year"] = str(day.year)
        elif item.kind == "checkboxes":
            data.setlist(item.name, list(value))
        elif item.kind == "boolean":
            data[item.name] = "y"
        else:
            data[item.name] = str(value)
    return data


def stored_errors(
    step: Step, answers: dict, facts: dict, upload_counts: dict[str, int]
) -> dict[str, list]:
    """What is wrong with the stored answers of a step; empty when the step is complete.

    The same validators as on the page run again, so an answer that became invalid (a date
    now in the past, a question that appeared after a change) sends the person back.
    """
    fields = step_fields(step, answers, facts)
    form = form_class(fields)(formdata=_formdata(fields, answers), meta={"csrf": False})
    form.validate()
    errors = {name: list(messages) for name, messages in form.errors.items()}
    for item in fields:
        if item.is_file and item.required and not upload_counts.get(item.name):
            errors[item.name] = [item.required]
    return errors


def first_incomplete(
    definition: FormDefinition, answers: dict, facts: dict, upload_counts: dict[str, int]
) -> Step | None:
    for step in visible_steps(definition, answers, facts):
        if stored_errors(step, answers, facts, upload_counts):
            return step
    return None


def kept_answers(definition: FormDefinition, answers: dict, facts: dict) -> dict:
    """Only the answers to questions that are still asked: a changed answer can hide a
    question, and what was typed there must not travel with the request."""
    kept = {}
    for step in visible_steps(definition, answers, facts):
        for item in step_fields(step, answers, facts):
            if item.name in answers:
                kept[item.name] = answers[item.name]
        if step.lookup:
            for name in step.lookup.produces:
                if name in answers:
                    kept[name] = answers[name]
    return kept


def readable(item: Field, value, file_names: list[str] | None = None) -> str:
    """An answer as a person reads it, in the current language."""
    if item.is_file:
        return ", ".join(file_names or []) or str(_l("Geen bestand"))
    labels = {choice.value: str(choice.label) for choice in item.choices}
    if item.kind == "checkboxes":
        return ", ".join(labels.get(value, value) for value in value or []) or "-"
    if item.kind in ("radio", "select"):
        return labels.get(value, value or "-")
    if item.kind == "date":
        return format_date(date.fromisoformat(value), "d MMMM y") if value else "-"
    if item.kind == "boolean":
        return str(_l("Ja") if value else _l("Nee"))
    return value or "-"
