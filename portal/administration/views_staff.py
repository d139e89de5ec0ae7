"""Staff and teams: list, add, change (and so deactivate). Views parse and render; the rules
and the audit trail are in `portal.administration.staff`."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from wtforms import SelectChoice

from portal.administration import staff
from portal.administration.blueprints import bp
from portal.administration.forms import StaffForm, TeamForm
from portal.administration.forms_base import show_error
from portal.auth import current_principal
from portal.auth.access import staff_required
from portal.extensions import db


def _page(template: str, form, **context):
    db.session.rollback()
    return render_template(template, form=form, **context), 422 if form.errors else 200


@bp.get("/medewerkers")
@staff_required(role="admin")
def staff_list():
    return render_template(
        "administration/staff_list.html",
        members=staff.staff_members(),
        role_labels=staff.ROLE_LABELS,
        team_names=staff.team_names(),
    )


def _staff_form(member=None) -> StaffForm:
    form = StaffForm(obj=member if request.method == "GET" else None)
    if request.method == "GET" and member is None:
        form.active.data = True
    form.team.choices = [SelectChoice("", _("Geen team"))] + [
        SelectChoice(slug, name) for slug, name in staff.team_choices()
    ]
    listed = {choice.value for choice in form.team.choices}
    if member is not None and member.team and member.team not in listed:
        form.team.choices.append(SelectChoice(member.team, member.team))
    return form


def _staff_values(form: StaffForm) -> staff.StaffValues:
    return staff.StaffValues(
        staff_id=form.staff_id.data,
        name=form.name.data,
        email=form.email.data or "",
        roles=tuple(form.roles.data or ()),
        team=form.team.data or None,
        active=bool(form.active.data),
    )


def _save_staff(member):
    form = _staff_form(member)
    if request.method == "POST" and form.validate_on_submit():
        try:
            staff.save_staff(member, _staff_values(form), current_principal())
        except staff.AdminError as error:
            show_error(form, error, "staff_id")
        else:
            db.session.commit()
            flash(_("De medewerker is opgeslagen."), "ok")
            return redirect(url_for("administration.staff_list"))
    return _page("administration/staff_form.html", form, member=member)


@bp.route("/medewerkers/nieuw", methods=["GET", "POST"])
@staff_required(role="admin")
def staff_add():
    return _save_staff(None)


@bp.route("/medewerkers/<int:member_id>", methods=["GET", "POST"])
@staff_required(role="admin")
def staff_change(member_id: int):
    member = staff.staff_member(member_id)
    if member is None:
        abort(404)
    return _save_staff(member)


@bp.get("/teams")
@staff_required(role="admin")
def team_list():
    return render_template("administration/team_list.html", teams=staff.teams())


def _team_values(form: TeamForm) -> staff.TeamValues:
    return staff.TeamValues(
        name=form.name.data,
        email=form.email.data or "",
        phone=form.phone.data or "",
        lead_email=form.lead_email.data or "",
        active=bool(form.active.data),
    )


@bp.route("/teams/nieuw", methods=["GET", "POST"])
@staff_required(role="admin")
def team_add():
    form = TeamForm()
    if request.method == "GET":
        form.active.data = True
    if request.method == "POST" and form.validate_on_submit():
        try:
            staff.add_team(form.slug.data, _team_values(form), current_principal())
        except staff.AdminError as error:
            show_error(form, error, "slug")
        else:
            db.session.commit()
            flash(_("Het team is opgeslagen."), "ok")
            return redirect(url_for("administration.team_list"))
    return _page("administration/team_form.html", form, team=None)


@bp.route("/teams/<int:team_id>", methods=["GET", "POST"])
@staff_required(role="admin")
def team_change(team_id: int):
    row = staff.team(team_id)
    if row is None:
        abort(404)
    form = TeamForm(obj=row if request.method == "GET" else None)
    # The code never changes: cases and products refer to it.
    form.slug.data = row.slug
    if request.method == "POST" and form.validate_on_submit():
        staff.change_team(row, _team_values(form), current_principal())
        db.session.commit()
        flash(_("Het team is opgeslagen."), "ok")
        return redirect(url_for("administration.team_list"))
    return _page("administration/team_form.html", form, team=row)
