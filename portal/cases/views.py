"""Mijn zaken and the Berichtenbox: residents, companies and representatives follow their cases.

Every route is for people signed in with DigiD or eHerkenning at level midden or higher. A case
the principal may not see answers 404, the same as a case that does not exist.
"""

import io

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from portal.auth import current_principal
from portal.auth.access import record_mandate_use, sign_in_required
from portal.cases import display, files
from portal.cases import resident_services as mine
from portal.cases.extensions import case_parts
from portal.cases.forms import FeedbackForm, MessageForm, TaskForm
from portal.cases.receipt import receipt_pdf
from portal.cases.services import CaseError, is_late
from portal.cases.status_texts import general_text, what_happens_next
from portal.cases.texts import (
    DOCUMENT_KINDS,
    FILE_ERRORS,
    RESULT_LABELS,
    STATUS_LABELS,
    team_contact,
)
from portal.extensions import db
from portal.ratelimits import limited

bp = Blueprint("cases", __name__)


residents_only = sign_in_required(means=("digid", "eherkenning"), level="midden")
_principal = current_principal


def _case_or_404(number: str):
    """The case, when the principal may see it. A representative's use of the mandate for
    this product is audited (once per session, by the sign-in area)."""
    principal = _principal()
    case = mine.case_for(principal, number)
    if case is None:
        abort(404)
    _mandate_used(principal, case)
    return case


def _mandate_used(principal, case) -> None:
    if principal.acts_for_other:
        record_mandate_use(principal, case.product_slug)


def _labels() -> dict:
    return {
        "status_labels": STATUS_LABELS,
        "result_labels": RESULT_LABELS,
        "document_kinds": DOCUMENT_KINDS,
    }


@bp.get("/mijn-zaken")
@residents_only
def case_list():
    principal = _principal()
    closed = request.args.get("toon") == "afgerond"
    cases = mine.cases_for(principal, closed=closed, page=request.args.get("page", 1, type=int))
    # The header shows the same count: it need not count again.
    request.environ[mine.UNREAD_KEY] = cases.counts["unread"]
    return render_template(
        "cases/list.html",
        cases=cases,
        counts=cases.counts,
        closed=closed,
        **_labels(),
    )


def render_case(
    case,
    *,
    message_form=None,
    feedback_form=None,
    part_form=None,
    part_owner=None,
    status=200,
    shown: mine.ShownCase | None = None,
):
    """The case page. Other areas' routes on the page (`portal.cases.extensions`) call it
    with `part_form` (and `part_owner` when their part is not the product's own) to show
    their form's errors. `shown`: what `mine.case_page` read with the case."""
    principal = _principal()
    parts = case_parts(case, principal, form=part_form, owner=part_owner)
    thread = list(case.messages)
    unread_ids = {m.id for m in thread if m.direction == "out" and m.read_at is None}
    # Showing the thread is reading it: only the messages this page shows, by id, so one
    # that arrives while the page is made stays unread. The page still marks what was new.
    marked = mine.mark_shown_read(case, unread_ids)
    if shown is not None:
        # The header's count, read with the case, less what the page just marked.
        request.environ[mine.UNREAD_KEY] = max(0, shown.unread - marked)
        next_text = shown.own_text or general_text(case.status)
    else:
        next_text = what_happens_next(case.product_slug, case.status)
    page = render_template(
        "cases/detail.html",
        case=case,
        thread=thread,
        principal=principal,
        team=team_contact(case.team),
        next_text=next_text,
        unread_ids=unread_ids,
        is_late=is_late(case),
        message_form=message_form or MessageForm(formdata=None),
        feedback_form=feedback_form or FeedbackForm(formdata=None),
        parts=parts,
        page_errors=bool(
            (message_form and message_form.errors)
            or (feedback_form and feedback_form.errors)
            or (part_form and part_form.errors)
        ),
        **_labels(),
    )
    # Committed after the page is made, so nothing it shows is loaded again. A plain view
    # wrote only what it marked read; another route's error page may carry its own work.
    if marked or shown is None:
        db.session.commit()
    return page, status


