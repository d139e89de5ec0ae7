"""CSV of one figure set, for a spreadsheet.

Semicolon separated with a decimal comma, the way Dutch Excel opens it, UTF-8 with a byte
order mark so accents survive. One header row; every figure is one row ("long" format):
the table it comes from, the row (a team, a category), the column and the value, so the
tables of one set fit under one header.

Cells can hold residents' own words (comments): a cell that starts with = + - @ or a tab or
carriage return gets a leading apostrophe, so a spreadsheet never runs it as a formula
(CSV injection)."""

import csv
import io

from flask_babel import format_date
from flask_babel import gettext as _

from portal.dashboard.panels import FigureSet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def rows_of(figure_set: FigureSet) -> list[list[str]]:
    rows = [[_("Kerncijfers"), label, _("Waarde"), value] for label, value in figure_set.highlights]
    if figure_set.note:
        rows.append([_("Toelichting"), "", "", figure_set.note])
    for panel in figure_set.panels:
        table = panel.table
        for row in table.rows:
            for header, cell in zip(table.headers[1:], row[1:], strict=True):
                rows.append([table.caption, row[0], header, cell])
    for comment in figure_set.comments:
        day = format_date(comment.day, format="yyyy-MM-dd")
        rows.append([_("Opmerkingen van inwoners"), day, _("Cijfer"), str(comment.mark)])
        rows.append([_("Opmerkingen van inwoners"), day, _("Opmerking"), comment.text])
    return rows


def csv_text(figure_set: FigureSet) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("Tabel"), _("Rij"), _("Kolom"), _("Waarde")])
    for row in rows_of(figure_set):
        writer.writerow([safe_cell(cell) for cell in row])
    return "\ufeff" + out.getvalue()
