"""The dashboard under /medewerkers/dashboard: the figures for a period, per product, team
and channel, with charts, tables and a CSV per figure set.

Roles team_lead and admin. A team leader sees their own team only; asking for another team
answers 403 and is audited (the teams are no secret, the figures are the team's business).
An administrator sees every team. Each view is audited, with the filters but nothing
personal. Bad filter input never fails the page: see `forms`."""

from datetime import UTC

from flask import abort, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.auth import current_principal
from portal.auth.access import staff_required
from portal.auth.audit import record_event
from portal.cases.services import now, today
from portal.dashboard import export, present
from portal.dashboard.blueprints import bp
from portal.dashboard.charts import render as render_chart
from portal.dashboard.figures import kept
from portal.dashboard.filters import known_products, known_teams, teams_visible_to
from portal.dashboard.forms import FilterForm, cleaned, read_filters, set_choices
from portal.dashboard.periods import period_args
from portal.extensions import db


def _choice():
    """The form and the filters it gives, or a 403 for a team the staff member may not see."""
    principal = current_principal()
    visible = teams_visible_to(principal)
    if visible == []:
        record_event("dashboard.no_team", "refused", principal=principal, target=request.path)
        db.session.commit()
        abort(make_response(render_template("dashboard/no_team.html"), 403))
    team_names = known_teams()
    for code in visible or []:
        team_names.setdefault(code, code)
    products = known_products()
    form = FilterForm(cleaned(request.args))
    set_choices(form, visible_teams=visible, team_names=team_names, products=products)
    choice = read_filters(
        form, today=today(), visible_teams=visible, team_names=team_names, products=products
    )
    if choice.refused_team:
        record_event(
            "dashboard.team_refused", "refused", principal=principal, target=choice.refused_team
        )
        db.session.commit()
        abort(make_response(render_template("dashboard/team_refused.html"), 403))
    return principal, form, choice.filters, team_names


def _detail(filters) -> str:
    period = filters.period
    return (
        f"{period.start.isoformat()}..{period.end.isoformat()} "
        f"product={filters.product or '-'} channel={filters.channel or '-'}"
    )


def _filter_args(filters) -> dict:
    """The filters as query arguments, with the period spelled out (for the CSV links)."""
    extra = {"team": filters.team, "product": filters.product, "kanaal": filters.channel}
    return {**period_args(filters.period), **{k: v for k, v in extra.items() if v}}


def _export_urls(filters) -> dict[str, str]:
    """The CSV link of each figure set. Built once and the key put in, as every link has
    the same filters: url_for with the period spelled out is slow enough to count six times."""
    slot = "--set--"
    shared = url_for("dashboard.export_csv", key=slot, **_filter_args(filters))
    return {key: shared.replace(f"/{slot}.csv", f"/{key}.csv", 1) for key in present.KEYS}


@bp.get("/")
@staff_required(role="team_lead")
def home():
    principal, form, filters, team_names = _choice()
    figures = kept(filters, today=today(), now=now(), team_names=team_names)
    record_event(
        "dashboard.viewed",
        "allowed",
        principal=principal,
        target=f"team:{filters.team or 'alle'}",
        detail=_detail(filters),
    )
    db.session.commit()
    return render_template(
        "dashboard/home.html",
        form=form,
        filters=filters,
        team_name=team_names.get(filters.team, "") if filters.team else _("Alle teams"),
        sets=present.figure_sets(figures),
        counted_at=figures.counted_at.replace(tzinfo=UTC),
        render_chart=render_chart,
        export_urls=_export_urls(filters),
    ), (400 if form.errors else 200)


@bp.get("/export/<key>.csv")
@staff_required(role="team_lead")
def export_csv(key: str):
    if key not in present.BUILDERS:
        abort(404)
    principal, form, filters, team_names = _choice()
    if form.errors:
        return redirect(url_for("dashboard.home", **cleaned(request.args).to_dict()))
    figures = kept(filters, today=today(), now=now(), team_names=team_names)
    figure_set = present.BUILDERS[key](figures)
    record_event(
        "dashboard.exported",
        "allowed",
        principal=principal,
        target=f"{key}:team:{filters.team or 'alle'}",
        detail=_detail(filters),
    )
    db.session.commit()
    period = filters.period
    name = f"dashboard-{key}-{period.start.isoformat()}-{period.end.isoformat()}.csv"
    response = make_response(export.csv_text(figure_set))
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
