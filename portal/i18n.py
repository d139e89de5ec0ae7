"""Language choice: explicit choice in this session, then the signed-in profile, then the
browser, then Dutch.

Other areas plug in without this module knowing them: the profile registers a source
(`language_sources`: callables returning a stored code or None). The language links in the
header are GET requests and change only this session; the stored preference changes only
through the contact details form (a POST), so a link followed by accident or by a crawler
changes nothing that lasts.
"""

from flask import Flask, current_app, request, session
from flask_babel import get_locale, refresh

SUPPORTED_LANGUAGES = ("nl", "en")


def init_app(app: Flask) -> None:
    app.extensions.setdefault("language_sources", [])
    # Choose afresh for every request. A server gives each request its own `g`, but tests
    # that hold one app context around several requests would keep the first choice.
    app.before_request(refresh)

    @app.context_processor
    def _locale_in_templates() -> dict:
        return {"current_locale": current_locale(), "supported_languages": SUPPORTED_LANGUAGES}


def remember_language(code: str) -> None:
    if code not in SUPPORTED_LANGUAGES:
        return
    session["lang"] = code
    # Flask-Babel keeps the locale it chose for this request; a page rendered after the
    # choice (the profile form's confirmation) must already speak the new language.
    refresh()


def select_locale() -> str:
    chosen = session.get("lang")
    if chosen in SUPPORTED_LANGUAGES:
        return chosen
    for source in current_app.extensions.get("language_sources", []):
        stored = source()
        if stored in SUPPORTED_LANGUAGES:
            return stored
    return request.accept_languages.best_match(SUPPORTED_LANGUAGES) or "nl"


def current_locale() -> str:
    return str(get_locale() or "nl")
