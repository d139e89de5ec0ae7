"""The action pages of the reports back office: plan, forward, close, change category and
merge, one small page each (`templates/backoffice/action.html`, shared with the case back
office). Access and the report lookup are those of `portal.reports.views_office`.
"""

from collections.abc import Callable

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

from portal.auth import current_principal
from portal.backoffice import services as office
from portal.cases.services import CaseError
from portal.extensions import db
from portal.reports import handling
from portal.reports import office_forms as forms
from portal.reports import queue as reports
from portal.reports.blueprints import office as bp
from portal.reports.categories import subcategories
from portal.reports.photos import PhotoRefused
from portal.reports.views_office import (
    category_labels,
    handlers_only,
    report_or_404,
    show_error,
)


def _action_page(number: str, form, *, title, intro, submit, done, apply: Callable, field: str):
    """Show an action form; on a valid post apply it, commit and go back to the report (or
    where `apply` says). A rule's error goes next to its field, with what was typed kept."""
    report = report_or_404(number)
    case = handling.case_of(report)
    if request.method == "POST" and form.validate_on_submit():
        try:
            target = apply(report, form)
        except PhotoRefused as refused:
            form.result_photo.errors = [*form.result_photo.errors, str(refused)]
        except CaseError as error:
            show_error(form, error, field)
        else:
            db.session.commit()
            flash(done, "ok")
            return redirect(target or url_for("report_office.report_detail", number=number))
    db.session.rollback()
    page = render_template(
        "backoffice/action.html",
        case=case,
        form=form,
        title=title,
        intro=intro,
        submit=submit,
        action=request.path,
        back_url=url_for("report_office.report_detail", number=number),
        back_text=_("Terug naar melding %(number)s", number=case.number),
        subject=_(
            "Melding %(number)s: %(category)s",
            number=case.number,
            category=category_labels().get(report.category_slug, ""),
        ),
        file_accept=".jpg,.jpeg,.png",
    )
    return page, 422 if form.errors else 200


@bp.route("/<number>/inplannen", methods=["GET", "POST"])
@handlers_only
def plan(number: str):
    principal = current_principal()
    return _action_page(
        number,
        forms.PlanForm(),
        title=_l("Werk inplannen"),
        intro=_l("De melder ziet de datum bij de melding en krijgt een e-mail."),
        submit=_l("Inplannen"),
        done=_l("Het werk is ingepland. De melder krijgt bericht."),
        apply=lambda report, f: handling.plan(report, f.day.data, f.note.data, principal),
        field="day",
    )


@bp.route("/<number>/doorsturen", methods=["GET", "POST"])
@handlers_only
def forward(number: str):
    principal = current_principal()
    return _action_page(
        number,
        forms.ForwardForm(),
        title=_l("Doorsturen naar een andere organisatie"),
        intro=_l("Lost een andere organisatie dit op? Dan sluit u de melding hier af."),
        submit=_l("Doorsturen en afsluiten"),
        done=_l("De melding is doorgestuurd. De melder krijgt uw bericht."),
        apply=lambda report, f: handling.forward(
            report, f.organisation.data, f.message.data, principal
        ),
        field="organisation",
    )


@bp.route("/<number>/afhandelen", methods=["GET", "POST"])
@handlers_only
def close(number: str):
    principal = current_principal()

    def apply(report, f):
        photo = f.result_photo.data
        handling.close(
            report, f.result_text.data, principal, photo if photo and photo.filename else None
        )

    return _action_page(
        number,
        forms.CloseWithPhotoForm(),
        title=_l("Melding afhandelen"),
        intro=_l(
            "De melder krijgt uw tekst en kan binnen 14 dagen zeggen dat het niet is opgelost."
        ),
        submit=_l("Afhandelen"),
        done=_l("De melding is afgehandeld. De melder krijgt bericht."),
        apply=apply,
        field="result_text",
    )


@bp.route("/<number>/categorie", methods=["GET", "POST"])
@handlers_only
def change_category(number: str):
    principal = current_principal()
    report = report_or_404(number)
    form = forms.CategoryForm(category=report.category_slug)
    form.category.choices = [
        SelectChoice(c.slug, _("%(group)s: %(name)s", group=c.group_name, name=c.name))
        for c in subcategories()
    ]

    def apply(report, f):
        handling.change_category(report, f.category.data, principal)
        if not office.may_handle(principal, handling.case_of(report)):
            flash(
                _("De melding hoort nu bij een ander team. Dat team ziet hem in de werkvoorraad."),
                "info",
            )
            return url_for("report_office.queue")
        return None

    return _action_page(
        number,
        form,
        title=_l("Categorie wijzigen"),
        intro=_l("Bij een andere categorie kan een ander team de melding krijgen."),
        submit=_l("Categorie opslaan"),
        done=_l("De categorie is gewijzigd."),
        apply=apply,
        field="category",
    )


@bp.route("/<number>/samenvoegen", methods=["GET", "POST"])
@handlers_only
def merge(number: str):
    principal = current_principal()
    report = report_or_404(number)
    form = forms.MergeForm(into=request.args.get("met"))
    candidates = reports.merge_candidates(principal, report)
    if candidates:
        form.into.choices = [
            SelectChoice(
                c.number,
                _(
                    "%(number)s, %(place)s (%(distance)s meter verderop)",
                    number=c.number,
                    place=c.report.address_text or c.report.street,
                    distance=round(c.distance_m),
                ),
            )
            for c in candidates
        ]
    else:
        del form.into

    def apply(duplicate, f):
        typed = f.number.data or (f.into.data if "into" in f else None)
        if not typed:
            raise handling.HandlingError(
                _l("Kies de melding die blijft, of typ het zaaknummer."),
                "into" if "into" in f else "number",
            )
        into = reports.report_for_staff(principal, typed)
        if into is None:
            office.record_refused(typed, principal)
            db.session.commit()  # the refusal is kept; nothing else has changed yet
            raise handling.HandlingError(
                _l("Deze melding kennen wij niet. Controleer het zaaknummer."), "number"
            )
        handling.merge(duplicate, into, principal)
        return url_for("report_office.report_detail", number=reports.case_numbers([into])[into.id])

    return _action_page(
        number,
        form,
        title=_l("Samenvoegen met een andere melding"),
        intro=_l("Gaat deze melding over hetzelfde als een andere? Voeg ze samen."),
        submit=_l("Samenvoegen"),
        done=_l("De meldingen zijn samengevoegd. De melder en volgers krijgen bericht."),
        apply=apply,
        field="number",
    )
