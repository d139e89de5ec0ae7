"""The extra questions a report category asks, and loading them from `forms/meldingen/`.

Like product forms (`portal.requests.definition`), questions are data: one file per
subcategory, `forms/meldingen/<subcategory-slug>.py`, with `QUESTIONS = ReportQuestions(...)`.
They reuse the product forms' `Field` and `Choice`, and the engine turns them into WTForms.
All questions of a category are on one page, so a question cannot depend on another one
(that would need JavaScript); the loader refuses `show_if`.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from portal.config import ROOT
from portal.requests import engine
from portal.requests.checks import max_length
from portal.requests.definition import (
    CHOICE_KINDS,
    FIELD_KINDS,
    RESERVED_NAMES,
    Choice,
    DefinitionError,
    Field,
)

QUESTIONS_DIR = ROOT / "forms" / "meldingen"
# Kinds that make sense for a question about the street: no files (the photos step has
# them) and no dates.
KINDS = FIELD_KINDS - {"file", "date"}
# A typed answer is short; longer text belongs in the description.
ANSWER_MAX = 200
# Answers several questions share.
YES_NO_UNSURE = (
    Choice("ja", _l("Ja")),
    Choice("nee", _l("Nee")),
    Choice("weet-niet", _l("Dat weet ik niet")),
)


@dataclass(frozen=True)
class ReportQuestions:
    """The questions of one subcategory (`category` is its slug)."""

    category: str
    fields: tuple[Field, ...]
    intro: object = None

    def bounded_fields(self) -> list[Field]:
        """The fields with a length limit on every typed answer, so no answer is unbounded."""
        bounded = []
        for item in self.fields:
            if item.kind in ("text", "textarea", "email", "tel", "number"):
                item = replace(item, checks=(*item.checks, max_length(ANSWER_MAX)))
            bounded.append(item)
        return bounded


def check_questions(questions: ReportQuestions) -> None:
    """Raise DefinitionError for questions that cannot work on one page."""
    seen: set[str] = set()
    for item in questions.fields:
        where = f"{questions.category}: {item.name}"
        if item.kind not in KINDS:
            raise DefinitionError(f"{where}: kind {item.kind!r} is not for report questions")
        if item.kind in CHOICE_KINDS and not item.choices:
            raise DefinitionError(f"{where} needs choices")
        if item.show_if is not None:
            raise DefinitionError(f"{where}: questions on one page cannot depend on each other")
        if item.name in seen or item.name.startswith("_") or item.name in RESERVED_NAMES:
            raise DefinitionError(f"{where}: name is used twice or reserved")
        seen.add(item.name)


def _load_file(path: Path) -> ReportQuestions:
    module_name = f"mijngemeente_meldingen.{path.stem.replace('-', '_')}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    questions = getattr(module, "QUESTIONS", None)
    if not isinstance(questions, ReportQuestions):
        raise DefinitionError(f"{path.name} has no QUESTIONS = ReportQuestions(...)")
    if questions.category != path.stem:
        raise DefinitionError(f"{path.name} is for {questions.category!r}; name them the same")
    check_questions(questions)
    return questions


@cache
def all_questions() -> dict[str, ReportQuestions]:
    """Every category's questions, by subcategory slug; loaded once per process."""
    return {
        path.stem: _load_file(path)
        for path in sorted(QUESTIONS_DIR.glob("*.py"))
        if not path.name.startswith("_")
    }


def questions_for(category_slug: str | None) -> ReportQuestions | None:
    """The category's questions; None when it asks none (the step is then skipped)."""
    questions = all_questions().get(category_slug or "")
    return questions if questions and questions.fields else None


def form_for(questions: ReportQuestions, answers: dict, posted: bool = False) -> FlaskForm:
    """The questions as a form: the posted data only (so an unticked box stays unticked),
    else the answers given before."""
    fields = questions.bounded_fields()
    if posted:
        return engine.form_class(fields)()
    return engine.step_form(fields, answers or {})


def answers_from(questions: ReportQuestions, form: FlaskForm) -> dict:
    return engine.answers_from(form, questions.bounded_fields())


def readable_answers(questions: ReportQuestions | None, answers: dict) -> list[tuple[str, str]]:
    """(question, answer) in the current language, for the check page and the case."""
    if questions is None:
        return []
    rows = []
    for item in questions.fields:
        value = (answers or {}).get(item.name)
        if value in (None, "", []):
            continue
        rows.append((str(item.label), str(engine.readable(item, value))))
    return rows
