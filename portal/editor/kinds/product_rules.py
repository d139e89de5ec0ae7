"""The rules a product's data must follow before it is saved or published, beyond what every
kind checks (required fields, lengths, safe Markdown): who may apply at which level, a
channel that leads somewhere that exists, and codes in the form the national lists use.

Each rule returns B1 messages keyed by the edit form's field names ("fact-form_slug").
"""

from __future__ import annotations

import re

from flask_babel import gettext as _

from portal.auth.principal import DIGID_LEVELS, EHERKENNING_LEVELS
from portal.catalog.services import AUDIENCES, CHANNELS
from portal.components.markdown import link_problem
from portal.editor.kinds import catalog_data as catalog
from portal.editor.kinds.base import SOURCE_LOCALE

# The audiences that sign in, the fact that holds their level, and the levels they can have.
LEVEL_FACTS = {
    "resident": ("level_resident", DIGID_LEVELS),
    "representative": ("level_representative", DIGID_LEVELS),
    "company": ("level_company", EHERKENNING_LEVELS),
}
# The national product list (UPL) names products by a URI under this address. The URI is an
# identifier, not a link: the list itself writes it with http://, so that form is the one
# that matches elsewhere (Samenwerkende Catalogi, a case system); https:// is accepted too.
UPL = re.compile(r"^https?://standaarden\.overheid\.nl/owms/terms/[A-Za-z0-9_().%-]+$")
# Single Digital Gateway: a letter for the area and a number ("A1", "E3"); the UPL gives some
# products more than one, separated by ";" ("N1;D1").
SDG = re.compile(r"^[A-Z][0-9]{1,2}(;[A-Z][0-9]{1,2})*$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9][0-9 -]{5,19}$")
HANDLING_LEVELS = range(1, 6)


def _fact(data: dict, name: str):
    facts = data.get("facts")
    return facts.get(name) if isinstance(facts, dict) else None


def _text(data: dict, name: str) -> str:
    texts = data.get("texts")
    dutch = texts.get(SOURCE_LOCALE) if isinstance(texts, dict) else None
    return catalog.string(dutch.get(name)) if isinstance(dutch, dict) else ""


def problems(key: str, data: dict) -> dict[str, str]:
    errors: dict[str, str] = {}
    for rule in (_dutch, _audiences, _handling, _cost, _channel, _life_events, _codes):
        for name, message in rule(key, data).items():
            errors.setdefault(name, message)
    return errors


def _dutch(key: str, data: dict) -> dict[str, str]:
    errors = {}
    if not _text(data, "name"):
        errors["nl-name"] = _("Vul de naam van het product in het Nederlands in.")
    if not _text(data, "summary"):
        errors["nl-summary"] = _("Vul de korte uitleg in het Nederlands in.")
    return errors


def _audiences(key: str, data: dict) -> dict[str, str]:
    raw = _fact(data, "audiences")
    audiences = catalog.strings(raw)
    if not audiences:
        return {"fact-audiences": _("Kies voor wie dit product is.")}
    if any(audience not in AUDIENCES for audience in audiences):
        return {"fact-audiences": _("Kies bij ‘Voor wie’ alleen uit de lijst.")}
    errors = {}
    for audience, (name, levels) in LEVEL_FACTS.items():
        level = catalog.string(_fact(data, name))
        if not level:
            continue
        if level not in levels:
            errors[f"fact-{name}"] = _("Kies een niveau uit de lijst.")
        elif audience not in audiences:
            errors[f"fact-{name}"] = _(
                "Deze groep staat niet bij ‘Voor wie’. Kies de groep daar, of maak het niveau leeg."
            )
    return errors


def _handling(key: str, data: dict) -> dict[str, str]:
    level = catalog.integer(_fact(data, "handling_level"))
    if level not in HANDLING_LEVELS:
        return {"fact-handling_level": _("Vul een behandelniveau van 1 tot en met 5 in.")}
    raw_max = _fact(data, "handling_level_max")
    if raw_max in (None, ""):
        return {}
    level_max = catalog.integer(raw_max)
    if level_max not in HANDLING_LEVELS or level_max <= level:
        return {
            "fact-handling_level_max": _(
                "Het hoogste behandelniveau is hoger dan het gewone niveau, en hoogstens 5. "
                "Is het altijd hetzelfde niveau? Maak dit veld dan leeg."
            )
        }
    return {}


def _cost(key: str, data: dict) -> dict[str, str]:
    raw = _fact(data, "cost_cents")
    if raw in (None, ""):
        return {}
    cost = catalog.integer(raw)
    if cost is None or cost < 0:
        return {"fact-cost_cents": _("Vul de kosten in centen in, bijvoorbeeld 1610 voor € 16,10.")}
    return {}


