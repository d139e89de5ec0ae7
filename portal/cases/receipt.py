"""The receipt (ontvangstbevestiging) as a PDF, drawn from the case when it is downloaded.

Drawing it on demand keeps the file store free of copies and always matches the case. It holds
no BSN: the case number and the product are enough to recognise it.
"""

from flask import current_app
from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from fpdf import FPDF

from portal.cases.models import Case


def _latin1(text: str) -> str:
    # The built-in PDF fonts know Latin-1 only; replace what they cannot draw.
    return text.replace("–", "-").replace("’", "'").encode("latin-1", "replace").decode("latin-1")


def _line(pdf: FPDF, height: float, text: str) -> None:
    pdf.multi_cell(0, height, _latin1(text), new_x="LMARGIN", new_y="NEXT")


def receipt_pdf(case: Case, product_name: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(_("Ontvangstbevestiging %(number)s", number=case.number)))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    _line(pdf, 10, current_app.config["MUNICIPALITY_NAME"])
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 13)
    _line(pdf, 8, _("Wij hebben uw aanvraag ontvangen"))
    pdf.set_font("Helvetica", "", 11)
    lines = [
        _("Zaaknummer: %(number)s", number=case.number),
        _("Onderwerp: %(product)s", product=product_name),
        _("Ontvangen op: %(moment)s", moment=format_datetime(case.created_at, "d MMMM y, HH:mm")),
    ]
    if case.expected_completion:
        lines.append(
            _(
                "Wij verwachten dat uw zaak klaar is op: %(date)s",
                date=format_date(case.expected_completion, "d MMMM y"),
            )
        )
    lines.append(_("U volgt uw zaak in MijnGemeente bij 'Mijn zaken'."))
    for line in lines:
        _line(pdf, 7, line)
    return bytes(pdf.output())
