"""What a product form is made of, and loading the definitions in `forms/`.

A definition is data: steps with facts (register data shown, never edited), fields (questions,
with validators and a condition), and at most one address lookup. `forms/<name>.py` holds one
`FORM = FormDefinition(...)` per product; texts go through `lazy_gettext` so they translate.
The engine (`portal.requests.engine`) turns a definition into WTForms; nothing here renders.

Conditions may only look at answers of earlier steps: a form then works without JavaScript,
because a question appears on a later page once the answer that needs it is known.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l

from portal.components import limits
from portal.config import ROOT
from portal.requests.checks import email, email_or_phone, phone

FORMS_DIR = ROOT / "forms"

FIELD_KINDS = frozenset(
    {"text", "textarea", "email", "tel", "number", "radio", "select", "checkboxes", "date"}
    | {"boolean", "file"}
)
CHOICE_KINDS = frozenset({"radio", "select", "checkboxes"})
# Every typed answer is bounded, also when its definition says nothing.
MAX_LENGTHS = {
    "text": limits.SHORT_TEXT,
    "textarea": limits.DESCRIPTION,
    "email": limits.EMAIL,
    "tel": limits.PHONE_INPUT,
    "number": limits.NUMBER,
}
# Register data a fact can show; see `portal.requests.prefill`.
SOURCES = frozenset(
    {
        "person.name",
        "person.birth_date",
        "person.address",
        "company.name",
        "company.kvk",
        "branch.name",
        "branch.number",
        "branch.address",
    }
)
CONTACT_STEP = "contact"
# Path parts the flow uses itself, and attribute names a WTForms form already has.
RESERVED_STEPS = frozenset({"controleren", "verstuurd", "ontvangstbevestiging", "bestanden"})
RESERVED_NAMES = frozenset(
    {"data", "errors", "form_errors", "meta", "validate", "process", "populate_obj"}
    | {"csrf_token", "hidden_tag", "is_submitted", "validate_on_submit", "verklaring"}
)


class DefinitionError(ValueError):
    """A form definition that cannot work; raised when the definitions are loaded."""


@dataclass(frozen=True)
class Choice:
    value: str
    label: object  # a lazy string


@dataclass(frozen=True)
class When:
    """Show a step or a field only when an earlier answer is one of `values`."""

    field: str
    values: tuple[str, ...]

    def holds(self, answers: dict) -> bool:
        answer = answers.get(self.field)
        if isinstance(answer, list):
            return any(item in self.values for item in answer)
        return answer in self.values


def when(field_name: str, *values: str) -> When:
    return When(field_name, tuple(values))


@dataclass(frozen=True)
class Field:
    """One question. `required` is the B1 message shown when it is left empty; None makes
    the question optional. `checks` are WTForms validators (see `portal.requests.checks`)."""

    name: str
    kind: str
    label: object
    hint: object = None
    required: object = None
    choices: tuple[Choice, ...] = ()
    checks: tuple = ()
    show_if: When | None = None
    autocomplete: str | None = None
    width: int | None = None
    inputmode: str | None = None
    rows: int = 5
    # Text only: how an accepted answer is written down ("12abc3" → "12-ABC-3").
    tidy: Callable[[str], str] | None = None
    # Text only: at most this many characters; None is the kind's default (`MAX_LENGTHS`).
    max_length: int | None = None
    # Files only: what may be added and how much.
    accept: tuple[str, ...] = ("application/pdf", "image/jpeg", "image/png")
    max_files: int = 1
    max_mb: int = 10

    @property
    def is_file(self) -> bool:
        return self.kind == "file"

    @property
    def length_limit(self) -> int | None:
        return self.max_length or MAX_LENGTHS.get(self.kind)


@dataclass(frozen=True)
class Fact:
    """Register data shown as fact. When the register cannot be reached the person types
    it instead, in a field with the same name (`kind`, `required`, `autocomplete`)."""

    name: str
    label: object
    source: str
    required: object = None
    kind: str = "text"
    autocomplete: str | None = None

    def as_field(self) -> Field:
        return Field(
            name=self.name,
            kind=self.kind,
            label=self.label,
            required=self.required,
            autocomplete=self.autocomplete,
            width=None if self.kind == "date" else 30,
        )


@dataclass(frozen=True)
class AddressLookup:
    """Look the typed address up in the BAG when the step is saved.

    It stores `<store_as>` (the address as one line) and `<store_as>_gecontroleerd` ("ja",
    or "nee" when the BAG could not be reached and the person fills in street and place).
    From `review_from_residents` people already registered there, the case is flagged for
    review; the person is told nothing about it, because nothing is wrong with the request.
    """

    label: object
    postcode: str
    number: str
    addition: str | None
    store_as: str
    review_from_residents: int | None = None

    @property
    def produces(self) -> tuple[str, ...]:
        return (self.store_as, f"{self.store_as}_gecontroleerd")


@dataclass(frozen=True)
class Step:
    name: str
    title: object
    intro: object = None
    facts: tuple[Fact, ...] = ()
    fields: tuple[Field, ...] = ()
    show_if: When | None = None
    lookup: AddressLookup | None = None


@dataclass(frozen=True)
class FormDefinition:
    """A product's form. `next_steps` are shown on the confirmation page; `referral` forms
    hand the question over to the product's partner organisation."""

    product: str
    steps: tuple[Step, ...]
    declaration: object
    next_steps: tuple = ()
    contact: bool = True
    phone_required: bool = False
    referral: bool = False
    version: int = 1

    def step(self, name: str) -> Step | None:
        return next((step for step in self.all_steps if step.name == name), None)

    @property
    def all_steps(self) -> tuple[Step, ...]:
        return (*self.steps, contact_step(self)) if self.contact else self.steps

    @property
    def uses_registers(self) -> bool:
        return any(step.facts for step in self.steps)

    def fields(self) -> list[Field]:
        found = []
        for step in self.all_steps:
            found += [fact.as_field() for fact in step.facts]
            found += list(step.fields)
        return found


