"""Bar charts as inline SVG, drawn on the server: no JavaScript, no chart library.

Bars are horizontal with the label on its own line above each bar, so long product names fit
on a phone: the drawing is 320 units wide and scales with its box (viewBox), which never
scrolls sideways. Every chart is an image with a title and a description that holds all its
figures (role="img"); the page puts a table with the same figures next to it. Meaning never
rests on colour: the target is a dashed line with its value written beside it.
"""

from dataclasses import dataclass, field

from markupsafe import Markup, escape

WIDTH = 320
LEFT = 4
VALUE_SPACE = 60
BAR_WIDTH = WIDTH - LEFT - VALUE_SPACE
TOP = 24
ROW = 46
BAR_HEIGHT = 18
LABEL_MAX = 40


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    # The value as people read it ("7,4", "92 %", "12").
    shown: str


@dataclass
class Chart:
    id: str
    title: str
    description: str
    bars: list[Bar]
    maximum: float
    # A target on the value axis (a mark, a percentage), drawn as a vertical line...
    target: float | None = None
    # ...or a target between two rows (after row `target_after`), drawn across the chart.
    target_after: int | None = None
    target_label: str = ""
    extra: dict = field(default_factory=dict)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"


def _x(value: float, maximum: float) -> float:
    if maximum <= 0:
        return LEFT
    return LEFT + BAR_WIDTH * max(0.0, min(value, maximum)) / maximum


def _bars(chart: Chart) -> list[str]:
    parts = []
    for index, bar in enumerate(chart.bars):
        top = TOP + index * ROW
        end = _x(bar.value, chart.maximum)
        label, shown = escape(_short(bar.label)), escape(bar.shown)
        parts.append(
            f'<text class="chart__label" x="{LEFT}" y="{top + 13}">{label}</text>'
            f'<rect class="chart__bar" x="{LEFT}" y="{top + 18}" width="{end - LEFT:.1f}" '
            f'height="{BAR_HEIGHT}"></rect>'
            f'<text class="chart__value" x="{end + 4:.1f}" y="{top + 32}">{shown}</text>'
        )
    return parts


def _target(chart: Chart, height: int) -> list[str]:
    label = escape(chart.target_label)
    if chart.target is not None:
        x = _x(chart.target, chart.maximum)
        anchor = "end" if x > WIDTH / 2 else "start"
        text_x = x - 4 if anchor == "end" else x + 4
        return [
            f'<line class="chart__target" x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" '
            f'y2="{height - 4}"></line>',
            f'<text class="chart__target-label" x="{text_x:.1f}" y="14" '
            f'text-anchor="{anchor}">{label}</text>',
        ]
    if chart.target_after is not None:
        y = TOP + chart.target_after * ROW - 2
        return [
            f'<line class="chart__target" x1="{LEFT}" y1="{y}" x2="{WIDTH - LEFT}" '
            f'y2="{y}"></line>',
            f'<text class="chart__target-label" x="{WIDTH - LEFT}" y="14" '
            f'text-anchor="end">{label}</text>',
        ]
    return []


def render(chart: Chart) -> Markup:
    """The chart as an <svg> element with role="img", <title> and <desc>."""
    height = TOP + max(len(chart.bars), 1) * ROW + 4
    parts = [
        f'<svg class="chart" id="{escape(chart.id)}" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{escape(chart.id)}-title {escape(chart.id)}-desc" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart.id)}-title">{escape(chart.title)}</title>',
        f'<desc id="{escape(chart.id)}-desc">{escape(chart.description)}</desc>',
        *_bars(chart),
        *_target(chart, height),
        "</svg>",
    ]
    # Every text in `parts` went through escape(); the rest are numbers.
    return Markup("".join(parts))  # noqa: S704
