"""What must be true of version data before it is saved, whatever the kind: safe Markdown,
no HTML in plain text, Dutch text where it is required, dates that exist, https links,
known choices and lengths within bounds. Then the kind's own rules (`kind.validate`).

Messages are B1 Dutch and keyed by form field name ("nl-summary", "fact-form_slug"), so
the edit form shows each next to its field and in the error summary.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from portal.components import markdown
from portal.components.limits import count_message
from portal.editor.kinds.base import LOCALES, SOURCE_LOCALE, ContentKind, Field

# Lengths when a field does not set max_length: a line is a heading or a name; text and
# Markdown are a page section at most.
DEFAULT_MAX = {"line": 200, "url": 500, "text": 5000, "markdown": 20000, "lines": 5000}
LINE_MAX = 200
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "Engels"}
DATETIME_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M", "%Y-%m-%dT%H:%M:%S")


def form_name(f: Field, locale: str | None = None) -> str:
    return f"{locale}-{f.name}" if f.localized else f"fact-{f.name}"


def field_label(f: Field, locale: str | None = None) -> str:
    if not f.localized or locale is None:
        return str(f.label)
    return _("%(label)s (%(language)s)", label=f.label, language=_(LANGUAGE_NAMES[locale]))


def label_of(kind: ContentKind, name: str) -> str:
    """The label of a form field name ("nl-summary" → "Samenvatting (Nederlands)")."""
    for f in kind.fields:
        for locale in LOCALES if f.localized else (None,):
            if form_name(f, locale) == name:
                return field_label(f, locale)
    return name


def parse_datetime(value: str) -> datetime | None:
    """A typed date and time (datetime-local, or "24-12-2026 08:00"), else None."""
    value = (value or "").strip()
    for pattern in DATETIME_FORMATS:
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            continue
    return None


def is_empty(value) -> bool:
    return value is None or value == "" or value == []


def validate(kind: ContentKind, key: str, data: dict) -> dict[str, str]:
    """{form field name: message}; empty when the data may be saved."""
    errors: dict[str, str] = {}
    for f in kind.fields:
        for locale in LOCALES if f.localized else (None,):
            if f.localized:
                value = data.get("texts", {}).get(locale, {}).get(f.name)
            else:
                value = data.get("facts", {}).get(f.name)
            required = f.required and (not f.localized or locale == SOURCE_LOCALE)
            message = _field_problem(f, value, field_label(f, locale), required)
            if message:
                errors[form_name(f, locale)] = message
    for name, message in (kind.validate(key, data) or {}).items():
        errors.setdefault(name, str(message))
    return errors


def _field_problem(f: Field, value, label: str, required: bool) -> str | None:
    if is_empty(value):
        return _("Vul het veld ‘%(label)s’ in.", label=label) if required else None
    if f.kind in ("lines", "multichoice"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return _("Het veld ‘%(label)s’ is niet goed ingevuld.", label=label)
    elif f.kind == "flag":
        return None if isinstance(value, bool) else _("Kies ja of nee.")
    elif f.kind == "number":
        if isinstance(value, bool) or not isinstance(value, int):
            return _("Vul bij ‘%(label)s’ een heel getal in, bijvoorbeeld 5.", label=label)
        return None
    elif not isinstance(value, str):
        return _("Het veld ‘%(label)s’ is niet goed ingevuld.", label=label)
    return _text_problem(f, value, label)


def _text_problem(f: Field, value, label: str) -> str | None:
    text = "\n".join(value) if isinstance(value, list) else value
    limit = f.max_length or DEFAULT_MAX.get(f.kind)
    if limit and len(text) > limit:
        too_long = _("De tekst bij ‘%(label)s’ is te lang.", label=label)
        return f"{too_long} {count_message(limit, len(text))}"
    if f.kind == "lines" and any(len(line) > LINE_MAX for line in value):
        return _(
            "Een regel bij ‘%(label)s’ is te lang. Gebruik maximaal %(limit)s tekens per regel.",
            label=label,
            limit=LINE_MAX,
        )
    if f.kind == "markdown":
        found = markdown.problems(text)
        return f"{label}: {found[0]}" if found else None
    if f.kind in ("line", "text", "lines") and (
        markdown.RAW_HTML.search(text) or markdown.HTML_COMMENT.search(text)
    ):
        return _("Gebruik geen HTML-code bij ‘%(label)s’. Schrijf gewone tekst.", label=label)
    if f.kind == "datetime" and parse_datetime(text) is None:
        return _(
            "Vul bij ‘%(label)s’ een datum en tijd in, bijvoorbeeld 24-12-2026 08:00.", label=label
        )
    if f.kind == "url":
        return _url_problem(text, label)
    if f.kind in ("choice", "multichoice") and f.choices is not None:
        allowed = {code for code, _label in f.choices()}
        chosen = value if isinstance(value, list) else [value]
        if any(v not in allowed for v in chosen):
            return _(
                "De keuze bij ‘%(label)s’ bestaat niet (meer). Kies een van de mogelijkheden.",
                label=label,
            )
    return None


def _url_problem(url: str, label: str) -> str | None:
    code = markdown.link_problem(url)
    if code:
        return f"{label}: {markdown.MESSAGES[code]}"
    if not url.startswith("https://"):
        return _("Een link bij ‘%(label)s’ moet beginnen met https://.", label=label)
    return None
