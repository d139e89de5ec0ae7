"""A per-process copy of the published catalogue, dropped everywhere at once on publication.

Every publication bumps the number in `catalog_generation` (`drop`); each process compares
the number it cached with the database's, so a web worker serves a catalogue at most
CATALOG_CHECK_SECONDS (default 1) older than the last publication. Reading the number is one
small query; a process reads it at most once in that time, not on every request, because on
the pages a visitor asks most (kept whole, `page_cache`) that query was most of the work. The
process that publishes reads it again at once.

The copy belongs to the app (one per process in production, a fresh one per test). Threads
share it: a new copy replaces the old one in a single assignment, never by changing a
dict another thread may be reading.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from flask import current_app, has_request_context, request
from sqlalchemy import event, select, update

from portal.catalog.models import CatalogGeneration
from portal.extensions import db

GENERATION_ROW = 1
EXTENSION = "catalog_cache"
# The number read at the start of this request (request.environ), so one page that asks
# for products and life events reads it once.
REQUEST_KEY = "portal.catalog_generation"
# The transaction that called `drop` (session.info): until it ends, its own reads see
# content that is not committed yet, and that must never be cached for other requests.
DROPPED_IN = "catalog_dropped_in"
CHECK_SECONDS = 1.0

T = TypeVar("T")


@dataclass(frozen=True)
class _Copy:
    generation: int
    values: dict = field(default_factory=dict)


class _Store:
    copy: _Copy | None = None
    # (number, time.monotonic() when read) of the last reading of the generation.
    seen: tuple[int, float] | None = None


def generation() -> int:
    number = db.session.scalar(
        select(CatalogGeneration.number).where(CatalogGeneration.id == GENERATION_ROW)
    )
    return number or 0


def drop() -> None:
    """Make every process reload the catalogue on its next request (call it in the
    transaction that publishes, so the new number and the new content commit together)."""
    changed = db.session.execute(
        update(CatalogGeneration)
        .where(CatalogGeneration.id == GENERATION_ROW)
        .values(number=CatalogGeneration.number + 1)
    ).rowcount
    if not changed:
        db.session.add(CatalogGeneration(id=GENERATION_ROW, number=1))
    db.session.flush()
    session = db.session()
    session.info[DROPPED_IN] = session.get_transaction()
    store = _store()

    def read_again(_session) -> None:
        store.seen = None

    event.listen(session, "after_commit", read_again, once=True)
    if has_request_context():
        request.environ.pop(REQUEST_KEY, None)


def _dropped_in_this_transaction() -> bool:
    session = db.session()
    marked = session.info.get(DROPPED_IN)
    return marked is not None and marked is session.get_transaction()


def _current_generation() -> int:
    if not has_request_context():
        return generation()
    if REQUEST_KEY not in request.environ:
        request.environ[REQUEST_KEY] = _recent_generation()
    return request.environ[REQUEST_KEY]


def _recent_generation() -> int:
    seconds = current_app.config.get("CATALOG_CHECK_SECONDS", CHECK_SECONDS)
    store = _store()
    seen, now = store.seen, time.monotonic()
    if seen is not None and now - seen[1] < seconds:
        return seen[0]
    number = generation()
    store.seen = (number, now)
    return number


def _store() -> _Store:
    return current_app.extensions.setdefault(EXTENSION, _Store())


def cached(name: str, build: Callable[[], T]) -> T:
    """What `build` returns for `name`, reused while no publication happened.

    The generation is read before `build` runs, so the content is never older than the
    number it is kept under; a copy built meanwhile by a slower thread for an older
    number never replaces a newer one.
    """
    if _dropped_in_this_transaction():
        return build()
    number = _current_generation()
    store = _store()
    copy = store.copy
    if copy is not None and copy.generation == number and name in copy.values:
        return copy.values[name]
    value = build()
    latest = store.copy
    if latest is None or latest.generation < number:
        store.copy = _Copy(number, {name: value})
    elif latest.generation == number:
        store.copy = _Copy(number, {**latest.values, name: value})
    return value
