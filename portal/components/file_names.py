"""File names as people sent them, made safe to show and to keep.

A name can carry folders ("C:\\\\Users\\\\..."), control characters, and Unicode format
characters such as the right-to-left override, which makes "factuur\\u202egpj.exe" look like
"factuurexe.jpg". Those are removed; the extension follows the type the content was
sniffed as, never the sender's claim, so a PDF named ".exe" is kept and shown as ".pdf".
"""

import unicodedata
from pathlib import PurePosixPath

# Extensions per sniffed type; the first is used when the sender's does not fit.
EXTENSIONS = {
    "application/pdf": ("pdf",),
    "image/jpeg": ("jpg", "jpeg"),
    "image/png": ("png",),
}
MAX_LENGTH = 100
# Cc: control characters; Cf: format characters (bidi overrides, zero-width joiners);
# Zl/Zp: line and paragraph separators.
_REMOVED = {"Cc", "Cf", "Zl", "Zp"}


def _visible(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    kept = "".join(char for char in text if unicodedata.category(char) not in _REMOVED)
    return " ".join(kept.split())


def display_name(name: str | None, content_type: str | None = None, fallback: str = "") -> str:
    """The base name without folders or invisible characters, at most MAX_LENGTH long, with
    the extension of `content_type` when one is given; `fallback` when nothing is left."""
    base = _visible(PurePosixPath((name or "").replace("\\", "/")).name)
    if content_type not in EXTENSIONS:
        return base[:MAX_LENGTH] or fallback
    allowed = EXTENSIONS[content_type]
    stem, dot, extension = base.rpartition(".")
    if not dot:
        stem, extension = base, ""
    extension = extension.lower() if extension.lower() in allowed else allowed[0]
    stem = stem.strip(" .")[: MAX_LENGTH - len(extension) - 1]
    if not stem:
        return fallback or f"document.{extension}"
    return f"{stem}.{extension}"
