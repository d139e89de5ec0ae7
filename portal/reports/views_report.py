"""Making a report, step by step (blueprint `resident`, endpoints "reports.*").

What, category, questions and duplicates live here; contact, check and sent in
`views_send`. The place and photos steps have their own modules. Every step works without
sign-in and without JavaScript, checks that the steps before it are done (`flow.blocked_by`)
and keeps everything typed in the server-side draft (`drafts`), also after an error.
"""

from __future__ import annotations

from flask import redirect, render_template, request, session, url_for
from flask_babel import format_number, format_timedelta
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from portal.auth import current_principal
from portal.components import fragments as kept
from portal.extensions import db
from portal.reports import antibot, classify, drafts, flow, fragments, nearby, questions, services
from portal.reports.blueprints import resident
from portal.reports.categories import get_category
from portal.reports.following import FollowError
from portal.reports.models import ReportDraft
from portal.reports.report_forms import OTHER, CategoryForm, DescribeForm, FollowForm
from portal.reports.texts import DESCRIPTION_MAX, PRODUCT_SLUG, STATUS_LABELS

FOLLOWED_KEY = "report_followed"
# The page each step's back link leads to (the first step goes back to the product page).
PREVIOUS = {"categorie": "wat", "vragen": "categorie", "lijkt-op": "plek", "contact": "fotos"}


def back_url(step: str) -> str:
    if step in PREVIOUS:
        return flow.url_for_step(PREVIOUS[step])
    return url_for("catalog.product", slug=PRODUCT_SLUG)


def open_step(step: str) -> tuple[ReportDraft | None, object]:
    """The draft and None, or a redirect to the first earlier step that is not done."""
    draft = drafts.current_draft()
    blocked = flow.blocked_by(draft, step)
    if blocked is not None:
        return draft, redirect(flow.url_for_step(blocked))
    return draft, None


def render_step(template: str, step: str, status: int = 200, **context):
    number, total = flow.step_number(step)
    page = render_template(
        template,
        number=number,
        total=total,
        back_url=back_url(step),
        principal=current_principal(),
        **context,
    )
    return page, status


def _suggestions(description: str) -> list[classify.Suggestion]:
    return [s for s in classify.suggest(description) if get_category(s.slug) is not None]


def _limits() -> dict:
    return {"max_length": DESCRIPTION_MAX, "max_length_text": format_number(DESCRIPTION_MAX)}


def _describe_form(form: DescribeForm, started: str) -> Markup:
    """The first step's form with errors, for this request only."""
    html = render_template(
        "reports/_describe_form.html",
        form=form,
        csrf_value=generate_csrf(),
        description=form.beschrijving.data or "",
        started=started,
        **_limits(),
    )
    return Markup(html)  # noqa: S704 (rendered by our autoescaping template)


def _empty_describe_form() -> str:
    """The first step's form as every visitor gets it, with holes for their own values."""
    return render_template(
        "reports/_describe_form.html",
        form=DescribeForm(meta={"csrf": False}),
        csrf_value=kept.hole("csrf"),
        description=kept.hole("description"),
        started=kept.hole("started"),
        **_limits(),
    )


@resident.route("/melding", methods=["GET", "POST"])
def describe():
    principal = current_principal()
    notices = {
        "not_covered": services.mandate_does_not_cover(principal),
        "for_other": services.reports_for_someone_else(principal),
    }
    if request.method == "GET":
        draft = drafts.current_draft()
        # The same form for everyone, rendered once per language: a visitor's own values
        # go into its holes (`fragments`).
        form_html = kept.filled(
            "reports/describe",
            _empty_describe_form,
            csrf=generate_csrf,
            description=draft.data.get("description", "") if draft else "",
            started=antibot.started_token(),
        )
        return render_step("reports/describe.html", "wat", form_html=form_html, **notices)
    form = DescribeForm()
    valid = form.validate()
    if valid and antibot.looks_like_a_bot(request.form):
        # Calm and without blame: a person who was just very quick simply tries again.
        form.form_errors.append(
            _("Dat ging erg snel. Controleer uw tekst en kies dan nog een keer Doorgaan.")
        )
        valid = False
    if not valid:
        form_html = _describe_form(form, antibot.token_to_keep(request.form))
        return render_step(
            "reports/describe.html", "wat", 422, form=form, form_html=form_html, **notices
        )
    draft = drafts.current_or_new()
    description = form.beschrijving.data
    found = _suggestions(description)
    changes = {
        "description": description,
        "suggestions": [s.slug for s in found],
        "suggestion_words": {s.slug: list(s.because) for s in found},
    }
    if description != draft.data.get("description"):
        changes["category_confirmed"] = None  # a new text asks for a new look at the category
    drafts.update(draft, **changes)
    db.session.commit()
    return redirect(flow.next_url(draft), code=303)


