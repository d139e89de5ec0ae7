"""Sending a report: from the resident's draft to a case with a `Report` beside it.

Who a report is for: the signed-in person or company; a representative reports for the
person they act for only when the mandate covers reports, otherwise for themselves (the
report then has no link to the represented person); without sign-in the case gets an
anonymous party of its own. Services flush; the view commits once.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import replace
from datetime import date

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.auth.principal import Party
from portal.cases.calendar import add_working_days
from portal.cases.models import Case
from portal.cases.services import (
    ProductFacts,
    UnknownProduct,
    create_case,
    product_facts,
    stored_text,
    today,
)
from portal.extensions import db
from portal.reports import drafts, flow, following, photos
from portal.reports.categories import Category, get_category
from portal.reports.models import Report, ReportDraft, ReportStatus
from portal.reports.questions import questions_for, readable_answers
from portal.reports.texts import PRODUCT_SLUG, REPORTED

ANONYMOUS = "anonymous"
LOCATION_SOURCES = frozenset({"address", "map", "gps", "photo", "profile", "open311"})


class DraftIncomplete(ValueError):
    """The draft misses a step (`step`, a name from `portal.reports.flow`)."""

    def __init__(self, step: str) -> None:
        super().__init__(f"the report draft is not ready: step {step!r} is open")
        self.step = step


def reporting_party(principal) -> tuple[Party | None, object]:
    """(party, actor): whom the report is for (None: nobody signed in) and who acts.

    A representative whose mandate does not cover reports acts as themselves, so the actor
    loses the represented person too: the case must not name them.
    """
    if principal is None or principal.is_staff or principal.own_party is None:
        return None, None
    if principal.acts_for_other and not principal.covers(PRODUCT_SLUG):
        own = replace(principal, represented=None, represented_name="", mandate_services=())
        return principal.own_party, own
    return principal.subject, principal


def reports_for_someone_else(principal) -> bool:
    return principal is not None and principal.acts_for_other and principal.covers(PRODUCT_SLUG)


def mandate_does_not_cover(principal) -> bool:
    return principal is not None and principal.acts_for_other and not principal.covers(PRODUCT_SLUG)


def anonymous_party(draft: ReportDraft) -> Party:
    """A party of its own for an anonymous report: 16 hex characters that cannot be traced
    back, and the same for every try of one draft (so a retried send finds its case)."""
    key = current_app.secret_key.encode() if current_app.secret_key else b""
    digest = hmac.new(key, f"anonymous-report:{draft.token}".encode(), hashlib.sha256)
    return Party(ANONYMOUS, digest.hexdigest()[:16])


def product_name() -> str:
    """The catalogue's name of the product, in Dutch as cases store it; our own name when
    the catalogue does not list it (reports work without the product page)."""
    try:
        return product_facts(PRODUCT_SLUG).name
    except UnknownProduct:
        return stored_text(_l("Melding openbare ruimte"))


def expected_date(category: Category, received_on: date | None = None) -> date:
    """When a report of this category received today is due, counted in working days."""
    return add_working_days(received_on or today(), category.norm_working_days)


def draft_category(data: dict) -> Category | None:
    return get_category(data.get("category") or "")


def checked_location(data: dict) -> dict:
    """The draft's place with sound coordinates and bounded texts; DraftIncomplete if not."""
    location = data.get("location")
    if not isinstance(location, dict):
        raise DraftIncomplete("plek")
    try:
        latitude = float(location["latitude"])
        longitude = float(location["longitude"])
    except (KeyError, TypeError, ValueError):
        raise DraftIncomplete("plek") from None
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        raise DraftIncomplete("plek")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise DraftIncomplete("plek")
    source = location.get("source")
    return {
        "latitude": latitude,
        "longitude": longitude,
        "label": str(location.get("label") or "")[:200],
        "street": str(location.get("street") or "")[:100],
        "area": str(location.get("area") or "")[:100],
        "source": source if source in LOCATION_SOURCES else "address",
    }