@bp.get("/mijn-zaken/<number>")
@residents_only
def case_detail(number: str):
    principal = _principal()
    shown = mine.case_page(principal, number)
    if shown is None:
        abort(404)
    _mandate_used(principal, shown.case)
    # The closing e-mail links each mark here with ?cijfer=N: the form opens with it chosen.
    mark = request.args.get("cijfer", type=int)
    chosen = {"mark": str(mark)} if mark in range(1, 11) else None
    return render_case(
        shown.case, feedback_form=FeedbackForm(formdata=None, data=chosen), shown=shown
    )


@bp.post("/mijn-zaken/<number>/bericht")
@residents_only
def send_message(number: str):
    case = _case_or_404(number)
    form = MessageForm()
    if form.validate_on_submit():
        try:
            mine.resident_message(case, form.body.data, _principal())
        except CaseError as error:
            form.body.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Wij hebben uw bericht ontvangen."), "ok")
            return redirect(url_for("cases.case_detail", number=number, _anchor="berichten"))
    return render_case(case, message_form=form, status=422)


@bp.post("/mijn-zaken/<number>/beoordeling")
@residents_only
def give_feedback(number: str):
    case = _case_or_404(number)
    form = FeedbackForm()
    if form.validate_on_submit():
        try:
            mine.give_feedback(case, int(form.mark.data), form.comment.data, _principal())
        except CaseError as error:
            form.mark.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Bedankt voor uw cijfer. Wij gebruiken het om beter te worden."), "ok")
            return redirect(url_for("cases.case_detail", number=number, _anchor="beoordeling"))
    return render_case(case, feedback_form=form, status=422)


@bp.route("/mijn-zaken/<number>/taken/<int:task_id>", methods=["GET", "POST"])
@limited("upload")
@residents_only
def complete_task(number: str, task_id: int):
    case = _case_or_404(number)
    task = mine.task_for(case, task_id)
    if task is None:
        abort(404)
    form = TaskForm()
    if task.completed_at is None and not case.is_closed and form.validate_on_submit():
        upload = form.upload.data if form.upload.data and form.upload.data.filename else None
        try:
            mine.complete_task(case, task, _principal(), text=form.answer.data, upload=upload)
        except files.FileRejected as rejected:
            form.upload.errors.append(str(FILE_ERRORS[rejected.reason]))
        except CaseError as error:
            form.answer.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Bedankt. Wij hebben uw antwoord ontvangen."), "ok")
            return redirect(url_for("cases.case_detail", number=number))
    status = 422 if form.errors else 200
    return render_template("cases/task.html", case=case, task=task, form=form), status


@bp.get("/mijn-zaken/<number>/documenten/<int:document_id>")
@residents_only
def download(number: str, document_id: int):
    document = mine.document_for(_principal(), number, document_id)
    if document is None:
        abort(404)
    if document.path is None:
        data = io.BytesIO(receipt_pdf(document.case, display.product_name(document.case)))
    else:
        try:
            data = files.open_stored(document.path)
        except FileNotFoundError:
            abort(404)
    return send_file(
        data,
        mimetype=document.content_type,
        as_attachment=True,
        download_name=display.document_name(document),
    )


@bp.get("/berichten")
@residents_only
def inbox():
    found = mine.inbox(_principal(), page=request.args.get("page", 1, type=int))
    # The header shows the same count: it need not count again.
    request.environ[mine.UNREAD_KEY] = found.unread
    return render_template(
        "cases/inbox.html", messages=found.items, inbox=found, unread=found.unread
    )


@bp.get("/berichten/<int:message_id>")
@residents_only
def message(message_id: int):
    found = mine.message_for(_principal(), message_id)
    if found is None:
        abort(404)
    mine.mark_read([found])
    db.session.commit()
    return render_template("cases/message.html", message=found, case=found.case)
