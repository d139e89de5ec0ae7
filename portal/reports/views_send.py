"""The last steps of making a report: contact details, check and send, and the page that
says it was sent (blueprint `resident`, endpoints "reports.contact", "reports.check",
"reports.sent").

Sending twice (a double click, the back button, a retry) makes one report: the draft's token
is the case's idempotency key, and a draft that was sent leads to the sent page. That page
is shown only to the browser session that sent the report.
"""

from __future__ import annotations

from flask import redirect, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from portal.auth import current_principal
from portal.cases.services import get_case
from portal.extensions import db
from portal.ratelimits import limited
from portal.reports import drafts, filing, flow, photos, questions, services
from portal.reports.blueprints import resident
from portal.reports.categories import get_category
from portal.reports.models import ReportDraft
from portal.reports.report_forms import ContactForm, SendForm
from portal.reports.texts import REPORTED, WHAT_HAPPENS_NEXT
from portal.reports.views_report import open_step, render_step

SENT_KEY = "report_sent"


def _profile_contact(principal) -> dict:
    from portal.profile.services import contact_to_fill_in

    contact = contact_to_fill_in(principal)
    return {"email": contact.email, "telefoon": contact.phone} if contact else {}


@resident.route("/melding/contact", methods=["GET", "POST"])
def contact():
    draft, stop = open_step("contact")
    if stop:
        return stop
    principal = current_principal()
    party, _actor = services.reporting_party(principal)
    context = {"anonymous": party is None}
    if request.method == "GET":
        stored = draft.data.get("contact")
        data = (
            {"email": stored.get("email", ""), "telefoon": stored.get("phone", "")}
            if isinstance(stored, dict)
            else _profile_contact(principal)
        )
        return render_step(
            "reports/contact.html", "contact", form=ContactForm(data=data), **context
        )
    form = ContactForm()
    if not form.validate():
        return render_step("reports/contact.html", "contact", 422, form=form, **context)
    given = {"email": form.email.data or "", "phone": form.telefoon.data or ""}
    drafts.update(draft, contact=given, contact_done=True)
    db.session.commit()
    return redirect(flow.next_url(draft), code=303)


def _sent_draft() -> ReportDraft | None:
    """The draft this session sent: after sending, or (a double click that carries the
    cookie from before sending) the draft the session was still pointing at."""
    for key in (SENT_KEY, drafts.SESSION_KEY):
        token = session.get(key)
        if not isinstance(token, str) or not token:
            continue
        query = select(ReportDraft).where(ReportDraft.token == token)
        draft = db.session.scalars(query).first()
        if draft is not None and draft.submitted_at is not None and draft.case_number:
            return draft
    return None


def _photo_rows(entries: list) -> list[dict]:
    return [
        {
            "name": str(entry.get("name") or _("Foto")),
            "thumbnail": photos.photo_url(entry, thumbnail=True) if entry.get("token") else None,
        }
        for entry in entries
        if isinstance(entry, dict)
    ]


def _check_rows(draft: ReportDraft) -> list[tuple]:
    data = draft.data
    category = services.draft_category(data)
    asked = questions.questions_for(data.get("category"))
    location = data.get("location") or {}
    contact = data.get("contact") or {}
    shown = _photo_rows(data.get("photos") or [])
    missing = _("Niet ingevuld")
    rows = [
        (_("Wat wilt u melden?"), data.get("description", ""), url_for("reports.describe")),
        (_("Onderwerp"), category.name if category else "", url_for("reports.category")),
    ]
    rows += [
        (label, value, url_for("reports.questions"))
        for label, value in questions.readable_answers(asked, data.get("answers") or {})
    ]
    rows += [
        (_("Plek"), location.get("label") or missing, flow.url_for_step("plek")),
        (
            _("Foto's"),
            ", ".join(p["name"] for p in shown) or _("Geen foto's"),
            flow.url_for_step("fotos"),
        ),
        (_("E-mailadres"), contact.get("email") or missing, url_for("reports.contact")),
        (_("Telefoonnummer"), contact.get("phone") or missing, url_for("reports.contact")),
    ]
    return rows


def _render_check(draft: ReportDraft, form: SendForm, status: int = 200):
    principal = current_principal()
    category = services.draft_category(draft.data)
    party, _actor = services.reporting_party(principal)
    page = render_step(
        "reports/check.html",
        "contact",
        status,
        form=form,
        rows=_check_rows(draft),
        photos=_photo_rows(draft.data.get("photos") or []),
        category=category,
        expected=services.expected_date(category) if category else None,
        anonymous=party is None,
        has_email=bool((draft.data.get("contact") or {}).get("email")),
        not_covered=services.mandate_does_not_cover(principal),
        for_other=services.reports_for_someone_else(principal),
    )
    return page


@resident.route("/melding/controleren", methods=["GET", "POST"])
@limited("report")
def check():
    draft = drafts.current_draft()
    if draft is None and _sent_draft() is not None:
        return redirect(url_for("reports.sent"), code=303)
    first_open = flow.first_open_step(draft)
    if first_open is not None:
        return redirect(flow.url_for_step(first_open))
    form = SendForm()
    if request.method == "GET":
        return _render_check(draft, form)
    if not form.validate():
        return _render_check(draft, form, 422)
    try:
        services.submit(draft, current_principal())
    except services.DraftIncomplete as incomplete:
        db.session.rollback()
        return redirect(flow.url_for_step(incomplete.step), code=303)
    session[SENT_KEY] = draft.token
    drafts.forget()
    db.session.commit()
    return redirect(url_for("reports.sent"), code=303)


@resident.get("/melding/verstuurd")
def sent():
    draft = _sent_draft()
    case = get_case(draft.case_number) if draft is not None else None
    report = filing.report_for_case(case) if case is not None else None
    if report is None:
        return redirect(url_for("reports.describe"))
    principal = current_principal()
    signed_in = case.party_kind != filing.ANONYMOUS and principal is not None
    return render_step(
        "reports/sent.html",
        "contact",
        case=case,
        report=report,
        category=get_category(report.category_slug),
        next_text=WHAT_HAPPENS_NEXT[REPORTED],
        email=(case.contact or {}).get("email") or "",
        signed_in=signed_in,
    )
