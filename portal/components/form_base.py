"""A FlaskForm whose WTForms messages ("This field is required", CSRF errors) are read once
per language per process.

Flask-WTF reads and parses WTForms' message catalogue again on every request that builds a
form; on a light page that is a tenth of the server's time. The catalogues never change while
the process runs, and Babel's `Translations` are only read after loading, so threads share them.
"""

from __future__ import annotations

from functools import lru_cache

from babel import support
from flask import current_app
from flask_wtf import FlaskForm
from wtforms.i18n import messages_path

from portal.i18n import current_locale


@lru_cache(maxsize=8)
def _catalogue(locale: str) -> support.Translations:
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class _Messages:
    def gettext(self, string: str) -> str:
        return _catalogue(current_locale()).ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _catalogue(current_locale()).ungettext(singular, plural, n)


MESSAGES = _Messages()


class Form(FlaskForm):
    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return super().get_translations(form)
            return MESSAGES
