"""Filing a report: the one way a report is made, whether it comes from the resident's draft
(`portal.reports.services.submit`), the Open311 API or the demo data. A case whose category
decides team and norm, the `Report` beside it with its first `ReportStatus`, its photos, and
the reporter as follower, who is told it was received.

Without a DigiD or eHerkenning sign-in the case gets an anonymous party of its own
(`portal.cases.anonymous`, shared with questions), derived from the idempotency key (so a
retried call finds its case), that matches no one's "Mijn zaken".
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.auth.principal import Party
from portal.cases.anonymous import ANONYMOUS, anonymous_party  # noqa: F401 - filing.ANONYMOUS
from portal.cases.creation import ProductFacts, UnknownProduct, create_case, product_facts
from portal.cases.models import Case
from portal.cases.services import stored_text
from portal.extensions import db
from portal.reports import following, photos
from portal.reports.categories import Category, get_category
from portal.reports.models import Report, ReportStatus
from portal.reports.questions import questions_for, readable_answers
from portal.reports.texts import PRODUCT_SLUG, REPORTED


@dataclass(frozen=True)
class Spot:
    """Where the problem is. `street` and `area` may be empty when unknown; `label` is what
    the reporter or the address search called the place."""

    latitude: float
    longitude: float
    label: str = ""
    street: str = ""
    area: str = ""
    source: str = "address"


def product_name() -> str:
    """The catalogue's name of the product, in Dutch as cases store it; our own name when
    the catalogue does not list it (reports work without the product page)."""
    try:
        return product_facts(PRODUCT_SLUG).name
    except UnknownProduct:
        return stored_text(_l("Melding openbare ruimte"))


def case_answers(description: str, answers: dict, category_slug: str, place: str) -> dict:
    """What the case keeps, under B1 labels in Dutch (cases store their texts in Dutch)."""
    with force_locale("nl"):
        category = get_category(category_slug)
        kept = {
            "Omschrijving": description,
            "Onderwerp": category.name if category else category_slug,
        }
        kept |= dict(readable_answers(questions_for(category_slug), answers or {}))
        kept["Plek"] = place
    return kept


def report_for_case(case: Case) -> Report | None:
    return db.session.scalars(select(Report).where(Report.case_id == case.id)).first()


def file_report(
    category: Category,
    spot: Spot,
    *,
    description: str,
    answers: dict,
    idempotency_key: str,
    party: Party | None = None,
    actor=None,
    contact: dict | None = None,
    source: str = "portal",
    photo_entries: list[dict] = (),
    anonymous_seed: str | None = None,
) -> tuple[Case, Report]:
    """Make the case, the report, its photos and its reporter-follower. Flushes; the caller
    commits. A retried call with the same `idempotency_key` returns what the first made.
    `contact`: {"email", "phone"}, either may be empty. `party` None files it anonymously,
    under a party derived from `anonymous_seed` (default: the idempotency key)."""
    contact = contact or {}
    email = str(contact.get("email") or "")[:254]
    phone = str(contact.get("phone") or "")[:40]
    label = (spot.label or spot.street)[:200]
    case = create_case(
        product_slug=PRODUCT_SLUG,
        party=party or anonymous_party(anonymous_seed or idempotency_key),
        actor=actor,
        answers=case_answers(description, answers, category.slug, label),
        contact={"email": email, "telefoon": phone},
        idempotency_key=idempotency_key,
        facts=ProductFacts(
            name=product_name(),
            norm_working_days=category.norm_working_days,
            team=category.team,
        ),
    )
    existing = report_for_case(case)
    if existing is not None:
        return case, existing
    report = Report(
        case_id=case.id,
        main_category=category.main_slug,
        category_slug=category.slug,
        description=description,
        answers=dict(answers or {}),
        latitude=spot.latitude,
        longitude=spot.longitude,
        address_text=label,
        street=spot.street[:100],
        area=spot.area[:100],
        location_source=spot.source,
        status=REPORTED,
        is_open=True,
        source=source,
        created_at=case.created_at,
        updated_at=case.created_at,
    )
    report.history.append(ReportStatus(status=REPORTED, created_at=case.created_at))
    db.session.add(report)
    db.session.flush()
    if photo_entries:
        photos.attach_to_report(report, list(photo_entries))
    following.add_follower(
        report, role="reporter", email=email or None, phone=phone or None, party=party
    )
    following.notify_followers(report, "received")
    return case, report
