"""The public overview "Meldingen in de buurt": a list and a map of reports, filtered by
area and category, and a page per report. No sign-in; what is shown is decided in
`portal.reports.public`. Filtering is a plain GET form, so it works without JavaScript."""

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from portal.reports import public
from portal.reports.blueprints import resident
from portal.reports.texts import PRODUCT_SLUG

# The largest id the databases store in an integer column; larger ids cannot exist.
MAX_ID = 2_147_483_647
VIEWS = ("lijst", "kaart")


class OverviewFilterForm(FlaskForm):
    """Read from the query string; filtering changes nothing, so no CSRF token is needed."""

    class Meta:
        csrf = False

    wijk = SelectField(_l("Wijk"))
    categorie = SelectField(_l("Soort melding"))


def _chosen(value: str, allowed: list[str]) -> str:
    return value if value in allowed else ""


def _filters() -> tuple[OverviewFilterForm, str, str]:
    areas = public.areas()
    categories = public.main_categories()
    area = _chosen(request.args.get("wijk", ""), areas)
    category = _chosen(request.args.get("categorie", ""), [slug for slug, _name in categories])
    form = OverviewFilterForm(formdata=None, wijk=area, categorie=category)
    form.wijk.choices = [SelectChoice("", _("Alle wijken"))] + [SelectChoice(a, a) for a in areas]
    form.categorie.choices = [SelectChoice("", _("Alle soorten"))] + [
        SelectChoice(slug, name) for slug, name in categories
    ]
    return form, area, category


def _markers(reports: list[public.PublicReport], *, link: bool = True) -> list[dict]:
    """The map macro's markers (templates/reports/_map.html), at the rounded place."""
    return [
        {
            "lat": report.latitude,
            "lon": report.longitude,
            "label": ", ".join(filter(None, (report.category_name, report.street, report.area))),
            "url": url_for("reports.public_report", report_id=report.id) if link else "",
        }
        for report in reports
    ]


@resident.get("/meldingen-in-de-buurt")
def public_overview() -> str:
    form, area, category = _filters()
    view = request.args.get("weergave", "lijst")
    view = view if view in VIEWS else "lijst"
    page = request.args.get("pagina", 1, type=int) or 1
    result = public.overview(area=area, main_category=category, page=max(1, min(page, MAX_ID)))
    args = {key: value for key, value in (("wijk", area), ("categorie", category)) if value}
    markers = (
        _markers(public.map_reports(area=area, main_category=category)) if view == "kaart" else []
    )
    return render_template(
        "reports/public_overview.html",
        form=form,
        result=result,
        view=view,
        markers=markers,
        filter_args=args,
        product_url=url_for("catalog.product", slug=PRODUCT_SLUG),
    )


@resident.get(f"/meldingen-in-de-buurt/<int(max={MAX_ID}):report_id>")
def public_report(report_id: int) -> str | Response:
    report = public.get_public(report_id)
    if report is None:
        target = public.merged_into(report_id)
        if target is not None and public.get_public(target) is not None:
            return redirect(url_for("reports.public_report", report_id=target), code=301)
        abort(404)
    return render_template(
        "reports/public_report.html",
        report=report,
        markers=_markers([report], link=False),
        product_url=url_for("catalog.product", slug=PRODUCT_SLUG),
    )
