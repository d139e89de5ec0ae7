"""The file store for case documents: files on disk under FILE_STORE_PATH, never public.

Files are only served through a route that checks who may see the case. The type is decided
from the file's content (magic bytes), not from the name or the browser's claim.
"""

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

import filetype
from flask import current_app

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


def _root() -> Path:
    return Path(current_app.config["FILE_STORE_PATH"])


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
    target = _root() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    clean_name = Path(name.replace("\\", "/")).name.strip() or f"document.{extension}"
    return StoredFile(relative, clean_name[:255], content_type, len(data))


def open_stored(relative: str) -> BinaryIO:
    root = _root().resolve()
    target = (root / relative).resolve()
    if root not in target.parents:
        raise FileNotFoundError(relative)
    return target.open("rb")
