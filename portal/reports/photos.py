"""Photos of a report: checked, cleaned and kept in the case file store.

Which photos work: JPEG and PNG, recognised by their first bytes, never by name or by what
the browser says. HEIC (the iPhone format) is not decoded here: this Pillow has no HEIF
decoder. iPhones turn HEIC into JPEG themselves when a page asks for `accept="image/*"`, so
residents rarely meet this; when they do, the message names the types that work.

The pixel size is read from the file's header before anything is decoded, so a
decompression bomb (a few KB that unpack into gigabytes) is refused at once. Camera photos
(JPEG) may have more pixels than PNGs: a JPEG is decoded at a reduced scale (`thumbnail`
uses the decoder's draft mode), a PNG only in full.

The GPS position is read before the photo is drawn again without any metadata (EXIF, XMP,
ICC, text chunks), turned the way the camera meant and made no larger than `STORED_SIDE`.
A JPEG thumbnail goes beside it. Each refusal is a B1 message that names the file.
"""

from __future__ import annotations

import io
import math
import uuid
from collections.abc import Iterable

import filetype
from flask import url_for
from flask_babel import gettext as _
from PIL import ExifTags, Image

from portal.cases import files
from portal.components import file_names, images
from portal.reports.drafts import now
from portal.reports.models import Report, ReportPhoto
from portal.requests.uploads import remove_file

MAX_BYTES = 10 * 1024 * 1024
MAX_MB = 10
# Megapixels per type: phone cameras make up to 50 MP JPEGs; a PNG decodes in full.
MAX_PIXELS = images.MAX_PIXELS
FORMATS = images.FORMATS
STORED_SIDE = 2560
THUMBNAIL_SIDE = 320
NAME_MAX = 100
# EXIF orientation → the turn that makes the photo upright (as ImageOps.exif_transpose).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


class PhotoRefused(ValueError):
    """The photo cannot be added; the message is B1 Dutch and names the file."""


def display_name(name: str | None) -> str:
    """The file name without folders or invisible characters, short enough to show."""
    return file_names.display_name(name)[:NAME_MAX]


def _shown(name: str) -> str:
    return name or _("uw foto")


def too_large_message(name: str = "") -> str:
    if not name:
        return _("De foto die u koos is groter dan %(mb)s MB. Kies een kleinere foto.", mb=MAX_MB)
    return _(
        "De foto %(name)s is groter dan %(mb)s MB. Kies een kleinere foto.", name=name, mb=MAX_MB
    )


def _too_many_pixels(name: str, content_type: str) -> PhotoRefused:
    return PhotoRefused(
        _(
            "De foto %(name)s heeft te veel pixels. Kies een foto van maximaal %(mp)s megapixel.",
            name=_shown(name),
            mp=MAX_PIXELS[content_type] // 1_000_000,
        )
    )


def _unreadable(name: str) -> PhotoRefused:
    return PhotoRefused(
        _(
            "Wij kunnen de foto %(name)s niet openen. Misschien is het bestand kapot. "
            "Kies een andere foto.",
            name=_shown(name),
        )
    )


def accept(data: bytes, name: str) -> dict:
    """Check a photo (type by content, size, pixel count before decoding), read its GPS
    position, store it without metadata plus a thumbnail. Returns the draft's photo entry:
    {"token", "path", "thumbnail_path", "name", "content_type", "size", "gps": [lat, lon] | None}.
    Raises PhotoRefused."""
    name = display_name(name)
    if not data:
        raise PhotoRefused(
            _("Het bestand %(name)s is leeg. Kies een andere foto.", name=_shown(name))
        )
    if len(data) > MAX_BYTES:
        raise PhotoRefused(too_large_message(_shown(name)))
    kind = filetype.guess(data)
    content_type = kind.mime if kind is not None else ""
    if content_type not in FORMATS:
        raise PhotoRefused(
            _(
                "Het bestand %(name)s is geen foto die wij kunnen gebruiken. "
                "Kies een foto van het type JPG of PNG.",
                name=_shown(name),
            )
        )
    photo, thumbnail, gps = _cleaned(data, content_type, name)
    stored = files.store_bytes(photo, name=name, content_type=content_type)
    small = files.store_bytes(thumbnail, name=name, content_type="image/jpeg")
    return {
        "token": uuid.uuid4().hex,
        "path": stored.path,
        "thumbnail_path": small.path,
        "name": name,
        "content_type": content_type,
        "size": stored.size,
        "gps": list(gps) if gps else None,
    }


def _cleaned(data: bytes, content_type: str, name: str) -> tuple[bytes, bytes, tuple | None]:
    """The photo and its thumbnail drawn again without metadata, and the GPS position."""
    try:
        with images.open_bounded(data, content_type) as image:
            exif = image.getexif()
            gps = gps_position(exif)
            orientation = exif.get(ExifTags.Base.Orientation)
            image.thumbnail((STORED_SIDE, STORED_SIDE))
            upright = image.transpose(UPRIGHT[orientation]) if orientation in UPRIGHT else image
            clean = _without_metadata(upright, content_type)
    except images.TooManyPixels as error:
        raise _too_many_pixels(name, content_type) from error
    except Exception as error:  # a hostile file can break a decoder in any way
        raise _unreadable(name) from error
    return _encoded(clean, content_type), _thumbnail(clean), gps


