"""The file store for case documents, report photos and request uploads; never public.

Where the files live is `portal.components.file_store` (a local folder, or an S3-compatible
object store shared by all instances). Files are only served through a route that checks
who may see them. The type is decided from the file's content (magic bytes), not from the
name or the browser's claim.

A file is stored before the database row that points at it is committed. When that
transaction is rolled back instead (a failed save), the files it stored are deleted again,
so a failed save leaves no file behind that nothing points at.
"""

import logging
import uuid
from dataclasses import dataclass
from typing import BinaryIO, Protocol

import filetype
from sqlalchemy import event

from portal.components import file_store
from portal.components.file_names import display_name
from portal.extensions import db

log = logging.getLogger(__name__)

ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class Upload(Protocol):
    """What a werkzeug FileStorage offers: enough to store a file from a form."""

    filename: str | None
    stream: BinaryIO


class FileRejected(ValueError):
    """The file cannot be accepted; `reason` is "type", "size" or "empty"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class StoredFile:
    path: str
    name: str
    content_type: str
    size: int


def store(upload: Upload, *, max_bytes: int = MAX_UPLOAD_BYTES) -> StoredFile:
    """Check and keep an uploaded file; raises FileRejected with the reason."""
    data = upload.stream.read(max_bytes + 1)
    if not data:
        raise FileRejected("empty")
    if len(data) > max_bytes:
        raise FileRejected("size")
    kind = filetype.guess(data)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise FileRejected("type")
    return store_bytes(data, name=upload.filename or "", content_type=kind.mime)


def store_bytes(data: bytes, *, name: str, content_type: str) -> StoredFile:
    extension = ALLOWED_TYPES.get(content_type, "bin")
    # A random name: the stored path never reveals whose file it is.
    relative = f"cases/{uuid.uuid4().hex}.{extension}"
    store = file_store.current()
    store.put(relative, data, content_type)
    _remember_until_commit(store, relative)
    clean_name = display_name(name, content_type, fallback=f"document.{extension}")
    return StoredFile(relative, clean_name, content_type, len(data))


def open_stored(relative: str) -> BinaryIO:
    """The stored file for reading; FileNotFoundError when it is not there."""
    return file_store.current().open(relative)


def delete(relative: str) -> None:
    """Remove a stored file; a file that is already gone is fine."""
    file_store.current().delete(relative)


def exists(relative: str) -> bool:
    return file_store.current().exists(relative)


# --- files of a transaction that did not commit ---------------------------------------------

PENDING = "portal.cases.files.pending"


def _remember_until_commit(store: file_store.FileStore, relative: str) -> None:
    session = db.session()
    if not session.in_transaction():
        # Begun now (no connection is taken yet), so that a rollback or close has a
        # transaction whose end we see.
        session.begin()
    session.info.setdefault(PENDING, []).append((store, relative))


@event.listens_for(db.session, "after_commit")
def _committed(session) -> None:
    session.info.pop(PENDING, None)


@event.listens_for(db.session, "after_transaction_end")
def _ended(session, transaction) -> None:
    """The outer transaction ended without a commit (rollback or close): its files go."""
    if transaction.parent is not None:  # a savepoint; the outer transaction decides
        return
    for store, relative in session.info.pop(PENDING, None) or ():
        try:
            store.delete(relative)
        except Exception:  # the store is unreachable: the rollback itself must go on
            log.exception("could not delete stored file %s after a rollback", relative)