def case_answers(data: dict, category_slug: str, location: dict) -> dict:
    """What the case keeps, under B1 labels in Dutch (cases store their texts in Dutch)."""
    with force_locale("nl"):
        category = get_category(category_slug)
        answers = {
            "Omschrijving": data.get("description", ""),
            "Onderwerp": category.name if category else category_slug,
        }
        questions = questions_for(category_slug)
        answers |= dict(readable_answers(questions, data.get("answers") or {}))
        answers["Plek"] = location["label"]
    return answers


def contact_of(data: dict) -> dict:
    contact = data.get("contact") or {}
    return {
        "email": str(contact.get("email") or "")[:254],
        "phone": str(contact.get("phone") or "")[:40],
    }


def submit(draft: ReportDraft, principal) -> tuple[Case, Report]:
    """Turn a finished draft into a case and a report; sending twice gives the same pair.

    Raises DraftIncomplete when a step is open (the view sends the resident there).
    """
    data = dict(draft.data or {})
    open_step = flow.first_open_step(draft)
    if open_step is not None:
        raise DraftIncomplete(open_step)
    category = draft_category(data)
    if category is None:
        raise DraftIncomplete("categorie")
    location = checked_location(data)
    contact = contact_of(data)
    party, actor = reporting_party(principal)
    facts = ProductFacts(
        name=product_name(),
        norm_working_days=category.norm_working_days,
        team=category.team,
    )
    case = create_case(
        product_slug=PRODUCT_SLUG,
        party=party or anonymous_party(draft),
        actor=actor,
        answers=case_answers(data, category.slug, location),
        contact={"email": contact["email"], "telefoon": contact["phone"]},
        idempotency_key=f"melding:{draft.token}",
        facts=facts,
    )
    report = report_for_case(case)
    if report is None:
        report = _new_report(case, data, category, location)
        photos.attach_to_report(report, list(data.get("photos") or []))
        following.add_follower(
            report,
            role="reporter",
            email=contact["email"] or None,
            phone=contact["phone"] or None,
            party=party,
        )
        following.notify_followers(report, "received")
    draft.submitted_at = drafts.now()
    draft.case_number = case.number
    # The text now lives in the case; the draft keeps nothing (the clean-up then removes
    # no photo files that the report uses).
    draft.data = {}
    db.session.flush()
    return case, report


def _new_report(case: Case, data: dict, category: Category, location: dict) -> Report:
    created = drafts.now()
    report = Report(
        case_id=case.id,
        main_category=category.main_slug,
        category_slug=category.slug,
        description=data.get("description", ""),
        answers=dict(data.get("answers") or {}),
        latitude=location["latitude"],
        longitude=location["longitude"],
        address_text=location["label"],
        street=location["street"],
        area=location["area"],
        location_source=location["source"],
        status=REPORTED,
        is_open=True,
        source="portal",
        created_at=created,
        updated_at=created,
    )
    report.history.append(ReportStatus(status=REPORTED, created_at=created))
    db.session.add(report)
    db.session.flush()
    return report


def report_for_case(case: Case) -> Report | None:
    return db.session.scalars(select(Report).where(Report.case_id == case.id)).first()


def get_report(report_id: int) -> Report | None:
    return db.session.get(Report, report_id)


def follow_instead(draft: ReportDraft, principal, report: Report, email: str | None) -> None:
    """The resident's problem is already reported: follow that report and drop the draft."""
    party, _actor = reporting_party(principal)
    following.add_follower(report, role="follower", email=email or None, party=party)
    discard(draft)


def remove_draft_files(data: dict) -> None:
    """Delete the photo files of a draft that will not be sent."""
    for entry in data.get("photos") or []:
        if isinstance(entry, dict):
            photos.remove_entry(entry)


def discard(draft: ReportDraft) -> None:
    remove_draft_files(draft.data or {})
    db.session.delete(draft)
    db.session.flush()
    drafts.forget()
