"""The place step of a report: "Waar is het?" (`reports.place`, /melding/plek).

Searching comes first and works without JavaScript: a GET form (?zoek=) on the same page,
the results as radio buttons, then "Doorgaan". With htmx the results follow the typing
(`reports.place_suggestions` gives the fragment; without HX-Request it gives the whole
page, through the same checks). Other ways, never the only one: the resident's own address
(signed in), "Gebruik mijn locatie" (JavaScript), a pin on the map (?kaart=1) and a photo
with its GPS position. The rules live in `portal.reports.place`.

Every POST form carries a hidden `actie`: kiezen | eigen-adres | punt | foto.
"""

from __future__ import annotations

from flask import current_app, jsonify, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField

from portal.auth import current_principal
from portal.extensions import db, htmx
from portal.reports import drafts, flow, questions
from portal.reports import place as rules
from portal.reports.blueprints import resident
from portal.reports.locations import area
from portal.reports.locations.embedded import STREET_PREFIX, streets
from portal.reports.models import ReportDraft

STEP = "plek"
RESULTS_ID = "place-results"
# Problems shown at the search box (in the error summary), and as a notice in the results.
FIELD_PROBLEMS = ("empty", "short", "long", "bad_point", "no_address")
NOTICE_PROBLEMS = ("none", "unavailable")


class SearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search changes nothing

    zoek = StringField(_l("Adres of straat"))


class ChoiceForm(FlaskForm):
    plek = RadioField(_l("Kies de plek"), choices=[], validate_choice=False)


def _message(problem: str, query: str) -> str:
    messages = {
        "empty": _("Vul een adres of straat in."),
        "short": _("Typ minstens 2 tekens van het adres of de straat."),
        "long": _("Gebruik hoogstens 100 tekens. Typ alleen de straat en het huisnummer."),
        "none": _(
            "Wij vinden geen adres of straat bij ‘%(query)s’. Controleer de spelling. "
            "Of zoek alleen op de straatnaam.",
            query=query,
        ),
        "unavailable": _(
            "Het zoeken naar adressen werkt nu niet. Probeer het over een paar minuten "
            "opnieuw. Of kies de plek op de kaart."
        ),
        "no_choice": _("Kies een adres of straat uit de lijst."),
        "unknown": _("Wij vinden deze plek niet meer. Zoek het adres opnieuw."),
        "bad_point": _("Wij konden deze plek niet lezen. Zoek het adres of de straat."),
        "no_address": _("Wij kunnen uw adres nu niet ophalen. Zoek het adres hieronder."),
    }
    return messages[problem]


def _choice_label(suggestion) -> str:
    if suggestion.id.startswith(STREET_PREFIX):
        return _("%(street)s (ergens in de straat)", street=suggestion.label)
    return suggestion.label


def _results(search: rules.Search | None, problem: str = "", live: bool = False) -> dict:
    """What the results area shows: the choice form, a notice and the count."""
    choice_form = None
    notice = ""
    status = ""
    if search is not None and search.suggestions:
        choice_form = ChoiceForm(formdata=None)
        choice_form.plek.choices = [(s.id, _choice_label(s)) for s in search.suggestions]
        if problem in ("no_choice", "unknown"):
            choice_form.plek.errors = [_message(problem, search.query)]
        count = len(search.suggestions)
        status = ngettext("%(num)d plek gevonden", "%(num)d plekken gevonden", count)
    elif search is not None and search.problem in NOTICE_PROBLEMS:
        notice = _message(search.problem, search.query)
        status = notice if search.problem == "none" else ""
    if live and search is not None and search.problem in ("empty", "short", "long"):
        status = ""  # while typing, a short text is no mistake yet
    return {"choice_form": choice_form, "notice": notice, "status_text": status}


def _back_url(draft: ReportDraft) -> str:
    # Back to the extra questions when the category has them; otherwise that page would
    # send the resident straight forward again.
    has_questions = questions.questions_for((draft.data or {}).get("category")) is not None
    return flow.url_for_step("vragen" if has_questions else "categorie")


