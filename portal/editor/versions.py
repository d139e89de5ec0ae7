"""Saving drafts and restoring old versions.

Every save is a new version, so nothing an editor wrote is ever overwritten. Two editors on
one item: the form carries the number of the version it started from (`base_number`); when
a newer one exists, the save is refused with a `Conflict` that names the other author, and
the form keeps what was typed.
"""

from __future__ import annotations

import copy

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from portal.auth.principal import Principal
from portal.editor import kinds
from portal.editor.kinds.base import ContentKind
from portal.editor.locks import take_lock
from portal.editor.models import DRAFT, Item, Version
from portal.editor.services import (
    Conflict,
    EditorError,
    audit,
    author_of,
    find_item,
    newest_version,
    utcnow,
    version_by_number,
)
from portal.editor.validation import label_of, validate
from portal.extensions import db


class Invalid(EditorError):
    """The data breaks rules; `errors` is {form field name: message}."""

    def __init__(self, errors: dict[str, str], message=None) -> None:
        super().__init__(message or _l("Controleer de velden met een foutmelding."))
        self.errors = errors


def kind_of(item: Item) -> ContentKind:
    kind = kinds.get(item.kind)
    if kind is None:
        raise LookupError(item.kind)
    return kind


def complete(kind: ContentKind, data: dict) -> dict:
    """The data with every field the kind has now (an old version may miss new ones)."""
    result = kind.empty()
    result["facts"].update(
        {k: v for k, v in (data.get("facts") or {}).items() if k in result["facts"]}
    )
    for locale, values in (data.get("texts") or {}).items():
        if locale in result["texts"]:
            wanted = result["texts"][locale]
            wanted.update({k: v for k, v in (values or {}).items() if k in wanted})
    return result


def save_draft(item: Item, data: dict, base_number: int, principal: Principal) -> Version:
    """A new draft version with this data. Nothing is saved when someone else saved after
    `base_number` (Conflict) or the data breaks a rule (Invalid). Saving what the newest
    version already holds makes no new version."""
    kind = kind_of(item)
    newest = newest_version(item)
    if (newest.number if newest else 0) != base_number:
        if newest is None:
            raise EditorError(_l("Dit formulier hoort bij een andere versie. Open het opnieuw."))
        raise Conflict(newest)
    errors = validate(kind, item.key, data)
    if errors:
        raise Invalid(errors)
    if newest is not None and newest.data == data:
        take_lock(item, principal)
        return newest
    version = _add_version(item, kind, data, principal)
    audit("save", item, principal, f"versie {version.number}")
    return version


def restore(item: Item, version_number: int, principal: Principal) -> Version:
    """A new draft with the data of an older version, when it still fits the kind now: a
    form or appointment type it links to may be gone (Invalid, nothing created)."""
    kind = kind_of(item)
    source = version_by_number(item, version_number)
    if source is None:
        raise EditorError(_l("Deze versie bestaat niet."))
    data = complete(kind, source.data)
    errors = validate(kind, item.key, data)
    if errors:
        name, problem = next(iter(errors.items()))
        raise Invalid(
            errors,
            _l(
                "Versie %(number)s kan niet terug. Het veld ‘%(label)s’ klopt niet meer: "
                "%(problem)s",
                number=version_number,
                label=label_of(kind, name),
                problem=problem,
            ),
        )
    version = _add_version(item, kind, data, principal, restored_from=version_number)
    audit("restore", item, principal, f"versie {version_number} als versie {version.number}")
    return version


def _add_version(
    item: Item,
    kind: ContentKind,
    data: dict,
    principal: Principal,
    restored_from: int | None = None,
) -> Version:
    newest = newest_version(item)
    now = utcnow()
    ref, name = author_of(principal)
    version = Version(
        item=item,
        number=(newest.number if newest else 0) + 1,
        data=copy.deepcopy(data),
        state=DRAFT,
        author_ref=ref,
        author_name=name,
        created_at=now,
        restored_from=restored_from,
    )
    db.session.add(version)
    item.title = kind.title(data, item.key)[:300]
    item.updated_at = now
    take_lock(item, principal, now)
    try:
        db.session.flush()
    except IntegrityError:
        # Another editor's save took this number a moment ago.
        db.session.rollback()
        winner = find_item(kind, item.key)
        raise Conflict(newest_version(winner)) from None
    return version
