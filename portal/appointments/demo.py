"""Demo locations, appointment types and a closure (listed in `portal.cli.DEMO_LOADERS`).

Opening hours are local wall-clock times per weekday ("0" is Monday); the capacity is the
number of desks, or of handlers for home visits and video calls.
"""

from datetime import UTC, date, datetime, time

from sqlalchemy import select

from portal.appointments import type_cache
from portal.appointments.availability import to_utc
from portal.appointments.models import AppointmentType, Closure, Location
from portal.extensions import db

_WEEKDAYS = ("0", "1", "2", "3", "4")
_TOWN_HALL_DAY = [["09:00", "12:30"], ["13:30", "17:00"]]

LOCATIONS = [
    {
        "slug": "gemeentehuis",
        "kind": "gemeentehuis",
        "name_nl": "Gemeentehuis",
        "name_en": "Town hall",
        "address": "Marktplein 1, 1234 AB Voorbeeld",
        "capacity": 4,
        "opening_hours": {
            **{day: _TOWN_HALL_DAY for day in _WEEKDAYS},
            "3": [*_TOWN_HALL_DAY, ["18:00", "20:00"]],  # Thursday evening
        },
    },
    {
        "slug": "servicepunt-noord",
        "kind": "servicepunt",
        "name_nl": "Servicepunt Noord",
        "name_en": "Service point North",
        "address": "Noorderplein 12, 1235 CD Voorbeeld",
        "capacity": 1,
        "opening_hours": {"1": [["09:00", "12:00"]], "3": [["09:00", "12:00"]]},
    },
    {
        "slug": "thuis",
        "kind": "thuis",
        "name_nl": "Bij u thuis",
        "name_en": "At your home",
        "address": "",
        "capacity": 2,
        "opening_hours": {day: [["09:00", "16:00"]] for day in _WEEKDAYS},
    },
    {
        "slug": "video",
        "kind": "video",
        "name_nl": "Videogesprek",
        "name_en": "Video call",
        "address": "",
        "capacity": 2,
        "opening_hours": {day: [["09:00", "17:00"]] for day in _WEEKDAYS},
    },
]

_ID = ["Uw oude paspoort of ID-kaart", "Your old passport or ID card"]

TYPES = [
    {
        "slug": "paspoort-id-aanvragen",
        "product_slug": "reisdocument-aanvragen",
        "name_nl": "Paspoort of ID-kaart aanvragen",
        "name_en": "Apply for a passport or ID card",
        "duration_minutes": 15,
        "extra_minutes_per_person": 10,
        "max_persons": 5,
        "location_slugs": ["gemeentehuis", "servicepunt-noord"],
        "bring_nl": ["Een pasfoto van iedereen die een document aanvraagt", _ID[0]],
        "bring_en": ["A passport photo of everyone who applies", _ID[1]],
        "cost_text_nl": "Een paspoort kost € 84,70. Een ID-kaart kost € 77,85. "
        "Voor kinderen is het minder. U betaalt aan de balie met uw pinpas.",
        "cost_text_en": "A passport costs € 84.70. An ID card costs € 77.85. "
        "It costs less for children. You pay at the desk by debit card.",
    },
    {
        "slug": "paspoort-id-ophalen",
        "product_slug": None,
        "name_nl": "Paspoort of ID-kaart ophalen",
        "name_en": "Collect a passport or ID card",
        "duration_minutes": 5,
        "extra_minutes_per_person": 2,
        "max_persons": 5,
        "location_slugs": ["gemeentehuis", "servicepunt-noord"],
        "bring_nl": [_ID[0]],
        "bring_en": [_ID[1]],
        "cost_text_nl": "U heeft al betaald toen u het document aanvroeg.",
        "cost_text_en": "You paid when you applied for the document.",
    },
    {
        "slug": "rijbewijs",
        "product_slug": None,
        "name_nl": "Rijbewijs aanvragen",
        "name_en": "Apply for a driving licence",
        "duration_minutes": 15,
        "location_slugs": ["gemeentehuis"],
        "bring_nl": ["Een pasfoto", "Uw oude rijbewijs"],
        "bring_en": ["A passport photo", "Your old driving licence"],
        "cost_text_nl": "Een rijbewijs kost € 55,70. U betaalt aan de balie met uw pinpas.",
        "cost_text_en": "A driving licence costs € 55.70. You pay at the desk by debit card.",
    },
    {
        "slug": "huwelijk-melden",
        "product_slug": None,
        "name_nl": "Huwelijk of partnerschap melden",
        "name_en": "Give notice of marriage or partnership",
        "duration_minutes": 30,
        "location_slugs": ["gemeentehuis"],
        "bring_nl": ["U komt samen met uw partner", "Een paspoort of ID-kaart van u allebei"],
        "bring_en": ["Come together with your partner", "A passport or ID card of you both"],
        "cost_text_nl": "Het melden is gratis.",
        "cost_text_en": "Giving notice is free.",
    },
    {
        "slug": "wmo-huisbezoek",
        "product_slug": "hulp-bij-het-huishouden",
        "name_nl": "Huisbezoek voor hulp thuis",
        "name_en": "Home visit about help at home",
        "duration_minutes": 60,
        "location_slugs": ["thuis"],
        "bring_nl": ["Uw medicijnlijst, als u die heeft"],
        "bring_en": ["Your list of medicines, if you have one"],
        "cost_text_nl": "Het gesprek is gratis.",
        "cost_text_en": "The visit is free.",
        "lead_time_hours": 24,
        "needs_sign_in": True,
        "bookable_online": False,  # proposed on the case by the handler
    },
    {
        "slug": "gesprek-over-uw-vraag",
        "product_slug": "algemene-vraag",
        "name_nl": "Gesprek over uw vraag",
        "name_en": "A talk about your question",
        "duration_minutes": 30,
        "location_slugs": ["gemeentehuis", "video"],
        "bring_nl": ["Papieren die over uw vraag gaan"],
        "bring_en": ["Papers about your question"],
        "cost_text_nl": "Het gesprek is gratis.",
        "cost_text_en": "The talk is free.",
    },
]


def load() -> bool:
    """Add the demo locations, types and closures that are missing; never overwrite."""
    locations = set(db.session.scalars(select(Location.slug)))
    types = set(db.session.scalars(select(AppointmentType.slug)))
    added = False
    for row in LOCATIONS:
        if row["slug"] not in locations:
            db.session.add(Location(**row, active=True))
            added = True
    for position, row in enumerate(TYPES):
        if row["slug"] not in types:
            db.session.add(AppointmentType(**row, cost_cents=None, position=position, active=True))
            added = True
    types_or_places_added = added
    added = _add_christmas_eve() or added
    db.session.flush()
    if types_or_places_added:
        type_cache.drop()
    return added


def _add_christmas_eve() -> bool:
    """Christmas eve afternoon, this year and next: every location closes at 12.00 uur."""
    now = datetime.now(UTC).replace(tzinfo=None)
    added = False
    for year in (now.year, now.year + 1):
        starts = to_utc(date(year, 12, 24), time(12))
        if db.session.scalar(select(Closure.id).where(Closure.starts_at == starts)):
            continue
        db.session.add(
            Closure(
                location_slug=None,
                desk=None,
                starts_at=starts,
                ends_at=to_utc(date(year, 12, 25), time(0)),
                reason="Kerstavond: wij sluiten om 12.00 uur",
                created_by="demo",
                created_at=now,
            )
        )
        added = True
    return added
