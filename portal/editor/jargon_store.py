"""The webteam's list of officialese in the database: read it for the checks, and add,
change and delete words (each audited). Nothing here commits; the view does.

An empty list is filled with `jargon.DEFAULTS` the first time the list page opens, so a
new portal checks for the usual words at once and the webteam can change them.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.auth.audit import record_event
from portal.auth.principal import Principal
from portal.editor.jargon import DEFAULTS, Entry, default_entries
from portal.editor.models import JargonWord
from portal.extensions import db

LOCALE = "nl"
WORD_MAX = 100
PLAIN_MAX = 200
# Letters, with single spaces, hyphens or apostrophes between them ("met betrekking tot").
_WORD_SHAPE = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class JargonError(ValueError):
    """A B1 message about one field of the form ("word" or "plain")."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Cleaned:
    word: str
    plain: str


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def rows(locale: str = LOCALE) -> list[JargonWord]:
    return list(
        db.session.scalars(
            select(JargonWord).where(JargonWord.locale == locale).order_by(JargonWord.word)
        )
    )


def entries(locale: str = LOCALE) -> list[Entry]:
    """The words the checks look for; the defaults while nobody has made a list yet."""
    found = [Entry(row.word, row.plain) for row in rows(locale)]
    return found or (default_entries() if locale == LOCALE else [])


def ensure_seeded(locale: str = LOCALE) -> bool:
    """Fill an empty list with the defaults; True when it did."""
    count = db.session.scalar(
        select(func.count()).select_from(JargonWord).where(JargonWord.locale == locale)
    )
    if count or locale != LOCALE:
        return False
    now = _now()
    for word, plain in DEFAULTS:
        db.session.add(JargonWord(locale=locale, word=word, plain=plain, updated_at=now))
    db.session.flush()
    return True


def get(word_id: int) -> JargonWord | None:
    return db.session.get(JargonWord, word_id)


def clean(word: str | None, plain: str | None, *, except_id: int | None = None) -> Cleaned:
    """The word and its alternative as stored, or JargonError about the first problem."""
    word = " ".join((word or "").split()).lower()
    plain = " ".join((plain or "").split())
    if not word:
        raise JargonError("word", _("Vul het woord in."))
    if len(word) > WORD_MAX:
        raise JargonError(
            "word", _("Het woord is te lang. Gebruik maximaal %(n)s tekens.", n=WORD_MAX)
        )
    if not _WORD_SHAPE.match(word):
        raise JargonError("word", _("Schrijf alleen letters, met een spatie of streepje ertussen."))
    if not plain:
        raise JargonError("plain", _("Vul in welk gewoon woord de schrijver beter kan gebruiken."))
    if len(plain) > PLAIN_MAX or _CONTROL.search(plain):
        raise JargonError(
            "plain", _("Gebruik maximaal %(n)s tekens, zonder speciale tekens.", n=PLAIN_MAX)
        )
    same = db.session.scalar(
        select(JargonWord.id).where(JargonWord.locale == LOCALE, JargonWord.word == word)
    )
    if same is not None and same != except_id:
        raise JargonError("word", _("Dit woord staat al in de lijst. Wijzig het daar."))
    return Cleaned(word, plain)


def add(word: str | None, plain: str | None, by: Principal) -> JargonWord:
    cleaned = clean(word, plain)
    row = JargonWord(locale=LOCALE, word=cleaned.word, plain=cleaned.plain, updated_at=_now())
    db.session.add(row)
    db.session.flush()
    record_event("editor.jargon_add", "allowed", principal=by, target=cleaned.word)
    return row


def change(row: JargonWord, word: str | None, plain: str | None, by: Principal) -> None:
    cleaned = clean(word, plain, except_id=row.id)
    before = row.word
    row.word, row.plain, row.updated_at = cleaned.word, cleaned.plain, _now()
    db.session.flush()
    record_event(
        "editor.jargon_change", "allowed", principal=by, target=cleaned.word, detail=before
    )


def delete(row: JargonWord, by: Principal) -> None:
    record_event("editor.jargon_delete", "allowed", principal=by, target=row.word)
    db.session.delete(row)
    db.session.flush()
