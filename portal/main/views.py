"""Public pages: home, accessibility statement, privacy statement, contact, language choice."""

from urllib.parse import urlsplit

from flask import abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from portal.catalog import services as catalog
from portal.catalog.page_cache import visitor_page
from portal.i18n import SUPPORTED_LANGUAGES, remember_language
from portal.main import bp


@bp.get("/")
@visitor_page
def home() -> str:
    # The search box posts to the catalogue's search; the home page shows where to start.
    return render_template(
        "main/home.html",
        popular=catalog.popular_products(),
        life_events=catalog.life_events(),
    )


@bp.get("/toegankelijkheid")
def accessibility() -> str:
    return render_template("main/accessibility.html")


@bp.get("/privacy")
def privacy() -> str:
    return render_template("main/privacy.html")


@bp.get("/contact")
def contact() -> str:
    return render_template("main/contact.html")


@bp.get("/taal/<code>")
def set_language(code: str) -> Response:
    if code not in SUPPORTED_LANGUAGES:
        abort(404)
    remember_language(code)
    target = request.args.get("next", "")
    return redirect(target if is_local_path(target) else url_for("main.home"))


def is_local_path(target: str) -> bool:
    """True for a path on this site ("/contact?x=1"); false for anything a browser could
    read as another site: "//evil.example", "/\\evil.example", "https://...", "javascript:"."""
    if not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(char) < 32 or ord(char) == 127 for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc
