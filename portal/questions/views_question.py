"""Asking a question ("Stel uw vraag"; blueprint `resident`, endpoints "questions.ask",
"questions.send", "questions.sent", "questions.by_email"), signed in or not.

One page asks everything; the check page shows it and carries it in hidden fields, so
nothing is stored before the resident sends it (and nothing personal sits in the cookie).
Sending validates everything again. The form's key makes sending twice one case; the sent
page is shown only to the browser session that sent the question.
"""

from __future__ import annotations

from flask import redirect, render_template, request, session, url_for
from flask_babel import format_number
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from portal.auth import current_principal
from portal.cases.anonymous import is_anonymous
from portal.cases.services import CaseError
from portal.extensions import db
from portal.questions import services
from portal.questions.blueprints import resident
from portal.questions.question_forms import QuestionForm
from portal.ratelimits import limited
from portal.reports import antibot

SENT_KEY = "question_sent"
CHANGE = "wijzigen"


def _profile_contact() -> dict:
    from portal.profile.services import contact_to_fill_in

    contact = contact_to_fill_in(current_principal())
    return {"email": contact.email, "telefoon": contact.phone} if contact else {}


def _with_choices(form: QuestionForm, signed_in: bool) -> QuestionForm:
    form.onderwerp.choices = [
        SelectChoice("", _("Kies een onderwerp")),
        *(SelectChoice(topic.slug, topic.name) for topic in services.topics()),
        SelectChoice(services.DONT_KNOW, str(services.DONT_KNOW_LABEL)),
    ]
    form.kanaal.choices = [
        SelectChoice(channel, str(services.CHANNEL_LABELS[channel]))
        for channel in services.channels_for(signed_in)
    ]
    return form


def _render_ask(form: QuestionForm, party, status: int = 200):
    page = render_template(
        "questions/ask.html",
        form=form,
        signed_in=party is not None,
        max_length=services.QUESTION_MAX,
        max_length_text=format_number(services.QUESTION_MAX),
    )
    return page, status


def _keep_hidden(form: QuestionForm) -> None:
    """After an error or a change the first showing still counts, and the key stays."""
    form.begonnen.data = antibot.token_to_keep(request.form)
    form.website.data = ""
    if not services.is_key(form.sleutel.data):
        form.sleutel.data = services.new_key()


def _checked(form: QuestionForm) -> bool:
    valid = form.validate()
    if valid and antibot.looks_like_a_bot(request.form):
        # Calm and without blame: a person who was just very quick simply tries again.
        form.form_errors.append(
            _("Dat ging erg snel. Controleer uw vraag en kies dan nog een keer Doorgaan.")
        )
        valid = False
    return valid


def _question(form: QuestionForm) -> services.Question:
    return services.Question(
        topic=form.onderwerp.data,
        text=form.vraag.data,
        channel=form.kanaal.data,
        email=form.email.data or "",
        phone=form.telefoon.data or "",
    )


def _topic_label(form: QuestionForm) -> str:
    return next(
        (
            str(choice.label)
            for choice in form.onderwerp.choices
            if choice.value == form.onderwerp.data
        ),
        "",
    )


@resident.route("/vraag", methods=["GET", "POST"])
def ask():
    party, _actor = services.asking_party(current_principal())
    if request.method == "GET":
        chosen = request.args.get("onderwerp", "")[:100]
        data = {
            **_profile_contact(),
            "onderwerp": chosen if services.is_topic(chosen) else "",
            "begonnen": antibot.started_token(),
            "sleutel": services.new_key(),
        }
        return _render_ask(_with_choices(QuestionForm(data=data), party is not None), party)
    form = _with_choices(QuestionForm(), party is not None)
    if request.form.get("actie") == CHANGE:
        _keep_hidden(form)
        return _render_ask(form, party)
    if not _checked(form):
        _keep_hidden(form)
        return _render_ask(form, party, 422)
    return render_template(
        "questions/check.html",
        form=form,
        topic=_topic_label(form),
        channel=services.CHANNEL_LABELS[form.kanaal.data],
        expected=services.expected_answer_date(),
        days=services.NORM_WORKING_DAYS,
    )


@resident.post("/vraag/versturen")
@limited("question")
def send():
    principal = current_principal()
    party, _actor = services.asking_party(principal)
    form = _with_choices(QuestionForm(), party is not None)
    if request.form.get("actie") == CHANGE:
        _keep_hidden(form)
        return _render_ask(form, party)
    valid = _checked(form)
    if valid and not services.is_key(form.sleutel.data):
        form.form_errors.append(_("Er ging iets mis. Controleer uw vraag en kies dan Doorgaan."))
        valid = False
    if valid:
        try:
            services.ask(_question(form), principal, form.sleutel.data)
        except CaseError as refused:
            db.session.rollback()
            form.sleutel.data = services.new_key()
            form.form_errors.append(str(refused))
            valid = False
    if not valid:
        _keep_hidden(form)
        return _render_ask(form, party, 422)
    session[SENT_KEY] = form.sleutel.data
    db.session.commit()
    return redirect(url_for("questions.sent"), code=303)


@resident.get("/vraag/verstuurd")
def sent():
    case = services.case_for_key(session.get(SENT_KEY))
    if case is None:
        return redirect(url_for("questions.ask"))
    contact = case.contact or {}
    return render_template(
        "questions/sent.html",
        case=case,
        channel=contact.get("kanaal"),
        email=contact.get("email") or "",
        phone=contact.get("telefoon") or "",
        signed_in=not is_anonymous(case.party_kind) and current_principal() is not None,
        days=services.NORM_WORKING_DAYS,
    )


@resident.get("/vraag/antwoord-per-e-mail")
def by_email():
    """Where the e-mails to someone who asked without signing in lead: not to Mijn zaken,
    which they cannot open, but to what they can do next."""
    return render_template("questions/by_email.html")
