"""A readable difference between two versions: one row per changed field and language,
with the words that were taken out and put in marked (shown as <del> and <ins>)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from flask_babel import gettext as _

from portal.editor.kinds.base import LOCALES, ContentKind, Field
from portal.editor.validation import field_label

# Words, runs of spaces and single punctuation marks; joined again they give the text back.
TOKENS = re.compile(r"\s+|\w+|[^\w\s]")
EQUAL, INSERT, DELETE = "equal", "insert", "delete"


@dataclass(frozen=True)
class DiffRow:
    label: str
    locale: str | None
    # (EQUAL | INSERT | DELETE, text), in reading order.
    parts: tuple[tuple[str, str], ...]


def diff(old_data: dict | None, new_data: dict, kind: ContentKind) -> list[DiffRow]:
    """The changed fields, in the order of the kind's fields; old_data None means empty."""
    old_data = old_data or {}
    rows = []
    for f in kind.fields:
        for locale in LOCALES if f.localized else (None,):
            old = _shown(f, _value(old_data, f, locale))
            new = _shown(f, _value(new_data, f, locale))
            if old != new:
                rows.append(DiffRow(field_label(f, locale), locale, word_diff(old, new)))
    return rows


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    before, after = TOKENS.findall(old), TOKENS.findall(new)
    parts: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append((EQUAL, "".join(before[a1:a2])))
            continue
        if a2 > a1:
            parts.append((DELETE, "".join(before[a1:a2])))
        if b2 > b1:
            parts.append((INSERT, "".join(after[b1:b2])))
    return tuple(parts)


def _value(data: dict, f: Field, locale: str | None):
    if f.localized:
        return (data.get("texts") or {}).get(locale, {}).get(f.name)
    return (data.get("facts") or {}).get(f.name)


def _shown(f: Field, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if f.kind in ("choice", "multichoice") and f.choices is not None:
        labels = dict(f.choices())
        values = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(v, v)) for v in values)
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)
