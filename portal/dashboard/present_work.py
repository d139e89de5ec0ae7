"""Figure sets about the work itself: reports by category and area, appointments and their
outcomes, and call-backs against their target in working days (see `present`)."""

from flask_babel import gettext as _

from portal.dashboard.charts import Bar
from portal.dashboard.figures import Figures
from portal.dashboard.panels import FigureSet, Panel, Table, chart, number, part_of


def _count_panel(key: str, title: str, header: str, counts: list[tuple[str, int]]) -> Panel:
    return Panel(
        chart(f"chart-{key}", title, [Bar(label, count, str(count)) for label, count in counts]),
        Table(
            f"table-{key}",
            title,
            [header, _("Aantal")],
            [[label, str(count)] for label, count in counts],
        ),
    )


def reports_set(figures: Figures) -> FigureSet:
    found = figures.reports
    return FigureSet(
        "meldingen",
        _("Meldingen openbare ruimte"),
        [(_("Meldingen"), str(found.total))],
        [
            _count_panel(
                "reports-category", _("Meldingen per categorie"), _("Categorie"), found.by_category
            ),
            _count_panel("reports-area", _("Meldingen per wijk"), _("Wijk"), found.by_area),
        ],
    )


def outcome_labels() -> dict[str, str]:
    return {
        "used": _("Geweest"),
        "cancelled": _("Geannuleerd"),
        "no_show": _("Niet gekomen"),
        "not_recorded": _("Niet bijgehouden"),
        "planned": _("Nog gepland"),
    }


def appointments_set(figures: Figures) -> FigureSet:
    found = figures.appointments
    result = FigureSet("afspraken", _("Afspraken"))
    if not found.applies:
        result.note = _("Afspraken hebben geen kanaal. Kies Alle kanalen om ze te zien.")
        return result
    labels = outcome_labels()
    rows = [[t.label, *(str(t.counts[k]) for k in labels)] for t in found.by_type]
    rows.append([_("Totaal"), *(str(found.counts[k]) for k in labels)])
    title = _("Afspraken in deze periode")
    total = sum(found.counts.values())
    result.highlights = [
        *((labels[k], str(found.counts[k])) for k in labels),
        (_("Gemiddeld cijfer voor afspraken"), number(found.average_mark)),
    ]
    result.panels = [
        Panel(
            chart(
                "chart-appointments",
                title,
                [Bar(labels[k], found.counts[k], str(found.counts[k])) for k in labels]
                if total
                else [],
            ),
            Table("table-appointments", title, [_("Soort afspraak"), *labels.values()], rows),
        )
    ]
    return result


def callbacks_set(figures: Figures) -> FigureSet:
    found = figures.callbacks
    days = found.target_days
    last = len(found.days) - 1

    def bucket_label(n: int) -> str:
        if n == last:
            return _("%(num)s werkdagen of meer", num=n)
        return _("%(num)s werkdagen", num=n) if n != 1 else _("1 werkdag")

    bars = [Bar(bucket_label(n), count, str(count)) for n, count in found.days.items()]
    title = _("Werkdagen tot de eerste keer bellen")
    rows = [[bar.label, bar.shown] for bar in bars]
    rows.append([_("Nog niet gebeld"), str(found.not_tried)])
    judged = found.attempt_on_time + found.attempt_late
    return FigureSet(
        "terugbellen",
        _("Terugbelverzoeken"),
        [
            (_("Terugbelverzoeken"), str(found.total)),
            (
                _("Binnen %(days)s werkdagen gebeld", days=days),
                part_of(found.attempt_on_time, judged, found.attempt_percentage),
            ),
            (
                _("Binnen %(days)s werkdagen iemand gesproken", days=days),
                part_of(found.reached_on_time, judged, found.reached_percentage),
            ),
            (_("Nog niet gebeld, maar nog op tijd"), str(found.waiting)),
        ],
        [
            Panel(
                chart(
                    "chart-callbacks",
                    title,
                    bars if sum(found.days.values()) else [],
                    target_after=days + 1,
                    target_label=_("Doel: binnen %(days)s werkdagen (stippellijn)", days=days),
                ),
                Table("table-callbacks", title, [_("Eerste keer gebeld na"), _("Aantal")], rows),
            )
        ],
    )
