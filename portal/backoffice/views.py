"""Back office for case handlers, under /medewerkers/zaken: the team queue, a case, and one
page per action (assign, status, ask for information, message, document, new date, close).

Every route needs a staff sign-in with the role case_handler. A case of another team answers
404, the same as a case that does not exist. Each action page is a plain form that works
without JavaScript; after a change the handler returns to the case with a confirmation.
"""

import io
from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

from portal.auth import current_principal
from portal.auth.access import staff_required
from portal.backoffice import forms, work_queue
from portal.backoffice import services as office
from portal.backoffice.texts import EVENT_LABELS, answer_label, answer_value
from portal.cases import files
from portal.cases.receipt import receipt_pdf
from portal.cases.services import CaseError, today
from portal.cases.texts import (
    DOCUMENT_KINDS,
    FILE_ERRORS,
    RESULT_LABELS,
    RESULTS_NEEDING_REASON,
    STATUS_LABELS,
    team_contact,
)
from portal.extensions import db
from portal.ratelimits import limited

bp = Blueprint("backoffice", __name__, url_prefix="/medewerkers/zaken")


handlers_only = staff_required(role="case_handler")
_principal = current_principal


def _case_or_404(number: str):
    principal = _principal()
    case = office.case_for_staff(principal, number)
    if case is None:
        office.record_refused(number, principal)
        db.session.commit()
        abort(404)
    return case


def _labels() -> dict:
    return {
        "status_labels": STATUS_LABELS,
        "result_labels": RESULT_LABELS,
        "document_kinds": DOCUMENT_KINDS,
        "norm_labels": forms.NORM_LABELS,
    }


@bp.get("")
@limited("search", methods=("GET",))
@handlers_only
def queue():
    principal = _principal()
    teams = office.teams_for(principal)
    if not teams:
        abort(403)
    team = request.args.get("team", teams[0])
    if team not in teams:
        team = teams[0]
    form = forms.QueueFilterForm(request.args)
    filters = work_queue.QueueFilters(
        status=request.args.get("status", ""),
        norm=request.args.get("norm", ""),
        product=request.args.get("product", ""),
        mine=bool(request.args.get("mine")),
    )
    feedback = work_queue.team_feedback(team)
    result = work_queue.queue(principal, team, filters, page=request.args.get("page", 1, type=int))
    form.product.choices = [
        SelectChoice("", _("Alle producten")),
        *(SelectChoice(slug, name) for slug, name in result.products),
    ]
    return render_template(
        "backoffice/queue.html",
        queue=result,
        filter_form=form,
        filters=filters,
        teams=[(code, team_contact(code).name) for code in teams] if len(teams) > 1 else [],
        team_name=team_contact(team).name,
        feedback=feedback,
        feedback_average=format_decimal(feedback.average or 0, format="0.0"),
        count_limit=work_queue.COUNT_LIMIT,
        count_limit_text=format_decimal(work_queue.COUNT_LIMIT),
        total_text=format_decimal(result.total),
        filter_args={k: v for k, v in request.args.items() if k != "page" and v},
        **{
            **_labels(),
            # Translated once here, not again for each of the page's cards.
            "status_labels": {key: str(label) for key, label in STATUS_LABELS.items()},
            "norm_labels": {key: str(label) for key, label in forms.NORM_LABELS.items()},
        },
    )


@bp.get("/<number>")
@handlers_only
def case_detail(number: str):
    case = _case_or_404(number)
    principal = _principal()
    office.record_view(case, principal)
    db.session.commit()
    return render_template(
        "backoffice/detail.html",
        case=case,
        norm=office.case_norm(case, today()),
        mine=case.handler_ref == office.handler_ref(principal),
        answers=_readable(case.answers),
        contact=_readable(case.contact),
        event_labels=EVENT_LABELS,
        **_labels(),
    )


def _readable(stored: dict | None) -> list[tuple[str, str]]:
    return [(answer_label(key), answer_value(value)) for key, value in (stored or {}).items()]


@bp.post("/<number>/aan-mij")
@handlers_only
def assign_to_me(number: str):
    case = _case_or_404(number)
    principal = _principal()
    me = office.Colleague(principal.display_name, office.handler_ref(principal), principal.email)
    try:
        office.assign(case, me, principal)
    except CaseError as error:
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("U behandelt deze zaak nu."), "ok")
    return redirect(url_for("backoffice.case_detail", number=number))


def _action_page(
    number: str,
    form,
    *,
    title,
    intro,
    submit,
    done,
    apply: Callable,
    error_field: str,
):
    """Show an action form; on a valid post apply it, commit and return to the case.

    A CaseError from the rules is shown next to `error_field`, with the typed text kept.
    """
    case = _case_or_404(number)
    if request.method == "POST" and form.validate_on_submit():
        try:
            apply(case, form)
        except files.FileRejected as rejected:
            form.upload.errors.append(str(FILE_ERRORS[rejected.reason]))
        except CaseError as error:
            getattr(form, error_field).errors.append(str(error))
        else:
            db.session.commit()
            flash(done, "ok")
            return redirect(url_for("backoffice.case_detail", number=number))
    db.session.rollback()
    page = render_template(
        "backoffice/action.html",
        case=case,
        form=form,
        title=title,
        intro=intro,
        submit=submit,
        action=request.path,
        **_labels(),
    )
    return page, 422 if form.errors else 200


