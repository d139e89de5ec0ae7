"""Photos of a report. (Interface; implemented by the photos work.)"""


class PhotoRefused(ValueError):
    """The photo cannot be added; the message is B1 Dutch and names the file."""


def accept(data: bytes, name: str) -> dict:
    """Check a photo (type by content, size, pixel count before decoding), read its GPS
    position, store it without metadata plus a thumbnail. Returns the draft's photo entry:
    {"token", "path", "thumbnail_path", "name", "content_type", "size", "gps": [lat, lon] | None}.
    Raises PhotoRefused."""
    raise NotImplementedError
