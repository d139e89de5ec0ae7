"""Filing a report that does not come from the resident's draft: the Open311 API and the
demo data. It follows `portal.reports.services.submit` (the draft's way): a case whose
category decides team and norm, the `Report` beside it with its first `ReportStatus`, and
the reporter as follower.

Without a DigiD or eHerkenning sign-in the case gets an anonymous party of its own, derived
from the idempotency key (so a retried call finds its case), that matches no one's
"Mijn zaken".
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from flask import current_app

from portal.auth.principal import Party
from portal.cases.services import ProductFacts, create_case, product_facts
from portal.extensions import db
from portal.reports import following
from portal.reports.categories import Category
from portal.reports.models import Report, ReportStatus
from portal.reports.services import ANONYMOUS, case_answers, report_for_case
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


def anonymous_party(idempotency_key: str) -> Party:
    key = current_app.secret_key.encode() if current_app.secret_key else b""
    digest = hmac.new(key, f"anonymous-report:{idempotency_key}".encode(), hashlib.sha256)
    return Party(ANONYMOUS, digest.hexdigest()[:16])


def file_report(
    category: Category,
    spot: Spot,
    *,
    description: str,
    answers: dict,
    idempotency_key: str,
    party: Party | None = None,
    contact: dict | None = None,
    source: str = "portal",
) -> Report:
    """Make the case, the report and its reporter-follower. Flushes; the caller commits.
    A retried call with the same `idempotency_key` returns the report made the first time.
    `contact`: {"email", "phone"}, either may be empty."""
    contact = contact or {}
    email = (contact.get("email") or "")[:254]
    phone = (contact.get("phone") or "")[:40]
    location = {"label": spot.label or spot.street}
    case = create_case(
        product_slug=PRODUCT_SLUG,
        party=party or anonymous_party(idempotency_key),
        actor=None,
        answers=case_answers(
            {"description": description, "answers": answers}, category.slug, location
        ),
        contact={"email": email, "telefoon": phone},
        idempotency_key=idempotency_key,
        facts=ProductFacts(
            name=product_facts(PRODUCT_SLUG).name,
            norm_working_days=category.norm_working_days,
            team=category.team,
        ),
    )
    existing = report_for_case(case)
    if existing is not None:
        return existing
    report = Report(
        case_id=case.id,
        main_category=category.main_slug,
        category_slug=category.slug,
        description=description,
        answers=answers,
        latitude=spot.latitude,
        longitude=spot.longitude,
        address_text=location["label"][:200],
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
    following.add_follower(
        report, role="reporter", email=email or None, phone=phone or None, party=party
    )
    following.notify_followers(report, "received")
    return report
