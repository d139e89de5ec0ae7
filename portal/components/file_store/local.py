"""Files in a folder on this machine: for development, tests and a single instance."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO


class LocalFolderStore:
    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        """The file's place inside the folder; a key that points elsewhere is "missing"."""
        root = self.root.resolve()
        target = (root / key).resolve()
        if not key or root not in target.parents:
            raise FileNotFoundError(key)
        return target

    def put(self, key: str, data: bytes, content_type: str) -> None:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written beside it and renamed: a reader never sees half a file.
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def open(self, key: str) -> BinaryIO:
        return self._path(key).open("rb")

    def delete(self, key: str) -> None:
        try:
            self._path(key).unlink(missing_ok=True)
        except FileNotFoundError:  # a key outside the folder: there is nothing of ours
            return

    def exists(self, key: str) -> bool:
        try:
            return self._path(key).is_file()
        except FileNotFoundError:
            return False