def _channel(key: str, data: dict) -> dict[str, str]:
    channel = catalog.string(_fact(data, "channel"))
    if channel not in CHANNELS:
        return {"fact-channel": _("Kies hoe inwoners dit regelen.")}
    errors = _links_that_do_not_fit(channel, data)
    if channel == "form":
        errors.update(_form_route(key, data))
    elif channel == "appointment":
        errors.update(_appointment_route(key, data))
    else:
        errors.update(_referral(key, data))
    return errors


def _links_that_do_not_fit(channel: str, data: dict) -> dict[str, str]:
    """A link the channel does not use would silently do nothing: say so instead."""
    errors = {}
    if channel != "appointment" and catalog.string(_fact(data, "appointment_type")):
        errors["fact-appointment_type"] = _(
            "Een soort afspraak hoort alleen bij het kanaal ‘Afspraak’. Maak dit veld leeg."
        )
    if channel != "form" and catalog.string(_fact(data, "report_category")):
        errors["fact-report_category"] = _(
            "Een soort melding hoort alleen bij het kanaal ‘Online formulier’. Maak dit veld leeg."
        )
    if channel == "appointment" and catalog.string(_fact(data, "form_slug")):
        errors["fact-form_slug"] = _(
            "Een formulier hoort niet bij het kanaal ‘Afspraak’. Maak dit veld leeg."
        )
    if channel != "referral":
        for name in ("partner_name", "partner_url", "partner_phone", "partner_email"):
            if catalog.string(_fact(data, name)):
                errors[f"fact-{name}"] = _(
                    "Een andere organisatie hoort alleen bij het kanaal ‘Doorverwijzen’. "
                    "Maak dit veld leeg."
                )
    return errors


def _form_route(key: str, data: dict) -> dict[str, str]:
    form = catalog.string(_fact(data, "form_slug"))
    category = catalog.string(_fact(data, "report_category"))
    if form and not catalog.has_form(form):
        return {"fact-form_slug": _("Dit formulier bestaat niet (meer). Kies een ander formulier.")}
    if category and category not in dict(catalog.report_category_choices()):
        return {
            "fact-report_category": _(
                "Deze soort melding bestaat niet (meer). Kies een andere soort melding."
            )
        }
    if not (form or category or catalog.has_form(key) or catalog.has_own_route(key)):
        return {
            "fact-form_slug": _(
                "Kies het formulier waarmee inwoners dit aanvragen. Is er geen formulier? "
                "Kies dan een ander kanaal."
            )
        }
    return {}


def _appointment_route(key: str, data: dict) -> dict[str, str]:
    kind = catalog.string(_fact(data, "appointment_type"))
    if kind and kind not in dict(catalog.appointment_type_choices()):
        return {
            "fact-appointment_type": _(
                "Deze soort afspraak bestaat niet of kan niet meer. Kies een andere soort afspraak."
            )
        }
    if not kind and not catalog.has_own_route(key):
        return {"fact-appointment_type": _("Kies welke soort afspraak inwoners maken.")}
    return {}


def _referral(key: str, data: dict) -> dict[str, str]:
    errors = {}
    if not catalog.string(_fact(data, "partner_name")):
        errors["fact-partner_name"] = _("Vul de naam van de organisatie in die inwoners helpt.")
    url = catalog.string(_fact(data, "partner_url"))
    if not url:
        errors["fact-partner_url"] = _("Vul de website van de organisatie in.")
    elif not url.lower().startswith("https://") or link_problem(url):
        errors["fact-partner_url"] = _(
            "Vul een website in die begint met https://, bijvoorbeeld https://www.voorbeeld.nl."
        )
    email = catalog.string(_fact(data, "partner_email"))
    if email and not EMAIL.match(email):
        errors["fact-partner_email"] = _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")
    phone = catalog.string(_fact(data, "partner_phone"))
    if phone and not PHONE.match(phone):
        errors["fact-partner_phone"] = _("Vul een telefoonnummer in met alleen cijfers en spaties.")
    return errors


def _life_events(key: str, data: dict) -> dict[str, str]:
    chosen = catalog.strings(_fact(data, "life_events"))
    known = catalog.life_event_names()
    if any(slug not in known for slug in chosen):
        return {
            "fact-life_events": _(
                "Een van de levensgebeurtenissen bestaat niet meer. Kies opnieuw uit de lijst."
            )
        }
    return {}


def _codes(key: str, data: dict) -> dict[str, str]:
    errors = {}
    upl = catalog.string(_fact(data, "upl_uri"))
    if upl and not UPL.match(upl):
        errors["fact-upl_uri"] = _(
            "Dit is geen adres uit de Uniforme Productnamenlijst. Zo'n adres begint met "
            "http://standaarden.overheid.nl/owms/terms/"
        )
    sdg = catalog.string(_fact(data, "sdg_code"))
    if sdg and not SDG.match(sdg):
        errors["fact-sdg_code"] = _(
            "Een SDG-code is een hoofdletter met een getal, bijvoorbeeld A1. Zonder spaties."
        )
    return errors
