"""Where uploaded files are kept: a folder on this machine, or an S3-compatible object store.

With more than one instance of the portal, a file kept on one machine's disk is missing on
the others, so production uses an object store that every instance reaches
(`FILE_STORE=s3`). Development and tests keep the local folder (`FILE_STORE=local`).

Files are never public: the object store holds them privately and the portal serves them
only through routes that check who may see them. Keys are made by the portal
("cases/<random>.pdf"); a key that tries to leave its place is refused as missing.

The store is made once in the app factory (`init_app`) and shared by all threads of the
process; `current()` returns it.
"""

from __future__ import annotations

from typing import BinaryIO, Protocol

from flask import Flask, current_app

from portal.components.file_store.local import LocalFolderStore
from portal.components.file_store.s3 import S3Store
from portal.config import ConfigError

EXTENSION_KEY = "file_store"


class FileStore(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None:
        """Keep `data` under `key`, replacing what was there."""

    def open(self, key: str) -> BinaryIO:
        """The file for reading; raises FileNotFoundError when there is none."""

    def delete(self, key: str) -> None:
        """Remove the file; a missing file is fine."""

    def exists(self, key: str) -> bool: ...


def build(config) -> FileStore:
    kind = (config.get("FILE_STORE") or "local").strip().lower()
    if kind == "local":
        return LocalFolderStore(config["FILE_STORE_PATH"])
    if kind == "s3":
        if not config.get("S3_BUCKET"):
            raise ConfigError("FILE_STORE=s3 needs S3_BUCKET.")
        return S3Store(
            bucket=config["S3_BUCKET"],
            endpoint_url=config.get("S3_ENDPOINT_URL") or None,
            region=config.get("S3_REGION") or None,
            access_key_id=config.get("S3_ACCESS_KEY_ID") or None,
            secret_access_key=config.get("S3_SECRET_ACCESS_KEY") or None,
            encryption=config.get("S3_SERVER_SIDE_ENCRYPTION") or None,
        )
    raise ConfigError(f"FILE_STORE must be 'local' or 's3', not {kind!r}.")


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION_KEY] = build(app.config)


def current() -> FileStore:
    return current_app.extensions[EXTENSION_KEY]


__all__ = ["FileStore", "LocalFolderStore", "S3Store", "build", "current", "init_app"]
