"""What a resident reads under "Wat gebeurt er nu?" for a case: the webteam's text for this
product and status, else the general text (`cases.texts.WHAT_HAPPENS_NEXT`).

A product-specific text exists per language. When it is missing in the reader's language,
the general text in that language is shown rather than Dutch on an English page.
"""

from flask import has_request_context
from flask_babel import force_locale
from sqlalchemy import select

from portal.cases.models import StatusText
from portal.cases.texts import WHAT_HAPPENS_NEXT
from portal.extensions import db
from portal.i18n import current_locale


def own_text(product_slug: str, status: str, locale: str) -> str | None:
    """The webteam's text, or None when there is none (a short query per case page)."""
    return db.session.scalar(
        select(StatusText.text).where(
            StatusText.product_slug == product_slug,
            StatusText.status == status,
            StatusText.locale == locale,
        )
    )


def what_happens_next(product_slug: str, status: str, locale: str | None = None) -> str:
    if locale is None:
        locale = current_locale() if has_request_context() else "nl"
    text = own_text(product_slug, status, locale)
    if text:
        return text
    general = WHAT_HAPPENS_NEXT.get(status)
    if general is None:
        return ""
    with force_locale(locale):
        return str(general)
