"""What the follow page and the report's part of the Mijn zaken page show, as plain data.

The reporter sees what they wrote (description, the exact place, their reasons for
reopening); someone who follows a duplicate sees the street and area only and the handlers'
notes, never another resident's words. Templates show these dataclasses and decide nothing.
"""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.reports.categories import all_categories
from portal.reports.models import Report, ReportStatus
from portal.reports.photos import photo_url
from portal.reports.reopening import can_give_mark, can_reopen, is_closed, reopen_until
from portal.reports.texts import (
    CLOSED_STATUSES,
    FORWARDED,
    IN_PROGRESS,
    PLANNED,
    REOPEN_DAYS,
    STATUS_LABELS,
    WHAT_HAPPENS_NEXT,
)

REOPENED_BY_REPORTER = _l("De melder heeft laten weten dat het probleem er nog is.")


@dataclass(frozen=True)
class Step:
    label: str
    at: datetime
    planned_for: date | None = None
    forwarded_to: str | None = None
    note: str | None = None
    reopened: bool = False


@dataclass(frozen=True)
class Photo:
    thumbnail: str
    full: str
    alt: str


@dataclass(frozen=True)
class ReportPage:
    number: str
    category: str
    place: str
    description: str | None
    # The reporter's own photos (reporter only) and the handler's photos of the result.
    photos: list[Photo]
    result_photos: list[Photo]
    status_label: str
    next_text: str
    planned_for: date | None
    forwarded_to: str | None
    result_text: str | None
    steps: list[Step]
    closed: bool
    # "form" (the reporter may still reopen), "too_late", or None (not theirs to reopen).
    reopen: str | None
    reopen_until: date | None
    reopen_days: int
    may_give_mark: bool
    mark: int | None


def _category_name(report: Report) -> str:
    names = {category.slug: category for category in all_categories()}
    found = names.get(report.category_slug) or names.get(report.main_category)
    return found.name if found else report.category_slug


def _place(report: Report, reporter: bool) -> str:
    if reporter and report.address_text:
        return report.address_text
    return ", ".join(part for part in (report.street, report.area) if part) or str(
        _l("Plek in de gemeente")
    )


def _photos(report: Report, *, result: bool) -> list[Photo]:
    chosen = [photo for photo in report.photos if photo.is_result == result]
    return [
        Photo(
            photo_url(photo, thumbnail=True),
            photo_url(photo),
            _("Foto van het resultaat %(n)s", n=number) if result else _("Uw foto %(n)s", n=number),
        )
        for number, photo in enumerate(chosen, start=1)
    ]


def _is_reopen(step: ReportStatus, previous: ReportStatus | None) -> bool:
    """Only the reporter's "het is niet opgelost" takes a closed report back to work."""
    return (
        previous is not None and previous.status in CLOSED_STATUSES and step.status == IN_PROGRESS
    )


def timeline(report: Report, reporter: bool) -> list[Step]:
    steps = []
    previous = None
    for step in report.history:
        reopened = _is_reopen(step, previous)
        note = step.note
        if reopened and not reporter:
            note = str(REOPENED_BY_REPORTER)
        steps.append(
            Step(
                label=str(STATUS_LABELS.get(step.status, step.status)),
                at=step.created_at,
                planned_for=step.planned_for if step.status == PLANNED else None,
                forwarded_to=step.forwarded_to if step.status == FORWARDED else None,
                note=note,
                reopened=reopened,
            )
        )
        previous = step
    return steps


def report_page(report: Report, case, *, reporter: bool) -> ReportPage:
    """`reporter`: the person looking made the report (their link, or Mijn zaken)."""
    closed = is_closed(report)
    reopen = None
    if reporter and closed:
        reopen = "form" if can_reopen(report) else "too_late"
    return ReportPage(
        number=case.number,
        category=_category_name(report),
        place=_place(report, reporter),
        description=report.description if reporter else None,
        photos=_photos(report, result=False) if reporter else [],
        result_photos=_photos(report, result=True),
        status_label=str(STATUS_LABELS.get(report.status, report.status)),
        next_text=str(WHAT_HAPPENS_NEXT.get(report.status, "")),
        planned_for=report.planned_for if report.status == PLANNED else None,
        forwarded_to=report.forwarded_to if report.status == FORWARDED else None,
        result_text=report.result_text if closed else None,
        steps=timeline(report, reporter),
        closed=closed,
        reopen=reopen,
        reopen_until=reopen_until(report),
        reopen_days=REOPEN_DAYS,
        may_give_mark=reporter and can_give_mark(report),
        mark=case.feedback.mark if case.feedback is not None else None,
    )