def _suggested(draft: ReportDraft) -> list:
    return [c for c in map(get_category, draft.data.get("suggestions") or []) if c]


def _render_category(form: CategoryForm, status: int = 200, **context):
    # The full list is the same for everyone: kept rendered, with this form's choice marked.
    options_html = fragments.category_options(form.ander_onderwerp.data)
    return render_step(
        "reports/category.html",
        "categorie",
        status,
        form=form,
        options_html=options_html,
        **context,
    )


def _chosen_category(form: CategoryForm, suggested: list) -> str | None:
    """The slug the resident chose, or None with the error set on the right field."""
    radio = (form.categorie.data or "").strip()
    other = (form.ander_onderwerp.data or "").strip()
    unknown = _("Dit onderwerp kennen wij niet. Kies een onderwerp uit de lijst.")
    if radio in {c.slug for c in suggested}:
        return radio
    if radio not in ("", OTHER) or len(other) > 60:
        (form.categorie if suggested else form.ander_onderwerp).errors = [unknown]
    elif other:
        if get_category(other) is not None:
            return other
        form.ander_onderwerp.errors = [unknown]
    elif radio == OTHER or not suggested:
        form.ander_onderwerp.errors = [_("Kies een onderwerp uit de lijst.")]
    else:
        form.categorie.errors = [_("Kies het onderwerp dat het best past.")]
    return None


@resident.route("/melding/categorie", methods=["GET", "POST"])
def category():
    draft, stop = open_step("categorie")
    if stop:
        return stop
    suggested = _suggested(draft)
    context = {"suggested": suggested, "words": draft.data.get("suggestion_words") or {}}
    form = CategoryForm()
    if request.method == "GET":
        chosen = draft.data.get("category")
        in_list = chosen in {c.slug for c in suggested}
        # An earlier choice from the full list stays; after a new text the best guess leads.
        if chosen and not in_list and draft.data.get("category_confirmed"):
            form.categorie.data, form.ander_onderwerp.data = OTHER, chosen
        else:
            form.categorie.data = chosen if in_list else (suggested[0].slug if suggested else "")
        return _render_category(form, **context)
    slug = _chosen_category(form, suggested)
    if slug is None:
        return _render_category(form, 422, **context)
    previous = get_category(draft.data.get("category") or "")
    changes: dict = {"category": slug, "category_confirmed": True}
    if previous is None or previous.slug != slug:
        changes |= {"answers": None, "questions_done": None}
    if previous is None or previous.main_slug != get_category(slug).main_slug:
        changes["duplicates_seen"] = None  # other reports are near for another kind
    if questions.questions_for(slug) is None:
        changes["questions_done"] = True
    drafts.update(draft, **changes)
    db.session.commit()
    return redirect(flow.next_url(draft), code=303)


@resident.route("/melding/vragen", methods=["GET", "POST"], endpoint="questions")
def questions_step():
    draft, stop = open_step("vragen")
    if stop:
        return stop
    asked = questions.questions_for(draft.data.get("category"))
    if asked is None:
        drafts.update(draft, answers=None, questions_done=True)
        db.session.commit()
        return redirect(flow.next_url(draft))
    posted = request.method == "POST"
    form = questions.form_for(asked, {} if posted else draft.data.get("answers") or {}, posted)
    context = {
        "asked": asked,
        "fields": asked.bounded_fields(),
        "category": get_category(asked.category),
    }
    if not posted:
        return render_step("reports/questions.html", "vragen", form=form, **context)
    if not form.validate():
        return render_step("reports/questions.html", "vragen", 422, form=form, **context)
    drafts.update(draft, answers=questions.answers_from(asked, form), questions_done=True)
    db.session.commit()
    return redirect(flow.next_url(draft), code=303)


