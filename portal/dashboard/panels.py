"""What the page and the CSV show of a figure: a set of panels, each a chart with the table
that holds the same figures, and a few key figures on top. Values are already worded for
people (Dutch decimal comma, "geen" when there is nothing to count)."""

from dataclasses import dataclass, field

from flask_babel import format_decimal
from flask_babel import gettext as _

from portal.dashboard.charts import Bar, Chart

MAX_BARS = 12


@dataclass(frozen=True)
class Table:
    id: str
    caption: str
    headers: list[str]
    # The first cell of a row names the row (a team, a category); the others are values.
    rows: list[list[str]]


@dataclass(frozen=True)
class Panel:
    chart: Chart | None
    table: Table


@dataclass
class FigureSet:
    key: str
    title: str
    highlights: list[tuple[str, str]] = field(default_factory=list)
    panels: list[Panel] = field(default_factory=list)
    # Why there is nothing to show (a filter that does not apply), if so.
    note: str = ""
    comments: list = field(default_factory=list)


def number(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return _("geen")
    return format_decimal(value, format="0." + "0" * decimals if decimals else "0")


def percent(value: float | None) -> str:
    return _("geen") if value is None else f"{number(value)} %"


def part_of(part: int, whole: int, value: float | None) -> str:
    if value is None:
        return _("geen")
    return _("%(percent)s (%(part)s van %(whole)s)", percent=percent(value), part=part, whole=whole)


def reached(value: float | None, target: float) -> str:
    if value is None:
        return _("geen gegevens")
    return _("ja") if value >= target else _("nee")


def describe(title: str, bars: list[Bar], target_text: str = "", rest: int = 0) -> str:
    """The chart's <desc>: every figure in words, so a screen reader needs no table."""
    if not bars:
        return _("%(title)s: er is niets te tellen in deze periode.", title=title)
    figures = "; ".join(f"{bar.label}: {bar.shown}" for bar in bars)
    text = f"{title}. {figures}."
    if rest:
        text += " " + _("En %(count)s kleinere in de tabel.", count=rest)
    if target_text:
        text += " " + target_text
    return text


def chart(
    chart_id: str,
    title: str,
    bars: list[Bar],
    maximum: float | None = None,
    **target,
) -> Chart:
    shown, rest = bars[:MAX_BARS], max(len(bars) - MAX_BARS, 0)
    top = maximum if maximum is not None else max((bar.value for bar in shown), default=0)
    label = target.get("target_label", "")
    return Chart(
        id=chart_id,
        title=title,
        description=describe(title, shown, label + "." if label else "", rest),
        bars=shown,
        maximum=top or 1,
        **target,
    )
