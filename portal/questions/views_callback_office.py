"""The contact centre's call-back queue under /medewerkers/vragen/terugbellen: the requests
by day and window with their norm status, and one page per request to log an attempt.

For staff with the role case_handler in the team klantcontact (or an administrator). Anyone
else gets 404, and the refusal is audited. Opening a request is audited (it shows a phone
number), and so is every attempt. The rules live in `portal.questions.callback_handling`.
"""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.auth import current_principal
from portal.auth.access import staff_required
from portal.auth.audit import record_event
from portal.backoffice import services as office
from portal.backoffice.forms import NORM_LABELS
from portal.cases.services import CaseError, get_case
from portal.cases.texts import RESULT_LABELS
from portal.catalog.services import get_product
from portal.extensions import db
from portal.questions import callback_handling as handling
from portal.questions import callback_links as links
from portal.questions import callbacks
from portal.questions.blueprints import office as bp
from portal.questions.callback_forms import AttemptForm

handlers_only = staff_required(role="case_handler")

OUTCOME_LABELS = {
    "reached": _l("Bereikt"),
    "not_reached": _l("Niet bereikt"),
    "voicemail": _l("Voicemail ingesproken"),
}
DONE_MESSAGES = {
    "reached": _l("De poging is opgeslagen. Het verzoek is afgerond."),
    "logged": _l("De poging is opgeslagen. Bel de inwoner nog een keer."),
    "new_window": _l(
        "De poging is opgeslagen. De inwoner krijgt bericht om een nieuw tijdvak te kiezen."
    ),
    "try_again": _l(
        "De poging is opgeslagen. Wij kunnen de inwoner niet schrijven. Bel nog één keer. "
        "Lukt dat niet? Dan sluit het verzoek."
    ),
    "given_up": _l(
        "De poging is opgeslagen. Wij hebben de inwoner niet bereikt. Het verzoek is afgerond."
    ),
}


def _may_see(principal) -> bool:
    return callbacks.TEAM in office.teams_for(principal)


def _check_team():
    principal = current_principal()
    if not _may_see(principal):
        record_event(
            "questions.callbacks_refused", "refused", principal=principal, target="terugbellen"
        )
        db.session.commit()
        abort(404)
    return principal


def _callback_or_404(number: str):
    principal = _check_team()
    case = get_case(number[:40])
    callback = callbacks.callback_for(case) if case is not None else None
    if callback is None:
        abort(404)
    return principal, case, callback


def topic_label(slug: str) -> str:
    if slug == callbacks.OTHER_TOPIC:
        return _("Iets anders")
    product = get_product(slug)
    return product.name if product else slug


def _helpers() -> dict:
    return {
        "norm_labels": NORM_LABELS,
        "topic_label": topic_label,
        "show_phone": callbacks.show_phone,
        "window_words": callbacks.window_words,
        "outcome_labels": OUTCOME_LABELS,
    }


@bp.get("/terugbellen")
@handlers_only
def callback_queue():
    _check_team()
    return render_template(
        "questions/office/callback_queue.html", queue=handling.staff_queue(), **_helpers()
    )


def _detail(case, callback, form: AttemptForm, status: int = 200):
    failures = handling.failures_this_round(callback)
    page = render_template(
        "questions/office/callback_detail.html",
        case=case,
        callback=callback,
        form=form,
        failures=failures,
        can_write=links.can_write(case),
        last_try=failures >= handling.FAILURES_BEFORE_NEW_WINDOW,
        result_labels=RESULT_LABELS,
        window=callbacks.callback_window_words(callback),
        **_helpers(),
    )
    return page, status


@bp.get("/terugbellen/<number>")
@handlers_only
def callback_detail(number: str):
    principal, case, callback = _callback_or_404(number)
    office.record_view(case, principal)
    db.session.commit()
    return _detail(case, callback, AttemptForm(formdata=None))


@bp.post("/terugbellen/<number>/poging")
@handlers_only
def callback_attempt(number: str):
    principal, case, callback = _callback_or_404(number)
    form = AttemptForm()
    if form.validate():
        try:
            outcome = handling.log_attempt(
                callback, form.outcome.data, form.note.data, form.resident_note.data, principal
            )
        except (callbacks.CallbackError, CaseError) as error:
            db.session.rollback()
            form.outcome.errors = [*form.outcome.errors, str(error)]
        else:
            db.session.commit()
            flash(str(DONE_MESSAGES[outcome]), "ok")
            return redirect(url_for("question_office.callback_queue"), code=303)
    return _detail(case, callback, form, 422)
