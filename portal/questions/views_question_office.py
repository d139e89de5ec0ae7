"""Passing a case on, for case handlers (blueprint `office`, under /medewerkers/vragen):
"Doorsturen naar een ander team" and "Overdragen aan een partner".

They work for every case, not only questions, and are linked from the case page of the back
office (templates/backoffice/detail.html); the pages use the back office's action page. The
rules are in `portal.cases.handover`. Each change is audited twice: in the case's trail
(what happened, for colleagues) and as a security event (who did it).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

from portal.auth import current_principal
from portal.auth.access import staff_required
from portal.auth.audit import record_event
from portal.backoffice import services as office
from portal.cases import handover
from portal.cases.services import CaseError
from portal.cases.texts import TEAMS, team_contact
from portal.extensions import db
from portal.questions import services
from portal.questions.blueprints import office as bp
from portal.questions.handover_forms import HandoverForm, ReassignForm

handlers_only = staff_required(role="case_handler")


def _case_or_404(number: str):
    principal = current_principal()
    case = office.case_for_staff(principal, number[:40])
    if case is None:
        office.record_refused(number[:40], principal)
        db.session.commit()
        abort(404)
    if case.is_closed:
        abort(404)
    return case


def _render(case, form, *, title, intro, submit):
    page = render_template(
        "backoffice/action.html",
        case=case,
        form=form,
        title=title,
        intro=intro,
        submit=submit,
        action=request.path,
    )
    return page, 422 if form.errors else 200


@bp.route("/zaken/<number>/doorsturen", methods=["GET", "POST"])
@handlers_only
def reassign(number: str):
    case = _case_or_404(number)
    principal = current_principal()
    form = ReassignForm()
    form.team.choices = [SelectChoice("", _("Kies een team"))] + [
        SelectChoice(code, team_contact(code).name) for code in TEAMS if code != case.team
    ]
    if request.method == "POST" and form.validate_on_submit():
        team = form.team.data
        try:
            handover.reassign_to_team(case, team, form.note.data, principal)
        except CaseError as error:
            db.session.rollback()
            form.team.errors.append(str(error))
        else:
            record_event("backoffice.case_reassigned", "success", principal, case.number, team)
            db.session.commit()
            flash(_("De zaak is doorgestuurd naar %(team)s.", team=team_contact(team).name), "ok")
            # The case now belongs to the other team: back to the queue, not to the case.
            return redirect(url_for("backoffice.queue"), code=303)
    return _render(
        case,
        form,
        title=_l("Doorsturen naar een ander team"),
        intro=_l(
            "Het andere team krijgt de zaak en een e-mail. De inwoner leest dat de zaak is "
            "doorgestuurd en naar welk team."
        ),
        submit=_l("Doorsturen"),
    )


@bp.route("/zaken/<number>/overdragen", methods=["GET", "POST"])
@handlers_only
def hand_over(number: str):
    case = _case_or_404(number)
    principal = current_principal()
    form = HandoverForm()
    partner = services.suggested_partner(case)
    if request.method == "GET" and partner is not None:
        form.partner.data = partner.name
        form.partner_contact.data = partner.phone or partner.url
    if request.method == "POST" and form.validate_on_submit():
        warm = handover.Handover(
            partner=form.partner.data,
            how=form.how.data,
            by=form.by.data,
            partner_contact=form.partner_contact.data or "",
        )
        try:
            handover.hand_over_to_partner(case, warm, principal)
        except CaseError as error:
            db.session.rollback()
            form.by.errors.append(str(error))
        else:
            record_event("backoffice.case_handed_over", "success", principal, case.number)
            db.session.commit()
            flash(_("De zaak is overgedragen. De inwoner krijgt bericht."), "ok")
            return redirect(url_for("backoffice.case_detail", number=case.number), code=303)
    return _render(
        case,
        form,
        title=_l("Overdragen aan een partner"),
        intro=_l(
            "De organisatie neemt de zaak over. Spreek eerst met hen af wie de inwoner benadert, "
            "hoe en wanneer. Daarna ronden wij de zaak af. De inwoner leest wie contact opneemt."
        ),
        submit=_l("Overdragen en afronden"),
    )