def _nearby(draft: ReportDraft) -> list[nearby.Nearby]:
    category = services.draft_category(draft.data)
    try:
        location = services.checked_location(draft.data)
    except services.DraftIncomplete:
        return []
    if category is None:
        return []
    return nearby.find_duplicates(category.main_slug, location["latitude"], location["longitude"])


def _follow_forms(found: list, email: str) -> dict:
    return {
        n.report.id: FollowForm(formdata=None, prefix=f"volg-{n.report.id}", data={"email": email})
        for n in found
    }


def _render_duplicates(found, forms, status=200, problem=None):
    items = [
        {
            "report": n.report,
            "distance": round(n.distance_m),
            "age": format_timedelta(drafts.now() - n.report.created_at, add_direction=True),
            "category": get_category(n.report.category_slug),
            "status": STATUS_LABELS.get(n.report.status, n.report.status),
            "form": forms[n.report.id],
        }
        for n in found
    ]
    return render_step(
        "reports/duplicates.html",
        "lijkt-op",
        status,
        items=items,
        problem=problem,
        page_errors=bool(problem) or any(f.errors for f in forms.values()),
    )


def _own_email(principal) -> str:
    from portal.profile.services import contact_to_fill_in

    contact = contact_to_fill_in(principal)
    return contact.email if contact else ""


@resident.route("/melding/lijkt-op", methods=["GET", "POST"])
def duplicates():
    draft, stop = open_step("lijkt-op")
    if stop:
        return stop
    if not draft.data.get("location"):
        return redirect(flow.url_for_step("plek"))
    found = _nearby(draft) if request.method == "GET" else []
    if not found:
        drafts.update(draft, duplicates_seen=True)
        db.session.commit()
        return redirect(flow.next_url(draft), code=303 if request.method == "POST" else 302)
    return _render_duplicates(found, _follow_forms(found, _own_email(current_principal())))


@resident.post("/melding/lijkt-op/volgen")
def follow_duplicate():
    draft, stop = open_step("lijkt-op")
    if stop:
        return stop
    principal = current_principal()
    found = _nearby(draft)
    report_id = request.form.get("melding", type=int)
    match = next((n for n in found if n.report.id == report_id), None)
    forms = _follow_forms(found, _own_email(principal))
    if match is None:
        if not found:
            return redirect(url_for("reports.duplicates"), code=303)
        problem = _(
            "Deze melding kunt u niet meer volgen. Kies een andere, of doe een nieuwe melding."
        )
        return _render_duplicates(found, forms, 422, problem=problem)
    form = forms[report_id] = FollowForm(prefix=f"volg-{report_id}")
    valid = form.validate()
    party, _actor = services.reporting_party(principal)
    if valid and party is None and not form.email.data:
        form.email.errors = [
            _("Vul uw e-mailadres in. Daarop krijgt u het nieuws over deze melding.")
        ]
        valid = False
    if valid:
        try:
            services.follow_instead(draft, principal, match.report, form.email.data)
        except FollowError as refused:
            db.session.rollback()
            form.email.errors = [str(refused)]
            valid = False
    if not valid:
        return _render_duplicates(found, forms, 422)
    session[FOLLOWED_KEY] = match.report.id
    db.session.commit()
    return redirect(url_for("reports.followed"), code=303)


@resident.get("/melding/gevolgd")
def followed():
    report_id = session.get(FOLLOWED_KEY)
    report = services.get_report(report_id) if isinstance(report_id, int) else None
    if report is None:
        return redirect(url_for("reports.describe"))
    return render_template(
        "reports/followed.html",
        report=report,
        category=get_category(report.category_slug),
        status=STATUS_LABELS.get(report.status, report.status),
    )