def _open() -> tuple[ReportDraft | None, object]:
    draft = drafts.current_draft()
    blocked = flow.blocked_by(draft, STEP)
    if draft is None or blocked is not None:
        return draft, redirect(flow.url_for_step(blocked or "wat"))
    return draft, None


def _render(draft: ReportDraft, query: str | None, *, problem: str = "", referral=None):
    principal = current_principal()
    searched = query is not None
    search = rules.search(query) if searched else None
    form = SearchForm(formdata=None, data={"zoek": search.query if search else ""})
    errors = []
    search_problem = search.problem if search and search.problem in FIELD_PROBLEMS else ""
    if problem in FIELD_PROBLEMS:
        search_problem = problem
    if search_problem:
        form.zoek.errors = [_message(search_problem, form.zoek.data)]
        errors.append(("zoek", form.zoek.errors[0]))
    results = _results(search, problem)
    if results["choice_form"] is not None and results["choice_form"].plek.errors:
        errors.append(("plek-0", results["choice_form"].plek.errors[0]))
    elif problem in ("no_choice", "unknown"):
        form.zoek.errors = [_message(problem, form.zoek.data)]
        errors.append(("zoek", form.zoek.errors[0]))
    # The own address on the first look only: every look is a BRP lookup in the log.
    own = rules.own_address(principal) if not searched and not problem and not referral else None
    location = (draft.data or {}).get("location")
    photo_failed = rules.photo_gave_no_place(draft)
    number, total = flow.step_number(STEP)
    page = render_template(
        "reports/place.html",
        number=number,
        total=total,
        back_url=_back_url(draft),
        principal=principal,
        search_form=form,
        query=search.query if search else "",
        errors=errors,
        page_errors=bool(errors),
        referral=referral,
        own_place=own,
        location=location,
        continue_url=flow.next_url(draft) if location else "",
        map_open=request.values.get("kaart") == "1",
        map_point=location or (own and {"latitude": own.latitude, "longitude": own.longitude}),
        photo_failed=photo_failed,
        photo_offer=not photo_failed,
        **results,
    )
    return page, 422 if errors or referral else 200


@resident.route("/melding/plek", methods=["GET", "POST"])
def place():
    draft, blocked = _open()
    if blocked is not None:
        return blocked
    if request.method == "GET":
        return _render(draft, request.args.get("zoek"))
    form = request.form
    query = form.get("zoek") or None
    action = form.get("actie")
    if action == "foto" and not rules.photo_gave_no_place(draft):
        rules.take_place_from_photo(draft)
        db.session.commit()
        return redirect(flow.next_url(draft), code=303)
    if action == "kiezen":
        choice = rules.choose(form.get("plek"))
    elif action == "eigen-adres":
        choice = rules.choose_own_address(current_principal())
    elif action == "punt":
        source = "gps" if form.get("bron") == "gps" else "kaart"
        choice = rules.choose_point(form.get("lat"), form.get("lon"), source)
    else:
        return redirect(url_for("reports.place"), code=303)
    if choice.location is not None:
        rules.keep(draft, choice.location)
        db.session.commit()
        return redirect(flow.next_url(draft), code=303)
    return _render(draft, query, problem=choice.problem, referral=choice.referral)


@resident.route("/melding/plek/suggesties")
def place_suggestions():
    """The results for what has been typed so far: a fragment for htmx, else the page."""
    if not (htmx and htmx.target == RESULTS_ID):
        return place()
    _draft, blocked = _open()
    if blocked is not None:
        response = make_response("", 204)
        response.headers["HX-Redirect"] = blocked.location
        return response
    search = rules.search(request.args.get("zoek"))
    return render_template(
        "reports/_place_results.html", swap=True, query=search.query, **_results(search, live=True)
    )


@resident.route("/melding/kaart/achtergrond.json")
def map_background():
    """What the map draws without a tile service: the boundary, the strips that are not
    ours and (with the demo addresses) the demo streets. No personal data."""
    data = area.outline()
    if current_app.config["LOCATION_BACKEND"] != "pdok":
        data["streets"] = [
            {"name": street.name, "line": [list(point) for point in street.line]}
            for street in streets()
        ]
    response = jsonify(data)
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response
