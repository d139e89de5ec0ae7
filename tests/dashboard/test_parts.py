"""The small parts: periods in Amsterdam days, the SVG chart, the CSV guard and the channel
mapping."""

from datetime import date, datetime

import pytest
from bs4 import BeautifulSoup
from flask_babel import force_locale

from portal.dashboard import charts, export
from portal.dashboard.filters import Filters, case_conditions
from portal.dashboard.panels import FigureSet, Panel, Table
from portal.dashboard.periods import Period, named_period, utc_naive
from portal.extensions import db
from tests.dashboard import factories


@pytest.mark.parametrize(
    ("name", "start", "end"),
    [
        ("deze-week", date(2026, 11, 30), date(2026, 12, 6)),
        ("vorige-week", date(2026, 11, 23), date(2026, 11, 29)),
        ("deze-maand", date(2026, 12, 1), date(2026, 12, 31)),
        ("vorige-maand", date(2026, 11, 1), date(2026, 11, 30)),
    ],
)
def test_named_periods(name, start, end):
    assert named_period(name, date(2026, 12, 2)) == Period(start, end)


def test_a_period_starts_at_local_midnight():
    assert utc_naive(date(2026, 7, 1)) == datetime(2026, 6, 30, 22, 0)  # summer time
    assert utc_naive(date(2026, 12, 1)) == datetime(2026, 11, 30, 23, 0)


def _chart(**target) -> BeautifulSoup:
    chart = charts.Chart(
        id="c",
        title="Gemiddeld cijfer",
        description="Burgerzaken: 7,4; <Wmo>: 6,0",
        bars=[charts.Bar("Burgerzaken", 7.4, "7,4"), charts.Bar("<Wmo>", 6.0, "6,0")],
        maximum=10,
        **target,
    )
    return BeautifulSoup(str(charts.render(chart)), "html.parser")


def test_the_chart_is_an_image_with_its_figures_and_the_target():
    svg = _chart(target=7, target_label="Doel: 7,0").svg

    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "c-title c-desc"
    assert svg.title.text == "Gemiddeld cijfer"
    assert svg.desc.text == "Burgerzaken: 7,4; <Wmo>: 6,0"
    assert svg["viewbox"].startswith("0 0 320 ")
    line = svg.select_one("line.chart__target")
    # The target 7 of 10 lies at 70 % of the bar width, from the left edge.
    assert float(line["x1"]) == pytest.approx(charts.LEFT + charts.BAR_WIDTH * 0.7, abs=0.1)
    widths = [float(rect["width"]) for rect in svg.select("rect")]
    assert widths == [
        pytest.approx(charts.BAR_WIDTH * 0.74, abs=0.1),
        pytest.approx(charts.BAR_WIDTH * 0.6, abs=0.1),
    ]
    assert "Doel: 7,0" in svg.text


def test_a_target_between_rows_is_drawn_across():
    line = _chart(target_after=1, target_label="Doel").svg.select_one("line.chart__target")
    assert line["y1"] == line["y2"]
    assert float(line["x2"]) - float(line["x1"]) > 300


def test_labels_are_escaped():
    assert "<Wmo>" not in str(
        charts.render(charts.Chart("c", "t", "d", [charts.Bar("<Wmo>", 1, "1")], 1))
    )


@pytest.mark.parametrize("cell", ["=1+1", "+31", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_get_an_apostrophe(cell):
    assert export.safe_cell(cell) == "'" + cell


def test_plain_cells_stay(app):
    assert export.safe_cell("7,4") == "7,4"
    figure_set = FigureSet(
        "x",
        "X",
        highlights=[("Aantal", "3")],
        panels=[Panel(None, Table("t", "Tabel A", ["Team", "Aantal"], [["=Wmo", "2"]]))],
    )
    with force_locale("nl"):
        text = export.csv_text(figure_set)
    assert text.splitlines()[0] == "\ufeffTabel;Rij;Kolom;Waarde"
    assert "Tabel A;'=Wmo;Aantal;2" in text


def test_channels_follow_the_documented_mapping(app):
    moment = datetime(2026, 11, 2, 9)
    form = factories.make_case(created_at=moment)
    question = factories.make_case(product_slug="algemene-vraag", created_at=moment)
    report = factories.make_case(product_slug="melding-openbare-ruimte", created_at=moment)
    by_phone = factories.make_case(created_at=moment)
    factories.make_contact(
        at=moment, answered=False, follow_up="case", follow_up_ref=by_phone.number
    )
    db.session.commit()
    from portal.cases.models import Case

    def numbers(channel):
        period = Period(date(2026, 11, 1), date(2026, 11, 30))
        rows = db.session.scalars(
            db.select(Case.number).where(*case_conditions(Filters(period, channel=channel)))
        )
        return set(rows)

    assert numbers("formulier") == {form.number}
    assert numbers("vraag") == {question.number}
    assert numbers("melding") == {report.number}
    assert numbers("klantcontact") == {by_phone.number}
