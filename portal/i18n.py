"""Language choice: explicit choice in this session, then the signed-in profile, then the
browser, then Dutch.

Other areas plug in without this module knowing them: the profile registers a source
(`language_sources`: callables returning a stored code or None) and a saver
(`language_savers`: callables that store an explicit choice).
"""

from flask import Flask, current_app, request, session
from flask_babel import get_locale, refresh

SUPPORTED_LANGUAGES = ("nl", "en")


def init_app(app: Flask) -> None:
    app.extensions.setdefault("language_sources", [])
    app.extensions.setdefault("language_savers", [])
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
    for save in current_app.extensions.get("language_savers", []):
        save(code)
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
