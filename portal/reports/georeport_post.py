"""POST requests of the Open311 GeoReport v2 API: checking what a report app sends and
filing it as a real report case (`filing.file_report`, source "open311").

Every field is bounded and checked before anything is stored; an error is an `Open311Error`
(400, or 404 for an unknown service_code, as the spec's POST section says). The reporter's
e-mail and phone are kept for updates; first and last name are checked for length and not
stored (a street report does not need them); media_url is never fetched and not stored.
"""

from __future__ import annotations

import re
import secrets

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from portal.cases.models import Case
from portal.reports import filing
from portal.reports.categories import Category, get_category
from portal.reports.georeport import TOKEN_PREFIX, bad
from portal.reports.locations import location_service, parse_point, place_for_point
from portal.reports.locations.area import who_else
from portal.reports.locations.base import LocationUnavailable, Place
from portal.reports.models import Report
from portal.reports.open311_format import Open311Error
from portal.reports.questions import questions_for
from portal.reports.texts import DESCRIPTION_MAX
from portal.requests import engine

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9 +()\-]{6,20}$")
# Control characters people do not type; tab and line breaks stay in a description.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(form: MultiDict, name: str, limit: int, label: str) -> str:
    value = _CONTROL.sub("", form.get(name, "")).strip()
    if len(value) > limit:
        raise bad(_("%(name)s is te lang: maximaal %(max)s tekens.", name=label, max=limit))
    return value


def _spot(form: MultiDict) -> filing.Spot:
    latitude, longitude = form.get("lat", ""), form.get("long", "")
    address = _clean(form, "address_string", 200, "address_string")
    address_id = _clean(form, "address_id", 64, "address_id")
    if latitude or longitude:
        try:
            lat, lon = parse_point(latitude, longitude)
        except ValueError:
            raise bad(_("Geef lat en long allebei, als getallen in WGS84.")) from None
        place = None
    else:
        place = _find_place(address, address_id)
        lat, lon = place.latitude, place.longitude
    referral = who_else(lat, lon)
    if referral is not None:
        who = referral.organisation or _("een andere organisatie")
        raise bad(
            _(
                "Deze plek ligt niet in %(municipality)s. Meld het bij %(who)s.",
                municipality=current_app.config["MUNICIPALITY_NAME"],
                who=who,
            )
        )
    if place is None:
        near = place_for_point(lat, lon)
        street, area = (near.street, near.area) if near else ("", "")
    else:
        street, area = place.street, place.area
    return filing.Spot(
        lat, lon, label=address or street, street=street, area=area, source="open311"
    )


def _find_place(address: str, address_id: str) -> Place:
    if not address and not address_id:
        raise bad(_("Geef de plek: lat en long, address_string of address_id."))
    service = location_service()
    try:
        if address_id:
            place = service.lookup(address_id) or service.lookup("adr-" + address_id)
        else:
            found = service.suggest(address, limit=1)
            place = service.lookup(found[0].id) if found else None
    except LocationUnavailable:
        raise bad(_("Het zoeken naar adressen werkt nu niet. Stuur lat en long mee.")) from None
    if place is None:
        raise bad(_("Dit adres kennen wij niet. Stuur lat en long mee."))
    return place


def _answers(category: Category, form: MultiDict) -> dict:
    """attribute[code]=value (and attribute[code][]=… for a list), checked like the form."""
    questions = questions_for(category.slug)
    if questions is None:
        return {}
    fields = questions.bounded_fields()
    posted = MultiDict()
    for item in fields:
        values = form.getlist(f"attribute[{item.name}]") + form.getlist(f"attribute[{item.name}][]")
        values = [_CONTROL.sub("", value)[:500] for value in values[:20]]
        allowed = {choice.value for choice in item.choices} | {"true", "false"}
        listed = item.choices or item.kind == "boolean"
        if listed and any(value not in allowed for value in values if value):
            raise bad(_("Kies bij %(code)s een waarde uit de lijst.", code=item.name))
        if item.kind == "boolean":
            values = ["y"] if "true" in values else []
        for value in values:
            posted.add(item.name, value)
    checked = engine.form_class(fields)(formdata=posted, meta={"csrf": False})
    if not checked.validate():
        name, messages = next(iter(checked.errors.items()))
        raise bad(f"{name}: {messages[0]}")
    return engine.answers_from(checked, fields)


def create_request(form: MultiDict) -> tuple[Report, Case]:
    code = form.get("service_code", "").strip()
    if not code:
        raise bad(_("Geef een service_code."))
    category = get_category(code[:60])
    if category is None:
        raise Open311Error(404, _("Deze soort melding kennen wij niet."))
    description = _clean(form, "description", DESCRIPTION_MAX, "description")
    email = _clean(form, "email", 254, "email")
    phone = _clean(form, "phone", 40, "phone")
    if email and not _EMAIL.match(email):
        raise bad(_("Dit e-mailadres klopt niet."))
    if phone and not _PHONE.match(phone):
        raise bad(_("Dit telefoonnummer klopt niet."))
    for name in ("first_name", "last_name"):
        _clean(form, name, 100, name)  # accepted, bounded and not stored
    spot = _spot(form)
    answers = _answers(category, form)
    token = secrets.token_urlsafe(24)
    case, report = filing.file_report(
        category,
        spot,
        description=description,
        answers=answers,
        idempotency_key=TOKEN_PREFIX + token,
        contact={"email": email, "phone": phone},
        source="open311",
    )
    return report, case


def created_fields(report: Report, case: Case) -> list[dict]:
    notice = _("Uw zaaknummer is %(number)s.", number=case.number)
    if case.expected_completion:
        day = format_date(case.expected_completion, "d MMMM y")
        notice += " " + _("Wij verwachten dat het klaar is op %(date)s.", date=day)
    return [{"service_request_id": str(report.id), "service_notice": notice, "account_id": None}]
