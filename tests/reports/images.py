"""Images for the photo tests, made in code: no binary fixtures.

jpeg(size, gps=(lat, lon), orientation=6)   a JPEG with camera EXIF and a GPS position
png_with_text()                            a PNG with a text chunk and EXIF
png_bomb(width, height)                    a few KB that decode into width × height bytes
"""

from __future__ import annotations

import io
import struct
import zlib
from fractions import Fraction

from PIL import ExifTags, Image, PngImagePlugin


def _dms(value: float) -> tuple[Fraction, Fraction, Fraction]:
    total_seconds = round(abs(value) * 3600, 4)
    degrees, rest = divmod(total_seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return (
        Fraction(int(degrees)),
        Fraction(int(minutes)),
        Fraction(seconds).limit_denominator(10000),
    )


def jpeg(size=(40, 30), gps: tuple[float, float] | None = None, orientation: int = 1) -> bytes:
    """A JPEG with camera EXIF (make, time, orientation) and optionally a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Testcamera"
    exif[ExifTags.Base.DateTime] = "2025:05:01 10:00:00"
    exif[ExifTags.Base.Orientation] = orientation
    if gps is not None:
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(
            {
                ExifTags.GPS.GPSLatitudeRef: "N" if gps[0] >= 0 else "S",
                ExifTags.GPS.GPSLatitude: _dms(gps[0]),
                ExifTags.GPS.GPSLongitudeRef: "E" if gps[1] >= 0 else "W",
                ExifTags.GPS.GPSLongitude: _dms(gps[1]),
            }
        )
    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"made by a test")
    return out.getvalue()


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Fatima")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Testcamera"
    out = io.BytesIO()
    Image.new("RGBA", (20, 10), (0, 0, 255, 128)).save(out, "PNG", pnginfo=info, exif=exif)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int, height: int) -> bytes:
    """A real 1-bit PNG of width × height black pixels: a few KB on disk, width × height
    bytes once decoded. Written row by row, so making it needs no memory either."""
    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row * 100) for _ in range(height // 100))
    data += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )
