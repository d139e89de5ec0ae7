"""What a content kind tells the editor: its fields, how to read and write the live content,
and how a resident would see a draft.

The editor stores every version as data of one shape:

    {"facts": {field: value, ...},                 # not per language (team, norm, links)
     "texts": {"nl": {field: value, ...},          # per language: what a person reads
               "en": {field: value, ...}}}

Values are JSON: str, int, bool, None, lists of str (kind "lines" and "multichoice") and
datetimes as ISO strings "2026-12-24T08:00" (kind "datetime", local time Europe/Amsterdam).
The editor builds the form from `fields`, shows Dutch and English side by side for
localized fields, runs the plain-language checks on text fields and the Markdown safety
check on markdown fields, then calls `validate` for the rules only the kind knows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import LazyString

LOCALES = ("nl", "en")
SOURCE_LOCALE = "nl"

# Field kinds: line (one line of text), text (plain paragraphs), markdown (the safe subset of
# portal.components.markdown), lines (one entry per line → list of str), choice,
# multichoice (→ list of str), number (int or None), flag (bool), datetime (ISO string or
# None), url (https only).
FIELD_KINDS = (
    "line",
    "text",
    "markdown",
    "lines",
    "choice",
    "multichoice",
    "number",
    "flag",
    "datetime",
    "url",
)


@dataclass(frozen=True)
class Field:
    name: str
    label: LazyString | str
    kind: str = "line"
    localized: bool = False
    # Required in Dutch (localized) or at all (facts). English is never required to save,
    # only shown as missing in the completeness indicator.
    required: bool = False
    max_length: int | None = None
    hint: LazyString | str | None = None
    # For choice and multichoice: a function, so choices come from the database when the
    # form is built (teams, appointment types), not at import.
    choices: Callable[[], list[tuple[str, str]]] | None = None
    # Text the plain-language checks read (localized line, text, markdown and lines).
    checked: bool = True
    # Internal fields (staff notes) are never shown in a resident preview.
    internal: bool = False


@dataclass(frozen=True)
class LiveEntry:
    """A piece of live content as the list in the editor shows it."""

    key: str
    title: str
    published: bool
    updated_at: datetime | None = None


@dataclass(frozen=True)
class TextEntry:
    """One text a person reads, for the checks and the completeness indicator."""

    field: str
    label: str
    locale: str
    text: str
    markdown: bool


class ContentKind:
    """Subclass per kind and register an instance in `editor.kinds.register_all`."""

    name: str = ""
    # Plural for the menu ("Producten"), singular for headings ("Product").
    label: LazyString | str = ""
    label_one: LazyString | str = ""
    fields: tuple[Field, ...] = ()
    # The localized field that names an item (product name, FAQ question).
    title_field: str = "name"
    # May the webteam make new items of this kind (FAQ, notices) or only edit the ones
    # that exist (status texts, e-mail texts: their keys come from code)?
    can_create: bool = True
    # May a published item be withdrawn (taken off the site)? Not for e-mail texts.
    can_withdraw: bool = True
    # A new item's key: a slug the editor types (True) or one made from the title.
    key_from_title: bool = True

    # --- reading and writing the live content (the kind's own area owns the tables) ---

    def list_live(self) -> list[LiveEntry]:
        raise NotImplementedError

    def load_live(self, key: str) -> dict | None:
        """The live content as version data, or None when there is none with this key.
        Used the first time an item is opened, so existing content becomes version 1."""
        raise NotImplementedError

    def empty(self) -> dict:
        """Data for a new item: every field present, empty."""
        facts = {f.name: _empty_value(f) for f in self.fields if not f.localized}
        texts = {
            locale: {f.name: _empty_value(f) for f in self.fields if f.localized}
            for locale in LOCALES
        }
        return {"facts": facts, "texts": texts}

    def validate(self, key: str, data: dict) -> dict[str, str]:
        """Rules the kind knows (a link to a form that does not exist, an end before the
        start). Returns {form field name: B1 message}; form field names are "fact-<name>"
        and "<locale>-<name>" (see editor.forms). Empty when the data may be saved."""
        return {}

    def apply(self, key: str, data: dict) -> None:
        """Write the data to the live tables and make it visible (published). Must fail
        with ValueError (message for the editor) rather than write half of it."""
        raise NotImplementedError

    def withdraw(self, key: str) -> None:
        """Take the content off the site (unpublished), keeping the row."""
        raise NotImplementedError

    def preview(self, key: str, data: dict, locale: str) -> str:
        """The resident's page for this data in `locale`, rendered (full HTML page)."""
        raise NotImplementedError

    def resident_url(self, key: str) -> str | None:
        """Where residents see the live content, if it has a page of its own."""
        return None

    def readonly_facts(self, key: str) -> list[tuple[str, str]]:
        """(label, value) of facts another role keeps (a product's team and norm belong to
        functional administration): the editor shows them but cannot change them."""
        return []

    # --- derived, shared by all kinds ---

    def title(self, data: dict, key: str = "") -> str:
        texts = data.get("texts", {}).get(SOURCE_LOCALE, {})
        return str(
            texts.get(self.title_field) or data.get("facts", {}).get(self.title_field) or key
        )

    def texts(self, data: dict) -> list[TextEntry]:
        """Every localized text in the data, for checks and completeness."""
        entries = []
        for locale in LOCALES:
            values = data.get("texts", {}).get(locale, {})
            for f in self.fields:
                if (
                    not f.localized
                    or not f.checked
                    or f.kind not in ("line", "text", "markdown", "lines")
                ):
                    continue
                value = values.get(f.name)
                text = "\n".join(value) if isinstance(value, list) else str(value or "")
                entries.append(TextEntry(f.name, str(f.label), locale, text, f.kind == "markdown"))
        return entries

    def completeness(self, data: dict) -> dict[str, tuple[int, int]]:
        """Per locale: (filled, total) of the localized fields with text in Dutch."""
        dutch = data.get("texts", {}).get(SOURCE_LOCALE, {})
        wanted = [f.name for f in self.fields if f.localized and dutch.get(f.name)]
        result = {}
        for locale in LOCALES:
            values = data.get("texts", {}).get(locale, {})
            result[locale] = (sum(1 for name in wanted if values.get(name)), len(wanted))
        return result


def _empty_value(f: Field):
    if f.kind in ("lines", "multichoice"):
        return []
    if f.kind == "flag":
        return False
    if f.kind in ("number", "datetime"):
        return None
    return ""