@bp.route("/<number>/toewijzen", methods=["GET", "POST"])
@handlers_only
def assign(number: str):
    case = _case_or_404(number)
    principal = _principal()
    people = {c.staff_id: c for c in office.colleagues(principal, case)}
    form = forms.AssignForm(handler=case.handler_ref)
    form.handler.choices = [
        SelectChoice(ref, _("%(name)s (ik)", name=c.display_name) if i == 0 else c.display_name)
        for i, (ref, c) in enumerate(people.items())
    ]
    return _action_page(
        number,
        form,
        title=_l("Zaak toewijzen"),
        intro=_l("De inwoner ziet de naam van de behandelaar bij de zaak."),
        submit=_l("Toewijzen"),
        done=_l("De zaak is toegewezen."),
        apply=lambda case, f: office.assign(case, people[f.handler.data], principal),
        error_field="handler",
    )


@bp.route("/<number>/status", methods=["GET", "POST"])
@handlers_only
def change_status(number: str):
    principal = _principal()
    return _action_page(
        number,
        forms.StatusForm(),
        title=_l("Status wijzigen"),
        intro=_l("De inwoner krijgt een e-mail dat er nieuws is en leest uw uitleg in de portal."),
        submit=_l("Status opslaan"),
        done=_l("De status is gewijzigd. De inwoner krijgt bericht."),
        apply=lambda case, f: office.change_status(
            case, f.status.data, f.note.data or None, principal
        ),
        error_field="status",
    )


@bp.route("/<number>/informatie", methods=["GET", "POST"])
@handlers_only
def request_information(number: str):
    principal = _principal()
    return _action_page(
        number,
        forms.InformationForm(),
        title=_l("Informatie opvragen"),
        intro=_l(
            "De inwoner krijgt een taak in de portal en een e-mail. "
            "De zaak wacht tot de inwoner antwoordt. De termijn staat dan stil."
        ),
        submit=_l("Taak versturen"),
        done=_l("De inwoner heeft een taak gekregen."),
        apply=lambda case, f: office.request_information(case, f.text.data, f.due.data, principal),
        error_field="text",
    )


@bp.route("/<number>/bericht", methods=["GET", "POST"])
@handlers_only
def send_message(number: str):
    principal = _principal()
    return _action_page(
        number,
        forms.MessageForm(),
        title=_l("Bericht sturen"),
        intro=_l("Het bericht komt in de Berichtenbox van de inwoner."),
        submit=_l("Bericht versturen"),
        done=_l("Het bericht is verstuurd."),
        apply=lambda case, f: office.send_message(case, f.body.data, principal),
        error_field="body",
    )


@bp.route("/<number>/document", methods=["GET", "POST"])
@limited("upload")
@handlers_only
def attach_document(number: str):
    principal = _principal()
    return _action_page(
        number,
        forms.DocumentForm(),
        title=_l("Document toevoegen"),
        intro=_l("De inwoner kan het document bij de zaak downloaden."),
        submit=_l("Document toevoegen"),
        done=_l("Het document is toegevoegd."),
        apply=lambda case, f: office.attach_document(case, f.upload.data, f.kind.data, principal),
        error_field="kind",
    )


@bp.route("/<number>/afronden", methods=["GET", "POST"])
@handlers_only
def close_case(number: str):
    principal = _principal()
    form = forms.CloseForm()
    if form.result.data in RESULTS_NEEDING_REASON:
        form.reason.render_kw = {"aria-required": "true"}
    if form.is_submitted() and form.result.data in RESULTS_NEEDING_REASON and not form.reason.data:
        # Said here as well as in the rules, so the error sits next to the explanation box.
        form.reason.validators = [
            forms.DataRequired(
                _l("Leg uit waarom. De inwoner moet weten waarom het antwoord nee is.")
            )
        ]
    return _action_page(
        number,
        form,
        title=_l("Zaak afronden"),
        intro=_l(
            "De inwoner krijgt een e-mail met de vraag om een cijfer. "
            "Voeg een besluit eerst toe als document."
        ),
        submit=_l("Zaak afronden"),
        done=_l("De zaak is afgerond. De inwoner krijgt bericht."),
        apply=lambda case, f: office.close_case(
            case, f.result.data, f.reason.data or None, principal
        ),
        error_field="reason",
    )


@bp.route("/<number>/termijn", methods=["GET", "POST"])
@handlers_only
def extend_deadline(number: str):
    principal = _principal()
    return _action_page(
        number,
        forms.ExtendForm(),
        title=_l("Nieuwe datum doorgeven"),
        intro=_l("Lukt het niet op tijd? Geef een nieuwe datum en leg uit waarom."),
        submit=_l("Nieuwe datum opslaan"),
        done=_l("De nieuwe datum is opgeslagen. De inwoner krijgt bericht."),
        apply=lambda case, f: office.extend_deadline(
            case, f.new_date.data, f.reason.data, principal
        ),
        error_field="new_date",
    )


@bp.get("/<number>/documenten/<int:document_id>")
@handlers_only
def download(number: str, document_id: int):
    case = _case_or_404(number)
    document = next((d for d in case.documents if d.id == document_id), None)
    if document is None:
        abort(404)
    office.record_download(case, _principal())
    db.session.commit()
    if document.path is None:
        data = io.BytesIO(receipt_pdf(case, case.product_name))
    else:
        try:
            data = files.open_stored(document.path)
        except FileNotFoundError:
            abort(404)
    return send_file(
        data, mimetype=document.content_type, as_attachment=True, download_name=document.name
    )
