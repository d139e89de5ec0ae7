"""Sending a report: from the resident's draft to a case with a `Report` beside it.

Who a report is for: the signed-in person or company; a representative reports for the
person they act for only when the mandate covers reports, otherwise for themselves (the
report then has no link to the represented person); without sign-in the case gets an
anonymous party of its own. Services flush; the view commits once.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

from portal.auth.principal import Party
from portal.cases.calendar import add_working_days
from portal.cases.models import Case
from portal.cases.services import today
from portal.extensions import db
from portal.reports import drafts, filing, flow, following, photos
from portal.reports.categories import Category, get_category
from portal.reports.models import Report, ReportDraft
from portal.reports.texts import PRODUCT_SLUG

# The draft's place codes (`portal.reports.locations.SOURCES`) → `Report.location_source`.
LOCATION_SOURCES = {
    "zoeken": "address",
    "eigen-adres": "profile",
    "gps": "gps",
    "kaart": "map",
    "foto": "photo",
}


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
    source = str(location.get("source") or "")
    return {
        "latitude": latitude,
        "longitude": longitude,
        "label": str(location.get("label") or "")[:200],
        "street": str(location.get("street") or "")[:100],
        "area": str(location.get("area") or "")[:100],
        "source": LOCATION_SOURCES.get(source, "address"),
    }


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
    party, actor = reporting_party(principal)
    case, report = filing.file_report(
        category,
        filing.Spot(**location),
        description=data.get("description", ""),
        answers=dict(data.get("answers") or {}),
        idempotency_key=f"melding:{draft.token}",
        party=party,
        actor=actor,
        contact=contact_of(data),
        photo_entries=list(data.get("photos") or []),
        anonymous_seed=draft.token,
    )
    draft.submitted_at = drafts.now()
    draft.case_number = case.number
    # The text now lives in the case; the draft keeps nothing (the clean-up then removes
    # no photo files that the report uses).
    draft.data = {}
    db.session.flush()
    return case, report


def get_report(report_id: int) -> Report | None:
    return db.session.get(Report, report_id)


def follow_instead(draft: ReportDraft, principal, report: Report, email: str | None) -> None:
    """The resident's problem is already reported: follow that report and drop the draft.
    The new follower gets an e-mail with the follow link at once."""
    party, _actor = reporting_party(principal)
    follower = following.add_follower(report, role="follower", email=email or None, party=party)
    following.notify_follower(follower, "following")
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
