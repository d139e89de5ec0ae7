"""Static files under content-hashed names, cached by browsers for a year.

`make assets` (scripts/static_dist.py) writes static-dist/: each file of static/ under its own
name and under a hashed one (css/portal.css → css/portal.1a2b3c4d5e6f.css), with gzip and
brotli variants, and manifest.json from the one name to the other.

- url_for("static", filename="css/portal.css") gives the hashed name, so no template changes.
  Without a manifest (a fresh checkout before `make assets`) it gives the plain name.
- In production WhiteNoise serves static-dist/files/ in front of Flask (`serve_with_whitenoise`,
  called by portal/wsgi.py): hashed names with IMMUTABLE, plain names (old links) for a minute,
  the .br or .gz variant when the browser accepts it.
- Elsewhere (`make run`, tests) Flask's static view serves hashed names from static-dist/files/
  with the same header and plain names from static/ as before.
- Outside production a file changed after the build gets its plain name, so an edit shows
  without running `make assets` again. The files are looked at at most once a second, not at
  every url_for: a page names half a dozen of them.
"""

import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, send_from_directory
from whitenoise import WhiteNoise

from portal.config import ROOT

# The same place as scripts/static_dist.py OUTPUT.
DEFAULT_DIST = ROOT / "static-dist"
# A hashed name never gets other content: a browser may keep it a year without asking again.
IMMUTABLE = "public, max-age=31536000, immutable"
# Plain names can get new content at a release: a minute, as WhiteNoise's default.
PLAIN_MAX_AGE = 60
# WhiteNoise answers before Flask, so the after_request headers of portal/security.py do not
# reach these files; a static file opened on its own (an SVG) may not run or load anything.
STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'",
}

# How long a look at which files of static/ changed since the build holds (outside production).
CHECK_SECONDS = 1.0
NOTHING_CHANGED: frozenset[str] = frozenset()

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Manifest:
    names: dict[str, str]  # plain name → hashed name
    hashed: frozenset[str]
    built: float  # when it was written (mtime), to notice files changed since


def load_manifest(dist: Path) -> Manifest | None:
    path = dist / "manifest.json"
    try:
        names = json.loads(path.read_text(encoding="utf-8"))["files"]
        built = path.stat().st_mtime
    except (OSError, ValueError, KeyError):
        return None
    return Manifest(names=names, hashed=frozenset(names.values()), built=built)


def manifest_of(app: Flask) -> Manifest | None:
    return app.extensions.get("static_manifest")


def _changed_since(path: Path, built: float) -> bool:
    try:
        return path.stat().st_mtime > built
    except OSError:
        return True


class _ChangedFiles:
    """The files of static/ changed since the build, looked up at most once a second. Two
    threads may both look; they find the same files, and one assignment wins."""

    def __init__(self, source: Path, manifest: Manifest, clock=time.monotonic) -> None:
        self.source, self.manifest, self.clock = source, manifest, clock
        self.names, self.checked = NOTHING_CHANGED, float("-inf")

    def __call__(self) -> frozenset[str]:
        now = self.clock()
        if now - self.checked >= CHECK_SECONDS:
            built = self.manifest.built
            self.names = frozenset(
                name for name in self.manifest.names if _changed_since(self.source / name, built)
            )
            self.checked = now
        return self.names


def changed_files(app: Flask) -> frozenset[str]:
    """Files whose hashed name is not used now (always none in production). Parts of pages
    kept with static file names in them (`portal.components.layout`) use it in their key."""
    return app.extensions["static_changed"]()


def init_app(app: Flask) -> None:
    dist = Path(app.config.setdefault("STATIC_DIST", str(DEFAULT_DIST)))
    manifest = load_manifest(dist)
    app.extensions["static_manifest"] = manifest
    check_changes = manifest is not None and app.config.get("PORTAL_ENV") != "production"
    changed = (
        _ChangedFiles(Path(app.static_folder), manifest)
        if check_changes
        else lambda: NOTHING_CHANGED
    )
    app.extensions["static_changed"] = changed

    @app.url_defaults
    def _hashed_static_name(endpoint: str, values: dict) -> None:
        if endpoint != "static" or manifest is None:
            return
        name = values.get("filename")
        hashed = manifest.names.get(name)
        if hashed and name not in changed():
            values["filename"] = hashed

    def static(filename: str) -> Response:
        if manifest is not None and filename in manifest.hashed:
            response = send_from_directory(dist / "files", filename)
            response.headers["Cache-Control"] = IMMUTABLE
            return response
        return app.send_static_file(filename)

    app.view_functions["static"] = static


class _PortalWhiteNoise(WhiteNoise):
    def add_cache_headers(self, headers, path, url) -> None:
        if self.immutable_file_test(path, url):
            headers["Cache-Control"] = IMMUTABLE
        else:
            headers["Cache-Control"] = f"public, max-age={self.max_age}"


def _add_headers(headers, path, url) -> None:
    for name, value in STATIC_HEADERS.items():
        headers[name] = value


def serve_with_whitenoise(app: Flask) -> None:
    """Put WhiteNoise in front of the app for static-dist/files/ (production, under gunicorn).
    Requests for anything else, and for static files missing there, still reach Flask."""
    manifest = manifest_of(app)
    if manifest is None:
        log.warning("No static-dist/manifest.json: run `make assets`; Flask serves static/")
        return
    prefix = app.static_url_path.rstrip("/") + "/"
    hashed_urls = frozenset(prefix + name for name in manifest.hashed)
    app.wsgi_app = _PortalWhiteNoise(
        app.wsgi_app,
        root=str(Path(app.config["STATIC_DIST"]) / "files"),
        prefix=prefix,
        max_age=PLAIN_MAX_AGE,
        allow_all_origins=False,
        add_headers_function=_add_headers,
        immutable_file_test=lambda path, url: url in hashed_urls,
    )
