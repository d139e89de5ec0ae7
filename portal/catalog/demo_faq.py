"""The demo municipality's FAQ answers and its Christmas closure notice.

Like the rest of the demo catalogue, loading adds what is missing and never overwrites: the
webteam owns an answer once it exists. The notice runs from 17 December until the end of
24 December of this year, or of next year once this year's has passed, so a fresh demo
always has one coming up.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from portal.catalog import cache, models
from portal.extensions import db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CLOSURE_SLUG = "gemeentehuis-gesloten-24-december"

FAQS = [
    {
        "slug": "hoe-lang-is-mijn-paspoort-geldig",
        "product_slug": "reisdocument-aanvragen",
        "staff_notes": "Bij twijfel over kinderen: kijk op rijksoverheid.nl bij reisdocumenten.",
        "texts": {
            "nl": {
                "question": "Hoe lang is mijn paspoort geldig?",
                "answer": "Bent u 18 jaar of ouder? Dan is uw paspoort 10 jaar geldig.\n\n"
                "Bent u jonger dan 18? Dan is het 5 jaar geldig.",
                "synonyms": ["geldigheid paspoort", "verlopen paspoort"],
            },
            "en": {
                "question": "How long is my passport valid?",
                "answer": "Are you 18 or older? Then your passport is valid for 10 years.\n\n"
                "Are you younger than 18? Then it is valid for 5 years.",
                "synonyms": ["passport validity", "expired passport"],
            },
        },
    },
    {
        "slug": "wat-neem-ik-mee-naar-de-afspraak-voor-mijn-paspoort",
        "product_slug": "reisdocument-aanvragen",
        "texts": {
            "nl": {
                "question": "Wat neem ik mee naar mijn afspraak?",
                "answer": "Neem mee:\n\n- uw oude paspoort of ID-kaart\n"
                "- een pasfoto van minder dan 6 maanden oud",
                "synonyms": ["pasfoto", "meenemen"],
            },
            "en": {
                "question": "What do I bring to my appointment?",
                "answer": "Bring:\n\n- your old passport or ID card\n"
                "- a passport photo taken less than 6 months ago",
                "synonyms": ["passport photo"],
            },
        },
    },
    {
        "slug": "wanneer-geef-ik-mijn-verhuizing-door",
        "product_slug": "verhuizing-doorgeven",
        "texts": {
            "nl": {
                "question": "Wanneer geef ik mijn verhuizing door?",
                "answer": "Doe dit in de 4 weken voor u verhuist. "
                "Het kan ook tot 5 dagen na uw verhuizing.",
                "synonyms": ["verhuisdatum", "te laat verhuizing"],
            },
            "en": {
                "question": "When do I report my move?",
                "answer": "Do this in the 4 weeks before you move. "
                "You can also do it up to 5 days after your move.",
                "synonyms": ["moving date"],
            },
        },
    },
    {
        "slug": "moet-ik-mijn-nieuwe-adres-zelf-doorgeven",
        "product_slug": "verhuizing-doorgeven",
        "texts": {
            "nl": {
                "question": "Moet ik mijn nieuwe adres ook aan anderen doorgeven?",
                "answer": "De gemeente geeft uw nieuwe adres door aan de Belastingdienst en "
                "andere overheden. Uw bank, verzekering en energiebedrijf moet u het "
                "zelf laten weten.",
                "synonyms": ["adres doorgeven", "belastingdienst"],
            },
            "en": {
                "question": "Do I also need to give my new address to others?",
                "answer": "The municipality passes your new address on to the Tax "
                "Administration and other government bodies. You tell your bank, "
                "insurer and energy company yourself.",
                "synonyms": ["tax administration"],
            },
        },
    },
    {
        "slug": "hoe-bereik-ik-de-gemeente",
        "product_slug": None,
        "texts": {
            "nl": {
                "question": "Hoe bereik ik de gemeente?",
                "answer": "Bel ons op 14 0123. Of stel uw vraag online. "
                "Wij helpen u zo snel mogelijk.",
                "synonyms": ["contact", "telefoonnummer", "bellen"],
            },
            "en": {
                "question": "How do I contact the municipality?",
                "answer": "Call us on 14 0123. Or ask your question online. "
                "We will help you as soon as we can.",
                "synonyms": ["phone number"],
            },
        },
    },
]

CLOSURE_TEXTS = {
    "nl": {
        "title": "Het gemeentehuis is gesloten op 24 december",
        "body": "Op 24 december is het gemeentehuis de hele dag dicht. "
        "U kunt die dag ook niet bellen. Online regelen kan wel.",
    },
    "en": {
        "title": "The town hall is closed on 24 December",
        "body": "On 24 December the town hall is closed all day. "
        "You cannot call us that day either. You can still arrange things online.",
    },
}


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _utc(year: int, month: int, day: int) -> datetime:
    local = datetime.combine(datetime(year, month, day), time(0, 0), tzinfo=AMSTERDAM)
    return local.astimezone(UTC).replace(tzinfo=None)


def closure_period(now: datetime | None = None) -> tuple[datetime, datetime]:
    """(17 December 00:00, 25 December 00:00) local time in UTC, of the first year whose
    24 December has not ended yet."""
    now = now or _now()
    year = now.replace(tzinfo=UTC).astimezone(AMSTERDAM).year
    if now >= _utc(year, 12, 25):
        year += 1
    return _utc(year, 12, 17), _utc(year, 12, 25)


def _add_faqs() -> bool:
    existing = set(db.session.scalars(select(models.Faq.slug)))
    added = False
    for position, entry in enumerate(FAQS):
        if entry["slug"] in existing:
            continue
        row = models.Faq(
            slug=entry["slug"],
            product_slug=entry["product_slug"],
            position=position,
            staff_notes=entry.get("staff_notes", ""),
            published=True,
            updated_at=_now(),
        )
        row.texts = [
            models.FaqText(locale=locale, **texts) for locale, texts in entry["texts"].items()
        ]
        db.session.add(row)
        added = True
    return added


def _add_closure() -> bool:
    if db.session.scalar(select(models.Notice.id).where(models.Notice.slug == CLOSURE_SLUG)):
        return False
    starts_at, ends_at = closure_period()
    row = models.Notice(
        slug=CLOSURE_SLUG,
        placement="banner",
        level="warning",
        starts_at=starts_at,
        ends_at=ends_at,
        staff_notes="Spoed over een overlijden: bel de dienstdoende ambtenaar via de portier.",
        published=True,
        updated_at=_now(),
    )
    row.texts = [
        models.NoticeText(locale=locale, **texts) for locale, texts in CLOSURE_TEXTS.items()
    ]
    db.session.add(row)
    return True


def load() -> bool:
    """Add the demo answers and the closure notice that are missing; True if any were."""
    added = _add_faqs()
    added = _add_closure() or added
    if added:
        cache.drop()
    db.session.flush()
    return added
