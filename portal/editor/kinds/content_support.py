"""Small pieces the FAQ, notice and text kinds share: reading version data, the product
choice, local times and rendering a resident page in the preview's language."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_request_context
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from portal.catalog import models as catalog_models
from portal.editor.kinds.base import LOCALES, SOURCE_LOCALE
from portal.extensions import db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


def text(data: dict, locale: str, name: str) -> str:
    value = data.get("texts", {}).get(locale, {}).get(name)
    return value.strip() if isinstance(value, str) else ""


def lines(data: dict, locale: str, name: str) -> list[str]:
    value = data.get("texts", {}).get(locale, {}).get(name)
    if not isinstance(value, list):
        return []
    return [line.strip() for line in value if isinstance(line, str) and line.strip()]


def fact(data: dict, name: str):
    return data.get("facts", {}).get(name)


def product_names() -> dict[str, str]:
    """Every product's Dutch name by slug, published or not (staff choose among them)."""
    rows = db.session.execute(
        select(catalog_models.Product.slug, catalog_models.ProductText.name)
        .join(catalog_models.ProductText)
        .where(catalog_models.ProductText.locale == SOURCE_LOCALE)
    ).all()
    return dict(sorted(((slug, name) for slug, name in rows), key=lambda row: row[1].lower()))


def product_choices() -> list[tuple[str, str]]:
    return list(product_names().items())


def to_utc(value) -> datetime | None:
    """A local time as the editor stores it ("2026-12-24T08:00", Europe/Amsterdam) in naive
    UTC, as the database keeps times; None when empty or not a time."""
    from portal.editor.validation import parse_datetime

    local = parse_datetime(value) if isinstance(value, str) else None
    if local is None:
        return None
    return local.replace(tzinfo=AMSTERDAM).astimezone(UTC).replace(tzinfo=None)


def to_local(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC).astimezone(AMSTERDAM).strftime(LOCAL_FORMAT)


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def english_consistency(data: dict, names: tuple[str, ...]) -> dict[str, str]:
    """English is optional, but half of it is a mistake: a question without its answer."""
    filled = [name for name in names if text(data, "en", name) or lines(data, "en", name)]
    if not filled or len(filled) == len(names):
        return {}
    missing = next(name for name in names if name not in filled)
    return {
        f"en-{missing}": _(
            "Vul dit ook in het Engels in. Of maak de andere Engelse velden leeg. "
            "Dan ziet een Engelse lezer de Nederlandse tekst."
        )
    }


def refuse(kind, key: str, data: dict, extra: dict[str, str] | None = None) -> None:
    """apply() writes nothing when the data breaks a rule (a restored old version, a
    scheduled publication whose end has passed): the first message as ValueError. The
    editor's own checks run again too, so nothing too long or unsafe reaches the tables."""
    from portal.editor.validation import validate

    errors = {**(extra or {}), **validate(kind, key, data)}
    if errors:
        raise ValueError(next(iter(errors.values())))


def staff_language(method: Callable) -> Callable:
    """For validate, apply and withdraw: the worker publishes at a set time without a
    visitor, so its messages (and choice labels) are made in Dutch, the staff's language."""

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        if has_request_context():
            return method(*args, **kwargs)
        with force_locale(SOURCE_LOCALE):
            return method(*args, **kwargs)

    return wrapper


def in_locale(locale: str, render: Callable[[], str]) -> str:
    """Render a resident page in `locale` (the preview's language, not the editor's)."""
    with force_locale(locale if locale in LOCALES else SOURCE_LOCALE):
        return render()


def view_page(endpoint: str, **arguments) -> str:
    """The resident's page as its own view renders it, so a preview is never a look-alike."""
    response = current_app.view_functions[endpoint](**arguments)
    return response if isinstance(response, str) else response.get_data(as_text=True)