def contact_step(definition: FormDefinition) -> Step:
    """The last step of every form: how we reach the person about this request. The profile
    fills it in; a change here is for this request only."""
    phone_required = _l("Vul uw telefoonnummer in. Dan kunnen wij u bellen.")
    return Step(
        CONTACT_STEP,
        _l("Hoe kunnen wij u bereiken?"),
        intro=_l("Wij gebruiken dit alleen voor deze aanvraag."),
        fields=(
            Field(
                "email",
                "email",
                _l("E-mailadres"),
                hint=_l("Hierop krijgt u bericht over uw aanvraag.")
                if definition.phone_required
                else _l("Heeft u geen e-mail? Vul dan alleen uw telefoonnummer in."),
                checks=(email(),) if definition.phone_required else (email_or_phone(), email()),
                autocomplete="email",
                width=30,
                inputmode="email",
            ),
            Field(
                "telefoon",
                "tel",
                _l("Telefoonnummer"),
                hint=_l("Bijvoorbeeld 06 12345678."),
                required=phone_required if definition.phone_required else None,
                checks=(phone(),),
                autocomplete="tel",
                width=20,
                inputmode="tel",
            ),
        ),
    )


def check_definition(definition: FormDefinition) -> None:
    """Raise DefinitionError when a definition cannot work: unknown kinds or sources, a name
    used twice, a condition on a later or unknown answer, a choice field without choices."""
    known: set[str] = set()
    step_names: set[str] = set()
    where = definition.product
    for step in definition.all_steps:
        if step.name in step_names or step.name in RESERVED_STEPS:
            raise DefinitionError(f"{where}: step name {step.name!r} is used twice or reserved")
        step_names.add(step.name)
        if step.show_if and step.show_if.field not in known:
            raise DefinitionError(f"{where}: step {step.name} depends on a later answer")
        names = [fact.name for fact in step.facts] + [item.name for item in step.fields]
        for fact in step.facts:
            if fact.source not in SOURCES:
                raise DefinitionError(f"{where}: unknown source {fact.source!r}")
        for item in step.fields:
            _check_field(where, item, known)
        if step.lookup:
            missing = {step.lookup.postcode, step.lookup.number} - set(names)
            if missing:
                raise DefinitionError(f"{where}: lookup needs fields {sorted(missing)}")
            names += list(step.lookup.produces)
        for name in names:
            if name in known or name.startswith("_") or name in RESERVED_NAMES:
                raise DefinitionError(f"{where}: field name {name!r} is used twice or private")
            known.add(name)


def _check_field(where: str, item: Field, known: set[str]) -> None:
    if item.kind not in FIELD_KINDS:
        raise DefinitionError(f"{where}: unknown field kind {item.kind!r}")
    if item.kind in CHOICE_KINDS and not item.choices:
        raise DefinitionError(f"{where}: {item.name} needs choices")
    if item.show_if and item.show_if.field not in known:
        raise DefinitionError(f"{where}: {item.name} depends on a later or unknown answer")


def _load_file(path: Path) -> FormDefinition:
    spec = importlib.util.spec_from_file_location(f"mijngemeente_forms.{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    definition = getattr(module, "FORM", None)
    if not isinstance(definition, FormDefinition):
        raise DefinitionError(f"{path.name} has no FORM = FormDefinition(...)")
    check_definition(definition)
    return definition


@cache
def definitions() -> dict[str, FormDefinition]:
    """Every definition in `forms/`, by product slug; loaded once per process."""
    found: dict[str, FormDefinition] = {}
    for path in sorted(FORMS_DIR.glob("*.py")):
        if path.name.startswith("_"):
            continue
        definition = _load_file(path)
        if definition.product in found:
            raise DefinitionError(f"two forms for {definition.product}")
        found[definition.product] = definition
    return found


def definition_for(slug: str) -> FormDefinition | None:
    return definitions().get(slug)
