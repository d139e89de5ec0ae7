"""The dashboard's figure sets, built from the computed figures: what each chart draws, what
each table lists and the key figures on top. The same sets feed the page and the CSV. This
module has the sets about how well we serve (marks, norms, first contact); `present_work` the
others."""

from datetime import UTC

from flask_babel import format_date, format_time
from flask_babel import gettext as _

from portal.dashboard.charts import Bar
from portal.dashboard.figures import Figures
from portal.dashboard.groups import TEAM
from portal.dashboard.metrics_contact import GroupContacts
from portal.dashboard.panels import (
    FigureSet,
    Panel,
    Table,
    chart,
    number,
    part_of,
    percent,
    reached,
)
from portal.dashboard.present_work import appointments_set, callbacks_set, reports_set

KEYS = ("cijfers", "termijnen", "eerste-contact", "meldingen", "afspraken", "terugbellen")


def _group_header(figures: Figures) -> str:
    return _("Team") if figures.grouping.by == TEAM else _("Product")


def marks_set(figures: Figures) -> FigureSet:
    found, goal = figures.marks, figures.targets.mark
    goal_text = _("Doel: %(target)s", target=number(goal))
    groups = [g for g in found.groups if g.average is not None]
    per_group = Panel(
        chart(
            "chart-marks",
            _("Gemiddeld cijfer per %(group)s", group=_group_header(figures).lower()),
            [Bar(g.label, g.average, number(g.average)) for g in groups],
            maximum=10,
            target=goal,
            target_label=goal_text,
        ),
        Table(
            "table-marks",
            _("Gemiddeld cijfer per %(group)s", group=_group_header(figures).lower()),
            [_group_header(figures), _("Aantal cijfers"), _("Gemiddeld cijfer"), _("Doel gehaald")],
            [[g.label, str(g.count), number(g.average), reached(g.average, goal)] for g in groups],
        ),
    )
    spread = Panel(
        chart(
            "chart-mark-spread",
            _("Hoe vaak elk cijfer is gegeven"),
            [Bar(str(mark), count, str(count)) for mark, count in found.distribution.items()]
            if found.count
            else [],
        ),
        Table(
            "table-mark-spread",
            _("Hoe vaak elk cijfer is gegeven"),
            [_("Cijfer"), _("Aantal")],
            [[str(mark), str(count)] for mark, count in found.distribution.items()],
        ),
    )
    return FigureSet(
        "cijfers",
        _("Cijfers van inwoners"),
        [
            (_("Gemiddeld cijfer"), number(found.average)),
            (_("Doel"), number(goal)),
            (_("Aantal cijfers"), str(found.count)),
        ],
        [per_group, spread],
        comments=found.comments,
    )


def norms_set(figures: Figures) -> FigureSet:
    found, goal = figures.norms, figures.targets.within_norm
    goal_text = _("Doel: %(target)s", target=percent(goal))
    group = _group_header(figures)
    on_day = format_date(found.reference_day, format="d MMMM y")
    if found.counted_at is not None:  # a kept count: say how old it is
        on_day = _(
            "%(day)s, bijgewerkt om %(time)s",
            day=on_day,
            time=format_time(found.counted_at.replace(tzinfo=UTC), format="HH:mm"),
        )
    within = Panel(
        chart(
            "chart-within-norm",
            _("Zaken op tijd afgerond per %(group)s", group=group.lower()),
            [Bar(g.label, g.percentage, percent(g.percentage)) for g in found.groups],
            maximum=100,
            target=goal,
            target_label=goal_text,
        ),
        Table(
            "table-within-norm",
            _("Zaken op tijd afgerond per %(group)s", group=group.lower()),
            [group, _("Afgerond"), _("Op tijd"), _("Percentage"), _("Doel gehaald")],
            [
                [
                    g.label,
                    str(g.closed),
                    str(g.within),
                    percent(g.percentage),
                    reached(g.percentage, goal),
                ]
                for g in found.groups
            ],
        ),
    )
    backlog_rows = [[b.label, str(b.open), str(b.at_risk), str(b.late)] for b in found.backlog]
    backlog_rows.append([_("Totaal"), str(found.open), str(found.at_risk), str(found.late)])
    backlog = Panel(
        chart(
            "chart-backlog",
            _("Open zaken op %(day)s", day=on_day),
            [
                Bar(_("Open"), found.open, str(found.open)),
                Bar(_("Bijna te laat"), found.at_risk, str(found.at_risk)),
                Bar(_("Te laat"), found.late, str(found.late)),
            ],
        ),
        Table(
            "table-backlog",
            _("Open zaken op %(day)s", day=on_day),
            [group, _("Open"), _("Bijna te laat"), _("Te laat")],
            backlog_rows,
        ),
    )
    return FigureSet(
        "termijnen",
        _("Zaken binnen de termijn"),
        [
            (_("Op tijd afgerond"), part_of(found.within, found.with_norm, found.percentage)),
            (_("Doel"), percent(goal)),
            (_("Open zaken op %(day)s", day=on_day), str(found.open)),
            (_("Bijna te laat"), str(found.at_risk)),
            (_("Te laat"), str(found.late)),
        ],
        [within, backlog],
    )


def _contact_panel(key: str, title: str, header: str, rows: list[GroupContacts], goal: int):
    return Panel(
        chart(
            f"chart-{key}",
            title,
            [Bar(r.label, r.percentage, percent(r.percentage)) for r in rows],
            maximum=100,
            target=goal,
            target_label=_("Doel: %(target)s", target=percent(goal)),
        ),
        Table(
            f"table-{key}",
            title,
            [
                header,
                _("Contacten"),
                _("In één keer beantwoord"),
                _("Percentage"),
                _("Doel gehaald"),
            ],
            [
                [
                    r.label,
                    str(r.total),
                    str(r.answered),
                    percent(r.percentage),
                    reached(r.percentage, goal),
                ]
                for r in rows
            ],
        ),
    )


def first_contact_set(figures: Figures) -> FigureSet:
    found, goal = figures.first_contact, figures.targets.first_contact
    result = FigureSet("eerste-contact", _("Vragen in één keer beantwoord"))
    if not found.applies:
        result.note = _(
            "Dit cijfer gaat over het klantcontactcentrum. Kies als kanaal "
            "Klantcontactcentrum of Alle kanalen om het te zien."
        )
        return result
    result.highlights = [
        (_("In één keer beantwoord"), part_of(found.answered, found.total, found.percentage)),
        (_("Doel"), percent(goal)),
    ]
    result.panels = [
        _contact_panel(
            "first-contact-team",
            _("In één keer beantwoord per team"),
            _("Team"),
            found.by_team,
            goal,
        ),
        _contact_panel(
            "first-contact-channel",
            _("In één keer beantwoord per manier van contact"),
            _("Manier van contact"),
            found.by_channel,
            goal,
        ),
    ]
    return result


BUILDERS = {
    "cijfers": marks_set,
    "termijnen": norms_set,
    "eerste-contact": first_contact_set,
    "meldingen": reports_set,
    "afspraken": appointments_set,
    "terugbellen": callbacks_set,
}


def figure_sets(figures: Figures) -> list[FigureSet]:
    return [BUILDERS[key](figures) for key in KEYS]
