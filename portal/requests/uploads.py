"""Files added to a request: checked by content, cleaned, kept in the case file store.

The type comes from the file's first bytes (`filetype`), never from its name or the browser.
Photos are drawn again without their metadata (EXIF: camera, time and GPS location), turned
the way the camera meant. Each refusal has its own B1 message that names the file.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass

import filetype
from flask_babel import gettext as _
from PIL import Image, ImageOps

from portal.cases import files
from portal.components import images
from portal.components.file_names import display_name
from portal.requests.definition import Field
from portal.requests.models import Draft, DraftUpload

TYPE_NAMES = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}
IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}


class UploadRefused(ValueError):
    """The file cannot be added; the message is B1 Dutch and names the file."""


@dataclass(frozen=True)
class Incoming:
    name: str
    data: bytes


def _types_text(item: Field) -> str:
    names = [TYPE_NAMES.get(kind, kind) for kind in item.accept]
    if len(names) == 1:
        return names[0]
    return _("%(first)s of %(last)s", first=", ".join(names[:-1]), last=names[-1])


def strip_metadata(data: bytes, content_type: str, name: str = "") -> bytes:
    """The image drawn again without EXIF, XMP or text chunks; orientation applied first.
    The pixel count is checked before anything is decoded (`components.images`)."""
    try:
        with images.open_bounded(data, content_type) as image:
            upright = ImageOps.exif_transpose(image)
            clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
            if upright.mode == "P" and upright.getpalette():
                clean.putpalette(upright.getpalette())
            out = io.BytesIO()
            options = {"quality": 92} if content_type == "image/jpeg" else {}
            clean.save(out, format=IMAGE_FORMATS[content_type], **options)
            return out.getvalue()
    except images.TooManyPixels as error:
        raise UploadRefused(
            _(
                "De foto %(name)s heeft te veel pixels. "
                "Kies een foto van maximaal %(mp)s megapixel.",
                name=name or _("het bestand"),
                mp=error.megapixels,
            )
        ) from error
    except Exception as error:  # a hostile file can break a decoder in any way
        raise UploadRefused(_("Wij kunnen deze foto niet openen. Kies een andere foto.")) from error


def check(item: Field, incoming: Incoming, already: int) -> tuple[bytes, str]:
    """The cleaned bytes and their type, or UploadRefused with the reason."""
    name = display_name(incoming.name) or _("het bestand")
    if already >= item.max_files:
        raise UploadRefused(
            _("U kunt hier maximaal %(n)s bestanden toevoegen.", n=item.max_files)
            if item.max_files > 1
            else _("U kunt hier 1 bestand toevoegen. Verwijder eerst het bestand dat er al is.")
        )
    if not incoming.data:
        raise UploadRefused(_("Het bestand %(name)s is leeg. Kies een ander bestand.", name=name))
    if len(incoming.data) > item.max_mb * 1024 * 1024:
        raise UploadRefused(
            _(
                "Het bestand %(name)s is groter dan %(mb)s MB. Kies een kleiner bestand.",
                name=name,
                mb=item.max_mb,
            )
        )
    kind = filetype.guess(incoming.data)
    if kind is None or kind.mime not in item.accept:
        raise UploadRefused(
            _(
                "Het bestand %(name)s is geen %(types)s. Kies een %(types)s.",
                name=name,
                types=_types_text(item),
            )
        )
    data = incoming.data
    if kind.mime in IMAGE_FORMATS:
        data = strip_metadata(data, kind.mime, name)
    return data, kind.mime


def add(draft: Draft, item: Field, incoming: Incoming, now) -> DraftUpload:
    """Check and keep one file for a field of the draft; raises UploadRefused."""
    already = sum(1 for upload in draft.uploads if upload.field == item.name)
    data, content_type = check(item, incoming, already)
    stored = files.store_bytes(data, name=incoming.name, content_type=content_type)
    upload = DraftUpload(
        token=uuid.uuid4().hex,
        field=item.name,
        name=stored.name,
        content_type=stored.content_type,
        size=stored.size,
        path=stored.path,
        created_at=now,
    )
    draft.uploads.append(upload)
    return upload


def remove_file(path: str) -> None:
    """Delete a stored file of a draft that was removed; a missing file is fine."""
    files.delete(path)
