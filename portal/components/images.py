"""Opening uploaded images without letting a small file take a lot of memory.

A PNG of a few KB can claim 20,000 × 20,000 pixels; decoding it takes gigabytes. Every
upload is opened here: only the decoder its first bytes named, the pixel count read from
the header and checked before anything is decoded, and Pillow's own bomb limit set on
purpose just above ours, so a decoder path we did not think of still stops.
"""

import io
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image

FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
# A JPEG is decoded scaled down (draft mode) when it is made smaller, so it may have more
# pixels than a PNG, which is always decoded whole (4 bytes a pixel).
MAX_PIXELS = {"image/jpeg": 50_000_000, "image/png": 25_000_000}
Image.MAX_IMAGE_PIXELS = max(MAX_PIXELS.values()) + 1


class TooManyPixels(ValueError):
    def __init__(self, content_type: str) -> None:
        super().__init__(content_type)
        self.megapixels = MAX_PIXELS[content_type] // 1_000_000


class Unreadable(ValueError):
    """The file is not an image its decoder can read."""


@contextmanager
def open_bounded(data: bytes, content_type: str) -> Iterator[Image.Image]:
    """The image, opened lazily (nothing decoded yet); TooManyPixels or Unreadable instead
    of a decoder's own error, whatever the file holds."""
    try:
        image = Image.open(io.BytesIO(data), formats=[FORMATS[content_type]])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
        raise TooManyPixels(content_type) from bomb
    except Exception as error:  # a hostile file can break a decoder in any way
        raise Unreadable(str(error)) from error
    with image:
        width, height = image.size  # from the header; nothing is decoded yet
        if width * height > MAX_PIXELS[content_type]:
            raise TooManyPixels(content_type)
        yield image
