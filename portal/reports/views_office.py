"""Back office for reports, under /medewerkers/meldingen: the team's queue as a list (with a
bulk action for the ticked rows) and as a map, a report with all staff may see, and one page
per action (plan, forward, close, change category, merge).

Every route needs a staff sign-in with the role case_handler. A report of another team
answers 404, the same as one that does not exist, and the refusal is audited. Each page is a
plain form that works without JavaScript; after a change the handler returns to the report
or the queue with a confirmation. The rules live in `portal.reports.handling`.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from wtforms import SelectChoice

from portal.auth import current_principal
from portal.auth.access import staff_required
from portal.backoffice import services as office
from portal.backoffice.forms import NORM_LABELS
from portal.backoffice.texts import answer_label, answer_value
from portal.cases.services import CaseError
from portal.cases.texts import team_contact
from portal.extensions import db
from portal.ratelimits import limited
from portal.reports import bulk, handling
from portal.reports import office_forms as forms
from portal.reports import queue as reports
from portal.reports.blueprints import office as bp
from portal.reports.categories import all_categories
from portal.reports.models import Report
from portal.reports.photos import photo_url
from portal.reports.texts import STATUS_LABELS

handlers_only = staff_required(role="case_handler")


def report_or_404(number: str):
    principal = current_principal()
    report = reports.report_for_staff(principal, number)
    if report is None:
        office.record_refused(number[:40], principal)
        db.session.commit()
        abort(404)
    return report


def category_labels() -> dict[str, str]:
    return {
        c.slug: _("%(group)s: %(name)s", group=c.group_name, name=c.name)
        if c.parent_slug
        else c.name
        for c in all_categories()
    }


def _team(principal) -> tuple[str, list[str]]:
    """The queue to show; the teams that categories route reports to come first."""
    teams = office.teams_for(principal)
    if not teams:
        abort(403)
    routed = set(reports.report_teams())
    teams = sorted(teams, key=lambda team: team not in routed)
    team = request.args.get("team", teams[0])
    return (team if team in teams else teams[0]), teams


def _filters(
    team: str, labels: dict[str, str]
) -> tuple[forms.QueueFilterForm, reports.QueueFilters]:
    form = forms.QueueFilterForm(request.args)
    form.category.choices += [SelectChoice(slug, label) for slug, label in labels.items()]
    form.area.choices += [SelectChoice(area, area) for area in reports.team_areas(team)]
    age = form.chosen("age")
    filters = reports.QueueFilters(
        category=form.chosen("category"),
        area=form.chosen("area"),
        status=form.chosen("status"),
        older_than_days=int(age) if age else None,
        norm=form.chosen("norm"),
    )
    return form, filters


def show_error(form, error: CaseError, default: str) -> None:
    """A rule's message goes next to the field it is about (or the form's main field)."""
    field = form._fields.get(getattr(error, "field", None) or "") or form._fields[default]
    field.errors = [*field.errors, str(error)]


def _queue_page(template: str, *, per_page: int, bulk_form=None):
    principal = current_principal()
    team, teams = _team(principal)
    labels = category_labels()
    filter_form, filters = _filters(team, labels)
    result = reports.queue(
        team, filters, page=request.args.get("page", 1, type=int), per_page=per_page
    )
    page = render_template(
        template,
        queue=result,
        markers=[_marker(row, labels) for row in result.rows],
        filter_form=filter_form,
        form=bulk_form,
        selected=set(bulk_form.reports.data or []) if bulk_form else set(),
        teams=[(code, team_contact(code).name) for code in teams] if len(teams) > 1 else [],
        team_name=team_contact(team).name,
        filter_args={k: v for k, v in request.args.items() if k != "page" and v},
        category_labels=labels,
        status_labels=STATUS_LABELS,
        norm_labels=NORM_LABELS,
    )
    return page, 422 if bulk_form and bulk_form.errors else 200


def _marker(row: reports.QueueRow, labels: dict[str, str]) -> dict:
    """A report as the map macro (templates/reports/_map.html) takes it."""
    return {
        "lat": row.report.latitude,
        "lon": row.report.longitude,
        "label": ", ".join(
            filter(None, [row.case.number, labels.get(row.report.category_slug), row.report.street])
        ),
        "url": url_for("report_office.report_detail", number=row.case.number),
    }


@bp.route("", methods=["GET", "POST"])
@limited("search", methods=("GET",))
@handlers_only
def queue():
    form = forms.BulkForm(prefix="bulk")
    if request.method == "POST" and form.validate_on_submit():
        done = _bulk(form, current_principal())
        if done is not None:
            return done
    db.session.rollback()
    return _queue_page("reports/office/queue.html", per_page=reports.PER_PAGE, bulk_form=form)


def _bulk(form: forms.BulkForm, principal):
    numbers = form.reports.data or []
    if len(numbers) > bulk.BULK_MAX:
        form.reports.errors = [_("Kies maximaal %(max)s meldingen tegelijk.", max=bulk.BULK_MAX)]
        return None
    chosen, refused = reports.reports_for_staff(principal, numbers)
    if refused:
        for number in refused:
            office.record_refused(number, principal)
        db.session.commit()
        abort(404)
    into = None
    if form.action.data == "merge" and form.into.data:
        into = reports.report_for_staff(principal, form.into.data)
        if into is None:
            office.record_refused(form.into.data, principal)
            db.session.commit()
            form.into.errors = [_("Deze melding kennen wij niet. Controleer het zaaknummer.")]
            return None
    try:
        result = bulk.bulk(
            chosen,
            form.action.data,
            principal,
            day=form.day.data,
            result_text=form.result_text.data,
            into=into,
        )
    except CaseError as error:
        show_error(form, error, "action")
        return None
    numbers = reports.case_numbers([report for report, _reason in result.refused])
    db.session.commit()
    if result.done:
        flash(
            ngettext(
                "%(num)d melding is bijgewerkt.",
                "%(num)d meldingen zijn bijgewerkt.",
                len(result.done),
            ),
            "ok",
        )
    for report, reason in result.refused:
        flash(
            _(
                "Melding %(number)s is niet gewijzigd. %(reason)s",
                number=numbers[report.id],
                reason=reason,
            ),
            "warning",
        )
    return redirect(url_for("report_office.queue", **request.args))


@bp.get("/kaart")
@handlers_only
def queue_map():
    return _queue_page("reports/office/map.html", per_page=reports.MAP_LIMIT)


@bp.get("/<number>")
@handlers_only
def report_detail(number: str):
    report = report_or_404(number)
    principal = current_principal()
    case = handling.case_of(report)
    office.record_view(case, principal)
    db.session.commit()
    followers = [f for f in report.followers if f.stopped_at is None]
    merged_into = None
    if report.merged_into_id:
        target = db.session.get(Report, report.merged_into_id)
        merged_into = reports.case_numbers([target])[target.id]
    return render_template(
        "reports/office/detail.html",
        report=report,
        case=case,
        norm=reports.norm_of(case) if report.is_open else "",
        reporter=next((f for f in report.followers if f.role == "reporter"), None),
        followers_count=len(followers),
        photos=[
            (photo, photo_url(photo), photo_url(photo, thumbnail=True)) for photo in report.photos
        ],
        candidates=reports.merge_candidates(principal, report),
        answers=[(answer_label(k), answer_value(v)) for k, v in (report.answers or {}).items()],
        merged_into=merged_into,
        team_name=team_contact(case.team).name,
        category_labels=category_labels(),
        status_labels=STATUS_LABELS,
        norm_labels=NORM_LABELS,
    )


@bp.post("/<number>/in-behandeling")
@handlers_only
def start(number: str):
    report = report_or_404(number)
    try:
        handling.start(report, current_principal())
    except CaseError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("De melding is in behandeling. De melder krijgt bericht."), "ok")
    return redirect(url_for("report_office.report_detail", number=number))


@bp.post("/<number>/fotos/<int:photo_id>/openbaar")
@handlers_only
def approve_photo(number: str, photo_id: int):
    report = report_or_404(number)
    photo = next((p for p in report.photos if p.id == photo_id), None)
    if photo is None:
        abort(404)
    approved = request.form.get("approved") == "1"
    handling.approve_photo(photo, current_principal(), approved=approved)
    db.session.commit()
    flash(
        _("De foto staat nu in het openbare overzicht.")
        if approved
        else _("De foto staat niet meer in het openbare overzicht."),
        "ok",
    )
    return redirect(url_for("report_office.report_detail", number=number, _anchor="fotos"))
