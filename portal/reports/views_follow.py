"""Following a report: the follow link's page, "het is niet opgelost", the mark, stopping,
and the report's part of the Mijn zaken case page.

The follow link works without an account: whoever has it may see the report and, when it is
the reporter's link, reopen it and give a mark. So the pages under /melding/volgen/<token>
are never cached (`no-store`), send no Referer outside this site (`same-origin`; a form POST
still carries one for the CSRF check) and are not indexed. An old, stopped, altered or
made-up link gets one and the same B1 404 page.
"""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.auth import current_principal
from portal.auth.access import record_mandate_use, sign_in_required
from portal.auth.pseudonym import pseudonym
from portal.cases import resident_services as mine
from portal.cases.extensions import CasePart
from portal.cases.forms import FeedbackForm
from portal.cases.views import render_case
from portal.extensions import db
from portal.reports import following
from portal.reports.blueprints import resident
from portal.reports.filing import report_for_case
from portal.reports.follow_page import report_page
from portal.reports.forms_follow import ReopenForm, StopForm
from portal.reports.photo_access import remember_followed
from portal.reports.reopening import (
    ReopenError,
    can_give_mark,
    can_reopen,
    give_mark,
    reopen_report,
)
from portal.reports.texts import PRODUCT_SLUG

residents_only = sign_in_required(means=("digid", "eherkenning"), level="midden")


def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _unknown() -> Response:
    body = render_template("reports/follow_unknown.html", product_slug=PRODUCT_SLUG)
    return _private(Response(body, status=404, mimetype="text/html"))


def _page(follower, token, *, reopen_form=None, mark_form=None, status=200) -> Response:
    report = follower.report
    case = following.case_of(report)
    # The photo route lets this browser session see the report's photos.
    remember_followed(report.id)
    body = render_template(
        "reports/follow.html",
        rp=report_page(report, case, reporter=follower.role == following.REPORTER),
        token=token,
        reopen_form=reopen_form or ReopenForm(formdata=None),
        reopen_action=url_for("reports.follow_reopen", token=token),
        mark_form=mark_form or FeedbackForm(formdata=None),
        product_slug=PRODUCT_SLUG,
    )
    return _private(Response(body, status=status, mimetype="text/html"))


def _back(token: str, anchor: str) -> Response:
    return _private(redirect(url_for("reports.follow", token=token, _anchor=anchor)))


@resident.get("/melding/volgen/<token>")
def follow(token: str):
    follower = following.follower_from_token(token)
    if follower is None:
        return _unknown()
    return _page(follower, token)


@resident.post("/melding/volgen/<token>/niet-opgelost")
def follow_reopen(token: str):
    follower = following.follower_from_token(token)
    if follower is None:
        return _unknown()
    if follower.role != following.REPORTER or not can_reopen(follower.report):
        # The form is only on the reporter's link, while reopening is possible; a second
        # click or a page left open past the 14 days lands where the page says why not.
        closed = follower.report.closed_at is not None
        return _back(token, "reopen-title" if closed else "report-timeline-title")
    form = ReopenForm()
    if form.validate_on_submit():
        try:
            reopen_report(follower.report, form.reason.data, follower=follower)
        except ReopenError as error:
            form.reason.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Bedankt. Wij gaan opnieuw aan de slag met uw melding."), "ok")
            return _back(token, "report-timeline-title")
    return _page(follower, token, reopen_form=form, status=422)


@resident.post("/melding/volgen/<token>/cijfer")
def follow_mark(token: str):
    follower = following.follower_from_token(token)
    if follower is None:
        return _unknown()
    if follower.role != following.REPORTER or not can_give_mark(follower.report):
        return _back(token, "beoordeling")
    form = FeedbackForm()
    if form.validate_on_submit():
        try:
            give_mark(follower.report, int(form.mark.data), form.comment.data)
        except ReopenError as error:
            form.mark.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Bedankt voor uw cijfer. Wij gebruiken het om beter te worden."), "ok")
            return _back(token, "beoordeling")
    return _page(follower, token, mark_form=form, status=422)


@resident.post("/melding/volgen/<token>/stoppen")
def follow_stop(token: str):
    follower = following.follower_from_token(token)
    if follower is None:
        return _unknown()
    if StopForm().validate_on_submit():
        following.stop_following(follower)
        db.session.commit()
    return _private(redirect(url_for("reports.follow_stopped")))


@resident.get("/melding/volgen/gestopt")
def follow_stopped():
    return _private(Response(render_template("reports/follow_stopped.html"), mimetype="text/html"))


# Mijn zaken: the signed-in reporter sees the report on the case page.


def _reporter_row(report, principal):
    who = pseudonym(principal.subject.identifier)
    for follower in report.followers:
        if follower.role == following.REPORTER and follower.party_pseudonym == who:
            return follower
    return None


def report_part(case, principal, form=None) -> CasePart | None:
    """Registered for the report product (`portal.cases.extensions`): the case page shows
    this to the party of the case, who made the report."""
    report = report_for_case(case)
    if report is None:
        return None
    context = {
        "rp": report_page(report, case, reporter=True),
        "reopen_form": form or ReopenForm(formdata=None),
        "reopen_action": url_for("reports.case_reopen", number=case.number),
    }
    return CasePart("reports/case_part.html", context, form=form)


@resident.post("/mijn-zaken/<number>/niet-opgelost")
@residents_only
def case_reopen(number: str):
    principal = current_principal()
    case = mine.case_for(principal, number)
    report = report_for_case(case) if case is not None else None
    if report is None:
        abort(404)
    if principal.acts_for_other:
        record_mandate_use(principal, case.product_slug)
    if not can_reopen(report):
        return redirect(url_for("cases.case_detail", number=number, _anchor="report-title"))
    form = ReopenForm()
    if form.validate_on_submit():
        try:
            reopen_report(
                report,
                form.reason.data,
                follower=_reporter_row(report, principal),
                actor=principal,
            )
        except ReopenError as error:
            form.reason.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Bedankt. Wij gaan opnieuw aan de slag met uw melding."), "ok")
            return redirect(url_for("cases.case_detail", number=number, _anchor="report-title"))
    return render_case(case, part_form=form, status=422)
