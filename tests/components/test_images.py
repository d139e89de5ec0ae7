"""Decompression bombs are refused before decoding, in bounded memory, with a B1 message."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from portal.components import images
from tests.support.bombs import png_bomb

ROOT = Path(__file__).resolve().parents[2]


def test_the_bomb_is_small_on_disk_and_valid():
    bomb = png_bomb(9000, 9000)
    assert len(bomb) < 2_000_000
    with images.open_bounded(png_bomb(20, 10), "image/png") as image:
        assert image.size == (20, 10)
        image.load()


@pytest.mark.parametrize("side", [9000, 20000])
def test_a_bomb_is_refused_before_decoding(side):
    bomb = png_bomb(side, side)
    with pytest.raises(images.TooManyPixels) as refused, images.open_bounded(bomb, "image/png"):
        pytest.fail("a bomb must not be opened")
    assert refused.value.megapixels == 25


def test_garbage_is_unreadable_not_an_error():
    garbage = b"\x89PNG\r\n\x1a\n" + b"\x00" * 50
    with pytest.raises(images.Unreadable), images.open_bounded(garbage, "image/png"):
        pass


def test_request_upload_names_the_limit(app):
    from portal.requests.uploads import UploadRefused, strip_metadata

    with app.test_request_context(), pytest.raises(UploadRefused) as refused:
        strip_metadata(png_bomb(9000, 9000), "image/png", "kaart.png")
    assert str(refused.value) == (
        "De foto kaart.png heeft te veel pixels. Kies een foto van maximaal 25 megapixel."
    )


def test_report_photo_names_the_limit(app):
    from portal.reports.photos import PhotoRefused, _cleaned

    with app.test_request_context(), pytest.raises(PhotoRefused) as refused:
        _cleaned(png_bomb(20000, 20000), "image/png", "put.png")
    assert "te veel pixels" in str(refused.value)


MEMORY_PROBE = textwrap.dedent(
    """
    import resource, sys
    from flask import Flask
    from flask_babel import Babel
    from tests.support.bombs import png_bomb
    from portal.requests.uploads import UploadRefused, strip_metadata
    from portal.reports.photos import PhotoRefused, _cleaned
    bombs = [png_bomb(9000, 9000), png_bomb(20000, 20000)]
    app = Flask(__name__)
    Babel(app)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with app.test_request_context():
        for _ in range(4):
            for bomb in bombs:
                for refuse, error in ((strip_metadata, UploadRefused), (_cleaned, PhotoRefused)):
                    try:
                        refuse(bomb, "image/png", "bom.png")
                    except error:
                        pass
                    else:
                        sys.exit("not refused")
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print((after - before) // 1024)
    """
)


def test_refusing_bombs_keeps_memory_bounded():
    """In a fresh process: the peak memory grows by less than 100 MB for sixteen bombs."""
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    grown_mb = int(result.stdout.strip().splitlines()[-1])
    assert grown_mb < 100
