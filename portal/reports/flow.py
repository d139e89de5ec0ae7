"""The steps of making a report, in order, and which one comes next.

Each step's page checks that the steps before it are done and otherwise sends the resident
back to the first one that is not; so a bookmark, the back button or a lost session never
leads to a half-made report. Step names are the URL parts under /melding.
"""

from __future__ import annotations

from flask import url_for

from portal.reports.models import ReportDraft


def _place_later(d: dict) -> bool:
    """The resident chose to give the place through a photo's GPS position: the place step
    counts as done until the photos step is, and comes back if no photo gave a place."""
    return bool(d.get("place_from_photo")) and not d.get("photos_done") and not d.get("location")


# (step, endpoint, done?)
STEPS = (
    ("wat", "reports.describe", lambda d: bool(d.get("description"))),
    ("categorie", "reports.category", lambda d: bool(d.get("category_confirmed"))),
    ("vragen", "reports.questions", lambda d: bool(d.get("questions_done"))),
    ("plek", "reports.place", lambda d: bool(d.get("location")) or _place_later(d)),
    ("lijkt-op", "reports.duplicates", lambda d: bool(d.get("duplicates_seen")) or _place_later(d)),
    ("fotos", "reports.photos", lambda d: bool(d.get("photos_done"))),
    ("contact", "reports.contact", lambda d: bool(d.get("contact_done"))),
)
STEP_NAMES = tuple(name for name, _endpoint, _done in STEPS)
# Steps a resident sees counted as "Stap n van 5" (the duplicate check and the questions are
# part of the step before them).
NUMBERED = ("wat", "categorie", "plek", "fotos", "contact")


def first_open_step(draft: ReportDraft | None) -> str | None:
    """The first step that is not done; None when the report can be checked and sent."""
    data = draft.data if draft is not None else {}
    for name, _endpoint, done in STEPS:
        if not done(data):
            return name
    return None


def url_for_step(name: str) -> str:
    for step, endpoint, _done in STEPS:
        if step == name:
            return url_for(endpoint)
    if name == "controleren":
        return url_for("reports.check")
    raise KeyError(name)


def blocked_by(draft: ReportDraft | None, step: str) -> str | None:
    """The earlier step that must be done before `step` can be shown, or None."""
    data = draft.data if draft is not None else {}
    for name, _endpoint, done in STEPS:
        if name == step:
            return None
        if not done(data):
            return name
    return None


def next_url(draft: ReportDraft) -> str:
    """Where to go after finishing a step: the first open step, else the check page."""
    step = first_open_step(draft)
    return url_for_step(step) if step else url_for("reports.check")


def step_number(step: str) -> tuple[int, int]:
    """("Stap n van m") for a step; sub-steps take the number of the step they belong to."""
    owner = {"vragen": "categorie", "lijkt-op": "plek"}.get(step, step)
    return NUMBERED.index(owner) + 1, len(NUMBERED)
