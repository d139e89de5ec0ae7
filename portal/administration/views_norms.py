"""Service norms and routing per product and per report category. The rules and the audit
trail are in `portal.administration.norms`."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from wtforms import SelectChoice

from portal.administration import norms, staff
from portal.administration.blueprints import bp
from portal.administration.forms import CategoryNormForm, ProductNormForm
from portal.administration.forms_base import number_or_none, show_error
from portal.auth import current_principal
from portal.auth.access import staff_required
from portal.extensions import db


def _team_choices(current: str | None) -> list[SelectChoice]:
    choices = [SelectChoice(slug, name) for slug, name in staff.team_choices()]
    if current and current not in {choice.value for choice in choices}:
        # A team that is no longer listed stays choosable, so saving a norm keeps it.
        choices.append(SelectChoice(current, current))
    return choices


def _saved(count: int) -> None:
    if count:
        flash(_("De wijziging is opgeslagen. Nieuwe zaken krijgen deze termijn."), "ok")
    else:
        flash(_("Er was niets veranderd."), "info")


@bp.get("/termijnen")
@staff_required(role="admin")
def norm_list():
    return render_template(
        "administration/norm_list.html",
        products=norms.products(),
        categories=norms.categories(),
        team_names=staff.team_names(),
    )


@bp.route("/termijnen/product/<slug>", methods=["GET", "POST"])
@staff_required(role="admin")
def product_norm(slug: str):
    row = norms.product_row(slug)
    if row is None:
        abort(404)
    form = ProductNormForm()
    form.team.choices = _team_choices(row.team)
    if request.method == "GET":
        form.norm_working_days.data = (
            "" if row.norm_working_days is None else str(row.norm_working_days)
        )
        form.norm_weeks.data = "" if row.norm_weeks is None else str(row.norm_weeks)
        form.team.data = row.team
    if request.method == "POST" and form.validate_on_submit():
        days = number_or_none(form.norm_working_days.data)
        weeks = number_or_none(form.norm_weeks.data)
        try:
            changed = norms.change_product(row, days, weeks, form.team.data, current_principal())
        except staff.AdminError as error:
            show_error(form, error, "norm_working_days")
        else:
            db.session.commit()
            _saved(changed)
            return redirect(url_for("administration.norm_list"))
    db.session.rollback()
    page = render_template(
        "administration/product_norm.html", form=form, product=row, name=norms.product_name(row)
    )
    return page, 422 if form.errors else 200


@bp.route("/termijnen/melding/<slug>", methods=["GET", "POST"])
@staff_required(role="admin")
def category_norm(slug: str):
    row = norms.category_row(slug)
    if row is None:
        abort(404)
    form = CategoryNormForm()
    form.team.choices = _team_choices(row.team)
    if request.method == "GET":
        form.norm_working_days.data = str(row.norm_working_days)
        form.team.data = row.team
    if request.method == "POST" and form.validate_on_submit():
        days = number_or_none(form.norm_working_days.data)
        try:
            changed = norms.change_category(row, days, form.team.data, current_principal())
        except staff.AdminError as error:
            show_error(form, error, "norm_working_days")
        else:
            db.session.commit()
            _saved(changed)
            return redirect(url_for("administration.norm_list"))
    db.session.rollback()
    page = render_template("administration/category_norm.html", form=form, category=row)
    return page, 422 if form.errors else 200