def _without_metadata(image: Image.Image, content_type: str) -> Image.Image:
    """A new image with only the pixels: no `info`, so nothing else can be written."""
    if content_type == "image/jpeg":
        mode = "L" if image.mode == "L" else "RGB"
    else:
        has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        mode = "RGBA" if has_alpha else ("L" if image.mode == "L" else "RGB")
    pixels = image.convert(mode) if image.mode != mode else image
    clean = Image.new(mode, pixels.size)
    clean.paste(pixels)
    return clean


def _encoded(image: Image.Image, content_type: str) -> bytes:
    out = io.BytesIO()
    if content_type == "image/jpeg":
        image.save(out, format="JPEG", quality=85)
    else:
        image.save(out, format="PNG")
    return out.getvalue()


def _thumbnail(image: Image.Image) -> bytes:
    small = image.copy()
    small.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    if small.mode in ("RGBA", "LA"):
        # JPEG has no transparency: show it on white, as the page does.
        background = Image.new("RGB", small.size, "white")
        background.paste(small, mask=small.getchannel("A"))
        small = background
    elif small.mode != "L":
        small = small.convert("RGB")
    out = io.BytesIO()
    small.save(out, format="JPEG", quality=80)
    return out.getvalue()


def gps_position(exif: Image.Exif) -> tuple[float, float] | None:
    """The photo's GPS position in decimal degrees (WGS84), or None when it has none or
    the values make no sense (out of range, 0,0, broken rationals)."""
    try:
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        latitude = _degrees(
            gps.get(ExifTags.GPS.GPSLatitude), gps.get(ExifTags.GPS.GPSLatitudeRef), "N", "S", 90
        )
        longitude = _degrees(
            gps.get(ExifTags.GPS.GPSLongitude), gps.get(ExifTags.GPS.GPSLongitudeRef), "E", "W", 180
        )
    except Exception:  # EXIF is whatever the file says; unreadable means none
        return None
    if latitude is None or longitude is None or (latitude == 0 and longitude == 0):
        return None
    return round(latitude, 6), round(longitude, 6)


def _degrees(value, ref, positive: str, negative: str, limit: float) -> float | None:
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "ignore")
    ref = str(ref or "").strip("\x00 ").upper()
    if ref not in (positive, negative) or not isinstance(value, tuple | list) or len(value) != 3:
        return None
    degrees, minutes, seconds = (float(part) for part in value)
    parts_fine = all(math.isfinite(part) and part >= 0 for part in (degrees, minutes, seconds))
    # 60 itself is allowed: some cameras round 59.9999 seconds up.
    if not parts_fine or minutes > 60 or seconds > 60:
        return None
    total = degrees + minutes / 60 + seconds / 3600
    if total > limit:
        return None
    return -total if ref == negative else total


def remove_entry(entry: dict) -> None:
    """Delete a draft photo's files (the photo was removed, or the draft expired)."""
    for key in ("path", "thumbnail_path"):
        if isinstance(entry.get(key), str) and entry[key]:
            remove_file(entry[key])


def attach_to_report(report: Report, entries: Iterable[dict]) -> list[ReportPhoto]:
    """The draft's photos become the report's (the files stay where they are)."""
    created = now()
    photos = []
    for entry in entries:
        photo = ReportPhoto(
            path=entry["path"],
            thumbnail_path=entry["thumbnail_path"],
            content_type=entry["content_type"],
            size=int(entry["size"]),
            is_result=False,
            public_approved=False,
            created_at=created,
        )
        report.photos.append(photo)
        photos.append(photo)
    return photos


def add_result_photo(report: Report, upload, name: str = "") -> ReportPhoto:
    """A handler's photo of the result: a werkzeug FileStorage, or the bytes and `name`.
    Raises PhotoRefused. The reporter and followers see it; the public only once a handler
    approves it."""
    if isinstance(upload, bytes):
        data = upload
    else:
        data, name = upload.stream.read(MAX_BYTES + 1), upload.filename or ""
    entry = accept(data, name)
    photo = ReportPhoto(
        path=entry["path"],
        thumbnail_path=entry["thumbnail_path"],
        content_type=entry["content_type"],
        size=entry["size"],
        is_result=True,
        public_approved=False,
        created_at=now(),
    )
    report.photos.append(photo)
    return photo


def photo_url(photo: ReportPhoto | dict, thumbnail: bool = False) -> str:
    """Where a report's photo (or a draft's photo entry) is served; who may see it is
    checked there (`photo_access.may_view`)."""
    size = "klein" if thumbnail else "groot"
    if isinstance(photo, dict):
        return url_for("reports.draft_photo", token=photo["token"], size=size)
    return url_for("reports.report_photo", photo_id=photo.id, size=size)
