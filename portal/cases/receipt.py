"""The receipt (ontvangstbevestiging) as a PDF, drawn from the case when it is downloaded.

Drawing it on demand keeps the file store free of copies and always matches the case. It holds
no BSN: the case number and the product are enough to recognise it.

WeasyPrint renders templates/cases/receipt_pdf.html as a tagged PDF (PDF/UA-1): a structure
tree with real headings and a table with row headers, the document language from `<html lang>`
(the reader's language) and the title shown in the window. The fonts are Debian's DejaVu Sans,
so every name comes out as written ("Yılmaz", "Dvořák"). Nothing is fetched from the network:
the fetcher only opens the font files.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app, render_template
from flask_babel import gettext as _
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from portal.cases.models import Case
from portal.cases.texts import RECEIVED, WHAT_HAPPENS_NEXT, team_contact
from portal.i18n import current_locale

STYLESHEET = Path(__file__).with_name("receipt_pdf.css")
# Debian's fonts-dejavu-core; `make install` makes sure it is there.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


class LocalFontsOnly(URLFetcher):
    """Opens font files from FONT_DIR and refuses every other address."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        path = Path(unquote(parts.path)).resolve()
        if parts.scheme != "file" or parts.netloc or not path.is_relative_to(FONT_DIR):
            raise ValueError(f"The receipt loads nothing but local fonts, not {url}")
        return super().fetch(url, headers)


def receipt_html(case: Case, product_name: str) -> str:
    """The receipt as HTML, in the reader's language."""
    return render_template(
        "cases/receipt_pdf.html",
        case=case,
        product_name=product_name,
        lang=current_locale(),
        title=_("Ontvangstbevestiging %(number)s", number=case.number),
        municipality=current_app.config["MUNICIPALITY_NAME"],
        next_text=WHAT_HAPPENS_NEXT[RECEIVED],
        team=team_contact(case.team),
    )


def receipt_pdf(case: Case, product_name: str) -> bytes:
    fetcher = LocalFontsOnly(allowed_protocols=("file",))
    fonts = FontConfiguration()  # without it WeasyPrint ignores @font-face
    document = HTML(string=receipt_html(case, product_name), url_fetcher=fetcher)
    stylesheet = CSS(filename=str(STYLESHEET), url_fetcher=fetcher, font_config=fonts)
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts, pdf_variant="pdf/ua-1")
