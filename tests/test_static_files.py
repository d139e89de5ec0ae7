"""Static files done properly (issue 13, item 3): content-hashed names from url_for, a year of
caching for those, gzip and brotli made at build time and served by WhiteNoise, old plain
names still served, and htmx only on the pages that use it."""

import gzip
import importlib.util
import os
import re

import brotli
import pytest
from bs4 import BeautifulSoup
from whitenoise import WhiteNoise

from portal import create_app, static_files
from portal.config import ROOT
from portal.extensions import db
from tests.support.production import PRODUCTION_SIGN_IN

HASHED = r"^/static/css/portal\.[0-9a-f]{12}\.css$"
PLAIN = r"^/static/css/portal\.css$"


def load_static_dist():
    spec = importlib.util.spec_from_file_location(
        "static_dist", ROOT / "scripts" / "static_dist.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """static-dist/ built from the real static/ into a folder of this test module."""
    output = tmp_path_factory.mktemp("build") / "static-dist"
    load_static_dist().build(output=output, log=lambda message: None)
    return output


def make_app(database_url, dist, **config):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key-0123456789abcdef0123456789",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SERVER_NAME": "localhost",
            "STATIC_DIST": str(dist),
            **config,
        }
    )


@pytest.fixture
def static_app(database_url, dist):
    app = make_app(database_url, dist)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def whitenoise_client(static_app):
    """The app as portal/wsgi.py serves it under gunicorn."""
    static_files.serve_with_whitenoise(static_app)
    assert isinstance(static_app.wsgi_app, WhiteNoise)
    return static_app.test_client()


def manifest(dist) -> dict[str, str]:
    return static_files.load_manifest(dist).names


def static_urls(html: bytes) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    urls = [tag["href"] for tag in soup.find_all("link", href=True)]
    urls += [tag["src"] for tag in soup.find_all(["script", "img"], src=True)]
    return [url for url in urls if url.startswith("/static/")]


def test_the_build_and_the_app_use_the_same_folder():
    assert load_static_dist().OUTPUT == static_files.DEFAULT_DIST


def test_the_build_writes_hashed_copies_with_gzip_and_brotli(dist):
    names = manifest(dist)
    source = (ROOT / "static" / "css" / "portal.css").read_bytes()
    hashed = dist / "files" / names["css/portal.css"]

    assert names["css/portal.css"] != "css/portal.css"
    assert hashed.read_bytes() == source
    assert (dist / "files" / "css" / "portal.css").read_bytes() == source
    assert gzip.decompress(hashed.with_name(hashed.name + ".gz").read_bytes()) == source
    assert brotli.decompress(hashed.with_name(hashed.name + ".br").read_bytes()) == source
    assert ".gitignore" not in " ".join(names)


def test_a_hashed_name_follows_the_content(tmp_path):
    build = load_static_dist()
    (tmp_path / "static" / "img").mkdir(parents=True)
    (tmp_path / "static" / "img" / "pin.png").write_bytes(b"\x89PNG one")
    (tmp_path / "static" / "map.css").write_text(".pin{background:url(img/pin.png)}")

    first = build.build(tmp_path / "static", tmp_path / "dist", log=lambda message: None)
    (tmp_path / "static" / "img" / "pin.png").write_bytes(b"\x89PNG two")
    second = build.build(tmp_path / "static", tmp_path / "dist", log=lambda message: None)

    assert first["img/pin.png"] != second["img/pin.png"]
    assert first["map.css"] == second["map.css"]
    assert re.fullmatch(r"img/pin\.[0-9a-f]{12}\.png", second["img/pin.png"])
    # A style sheet's relative url() finds the plain name beside its hashed copy.
    css = (tmp_path / "dist" / "files" / second["map.css"]).read_text()
    assert css == ".pin{background:url(img/pin.png)}"
    assert (tmp_path / "dist" / "files" / "img" / "pin.png").read_bytes() == b"\x89PNG two"
    # Images do not get smaller from gzip: no variants. The old build is gone.
    assert not list((tmp_path / "dist" / "files").rglob("*.png.*"))
    assert not (tmp_path / "dist" / "files" / first["img/pin.png"]).exists()
    assert build.hashed_name("vendor/htmx.min.js", b"x").startswith("vendor/htmx.min.")


def test_pages_name_static_files_by_their_hash(static_app, dist):
    response = static_app.test_client().get("/")

    urls = static_urls(response.get_data())
    hashed = {"/static/" + name for name in manifest(dist).values()}
    assert "/static/" + manifest(dist)["css/portal.css"] in urls
    assert urls and set(urls) <= hashed


def test_a_hashed_file_is_cached_for_a_year(static_app, dist):
    name = manifest(dist)["css/portal.css"]

    response = static_app.test_client().get(f"/static/{name}")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.get_data() == (ROOT / "static" / "css" / "portal.css").read_bytes()


def test_whitenoise_serves_brotli_or_gzip_as_the_browser_accepts(whitenoise_client, dist):
    url = "/static/" + manifest(dist)["css/portal.css"]
    source = (ROOT / "static" / "css" / "portal.css").read_bytes()

    as_brotli = whitenoise_client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    as_gzip = whitenoise_client.get(url, headers={"Accept-Encoding": "gzip"})
    plain = whitenoise_client.get(url)

    assert as_brotli.headers["Content-Encoding"] == "br"
    assert brotli.decompress(as_brotli.get_data()) == source
    assert as_gzip.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(as_gzip.get_data()) == source
    assert "Content-Encoding" not in plain.headers
    assert plain.get_data() == source
    for response in (as_brotli, as_gzip, plain):
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.headers["Vary"] == "Accept-Encoding"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Type"].startswith("text/css")


def test_plain_names_of_old_links_are_still_served_briefly_cached(static_app, whitenoise_client):
    source = (ROOT / "static" / "css" / "portal.css").read_bytes()
    by_flask = static_app.test_client().get("/static/css/portal.css")
    by_whitenoise = whitenoise_client.get("/static/css/portal.css")

    assert by_flask.status_code == by_whitenoise.status_code == 200
    assert by_flask.get_data() == by_whitenoise.get_data() == source
    assert "immutable" not in by_flask.headers.get("Cache-Control", "")
    assert by_whitenoise.headers["Cache-Control"] == "public, max-age=60"


def test_pages_behind_whitenoise_are_still_never_stored(whitenoise_client):
    assert whitenoise_client.get("/").headers["Cache-Control"] == "no-store"
    assert whitenoise_client.get("/static/css/nothing.css").status_code == 404


def test_without_a_build_pages_use_plain_names(database_url, tmp_path):
    app = make_app(database_url, tmp_path / "no-build")
    with app.app_context():
        static_files.serve_with_whitenoise(app)  # nothing to serve: Flask keeps doing it

        urls = static_urls(app.test_client().get("/").get_data())

        assert not isinstance(app.wsgi_app, WhiteNoise)
        assert "/static/css/portal.css" in urls
        assert app.test_client().get("/static/css/portal.css").status_code == 200
        db.session.remove()
        db.engine.dispose()


def test_a_file_changed_after_the_build_gets_its_plain_name_outside_production(
    database_url, dist, tmp_path
):
    """`make run`: an edited style sheet shows without `make assets`; production never looks."""
    stale = tmp_path / "stale"
    (stale / "files").mkdir(parents=True)
    (stale / "manifest.json").write_bytes((dist / "manifest.json").read_bytes())
    os.utime(stale / "manifest.json", (0, 0))  # built before any file of static/ changed
    development = {}
    production = {
        "PORTAL_ENV": "production",
        "PUBLIC_URL": "https://portal.example",
        **PRODUCTION_SIGN_IN,
    }

    for config, pattern in ((development, PLAIN), (production, HASHED)):
        app = make_app(database_url, stale, **config)
        with app.app_context():
            urls = static_urls(app.test_client().get("/").get_data())
            db.session.remove()
            db.engine.dispose()
        assert len([url for url in urls if re.match(pattern, url)]) == 1


def test_htmx_loads_only_on_pages_that_use_it(static_app, dist):
    client = static_app.test_client()
    htmx = "/static/" + manifest(dist)["vendor/htmx.min.js"]

    home = BeautifulSoup(client.get("/").get_data(), "html.parser")
    search = BeautifulSoup(client.get("/zoeken?q=paspoort").get_data(), "html.parser")

    assert not home.select("[hx-get], [hx-post]")
    assert htmx not in static_urls(str(home).encode())
    assert not home.find("meta", attrs={"name": "htmx-config"})
    assert search.select("[hx-get]")
    assert htmx in static_urls(str(search).encode())
    assert search.find("meta", attrs={"name": "htmx-config"})


def test_an_edit_shows_within_a_second_though_the_page_head_is_kept(static_app, monkeypatch):
    """Outside production the files are looked at once a second, not at every url_for; the
    kept head and header (portal/components/layout.py) follow what that look found."""
    now = [1000.0]
    changed = static_app.extensions["static_changed"]
    changed.clock = lambda: now[0]
    edited: set[str] = set()
    monkeypatch.setattr(static_files, "_changed_since", lambda path, built: path.name in edited)
    client = static_app.test_client()

    def style_sheets() -> list[str]:
        return [url for url in static_urls(client.get("/").get_data()) if "portal." in url]

    assert re.match(HASHED, style_sheets()[0])
    edited.add("portal.css")
    now[0] += 0.5
    assert re.match(HASHED, style_sheets()[0])  # looked at less than a second ago
    now[0] += 0.5
    assert re.match(PLAIN, style_sheets()[0])
    edited.clear()
    now[0] += 1
    assert re.match(HASHED, style_sheets()[0])
