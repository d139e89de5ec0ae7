"""What a resident reads under "Wat gebeurt er nu?" for a case: the webteam's text for this
product and status, else the general text (`cases.texts.WHAT_HAPPENS_NEXT`).

A product-specific text exists per language. When it is missing in the reader's language,
the general text in that language is shown rather than Dutch on an English page.
"""

from flask import has_request_context
from flask_babel import force_locale
from sqlalchemy import ScalarSelect, bindparam, select

from portal.cases.models import Case, StatusText
from portal.cases.texts import WHAT_HAPPENS_NEXT
from portal.extensions import db
from portal.i18n import current_locale


def own_text(product_slug: str, status: str, locale: str) -> str | None:
    """The webteam's text, or None when there is none (a short query; the case page reads
    it with the case instead, `own_text_column`)."""
    return db.session.scalar(
        select(StatusText.text).where(
            StatusText.product_slug == product_slug,
            StatusText.status == status,
            StatusText.locale == locale,
        )
    )


# The parameter `own_text_column` reads the language from.
OWN_TEXT_LOCALE = "own_text_locale"


def own_text_column() -> ScalarSelect:
    """`own_text` of each case a query reads, as a column of that query (the language in
    its parameter `OWN_TEXT_LOCALE`): the case page needs no query of its own for it."""
    return (
        select(StatusText.text)
        .where(
            StatusText.product_slug == Case.product_slug,
            StatusText.status == Case.status,
            StatusText.locale == bindparam(OWN_TEXT_LOCALE),
        )
        .correlate(Case)
        .scalar_subquery()
    )


def text_locale(locale: str | None = None) -> str:
    """The language of the texts: the page's, outside a request Dutch."""
    if locale is None:
        return current_locale() if has_request_context() else "nl"
    return locale


def what_happens_next(product_slug: str, status: str, locale: str | None = None) -> str:
    locale = text_locale(locale)
    return own_text(product_slug, status, locale) or general_text(status, locale)


def general_text(status: str, locale: str | None = None) -> str:
    """The text for a status where the webteam wrote none for the product."""
    locale = text_locale(locale)
    general = WHAT_HAPPENS_NEXT.get(status)
    if general is None:
        return ""
    with force_locale(locale):
        return str(general)
