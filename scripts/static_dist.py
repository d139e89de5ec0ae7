"""Build static-dist/: the files of static/ as production serves them.

Called by scripts/build_assets.py (`make assets`) after static/vendor/ is filled; run it alone
with `python scripts/static_dist.py`. What it writes (generated, git-ignored):

- `static-dist/files/`: every file of static/ twice, under its own name (old links keep
  working) and under a name with a hash of its content, css/portal.css →
  css/portal.1a2b3c4d5e6f.css. A changed file gets a new name, so the hashed names can be
  cached for a year (portal/static_files.py).
- Next to each text file a `.gz` and a `.br` variant, made once here instead of on every
  request; WhiteNoise sends the one the browser accepts (whitenoise.compress skips images
  and files that would not get smaller).
- `static-dist/manifest.json`: {"files": {"css/portal.css": "css/portal.1a2b3c4d5e6f.css"}}.
  portal/static_files.py reads it so that url_for("static", ...) gives the hashed name.

A style sheet's relative url(...) is left as it is: the hashed copy sits beside the plain
files, so it finds them under their plain names. Rewriting them would break Leaflet, which
finds its marker images by reading "marker-icon.png" from its style sheet.
The directory is built beside the old one and then swapped in.
"""

import hashlib
import json
import shutil
from pathlib import Path

from whitenoise.compress import Compressor

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "static"
# The same place as portal/static_files.py DEFAULT_DIST (tests/test_static_files.py checks).
OUTPUT = ROOT / "static-dist"
HASH_LENGTH = 12


def hashed_name(name: str, content: bytes) -> str:
    """css/portal.css → css/portal.<12 hex>.css; htmx.min.js → htmx.min.<hash>.js."""
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    folder, _, base = name.rpartition("/")
    stem, dot, extension = base.rpartition(".")
    base = f"{stem}.{digest}.{extension}" if dot and stem else f"{base}.{digest}"
    return f"{folder}/{base}" if folder else base


def source_files(source: Path) -> list[str]:
    """The names (with /) of the files under `source`, leaving out hidden files and folders."""
    names = []
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            names.append(relative.as_posix())
    return names


def build(source: Path = SOURCE, output: Path = OUTPUT, log=print) -> dict[str, str]:
    """Write `output` from `source`; return the manifest (plain name → hashed name)."""
    staging = output.with_name(output.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    files = staging / "files"
    names: dict[str, str] = {}
    for name in source_files(source):
        content = (source / name).read_bytes()
        names[name] = hashed_name(name, content)
        for target in (name, names[name]):
            (files / target).parent.mkdir(parents=True, exist_ok=True)
            (files / target).write_bytes(content)
    compressor = Compressor(quiet=True)
    for path in sorted(files.rglob("*")):
        if path.is_file() and compressor.should_compress(path.name):
            compressor.compress(str(path))
    manifest = {"files": names}
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    old = output.with_name(output.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        output.rename(old)
    staging.rename(output)
    shutil.rmtree(old, ignore_errors=True)
    variants = sum(1 for path in (output / "files").rglob("*") if path.suffix in (".gz", ".br"))
    log(f"static_dist: {len(names)} files hashed, {variants} gzip/brotli variants, {output.name}/")
    return names


if __name__ == "__main__":
    build()
