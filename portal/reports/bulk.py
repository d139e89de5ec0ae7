"""One action on many reports at once, for handlers who work through dozens: start them,
plan them on one day, close them with one result text, or merge them into one. Each report
goes through the same rule as on its own page (`portal.reports.handling`)."""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l

from portal.cases.services import CaseError
from portal.reports import handling
from portal.reports.handling import HandlingError
from portal.reports.models import Report

# One page of the queue at most: a handler checks what they tick.
BULK_MAX = 100
BULK_ACTIONS = ("start", "plan", "close", "merge")


@dataclass
class BulkResult:
    done: list[Report] = field(default_factory=list)
    refused: list[tuple[Report, str]] = field(default_factory=list)


def bulk(
    reports: list[Report],
    action: str,
    actor,
    *,
    day: date | None = None,
    note: str | None = None,
    result_text: str | None = None,
    into: Report | None = None,
) -> BulkResult:
    """One action on many reports: start, plan on `day`, close with one `result_text`, or
    merge them all into `into`.

    What all share (the date, the text, the report that stays) is checked first and raises
    `HandlingError` for the form. Then each report on its own: one that cannot (already
    closed, already started) is listed in `refused` with the reason, and the rest go on.
    """
    if not reports:
        raise HandlingError(_l("Kies minstens één melding."), "reports")
    if len(reports) > BULK_MAX:
        raise HandlingError(
            _l("Kies maximaal %(max)s meldingen tegelijk.", max=BULK_MAX), "reports"
        )
    if action == "plan":
        handling.check_plan_date(day)
        note = handling.check_text(note, "note")
    elif action == "close":
        result_text = handling.check_result_text(result_text)
    elif action == "merge":
        if into is None:
            raise HandlingError(_l("Vul het zaaknummer in van de melding die blijft."), "into")
        if not into.is_open:
            raise HandlingError(
                _l("Die melding is al afgehandeld. Kies een melding die nog open is."), "into"
            )
    elif action not in BULK_ACTIONS:
        raise HandlingError(_l("Kies wat u met de meldingen wilt doen."), "action")
    apply = {
        "start": lambda report: handling.start(report, actor),
        "plan": lambda report: handling.plan(report, day, note, actor),
        "close": lambda report: handling.close(report, result_text, actor),
        "merge": lambda report: handling.merge(report, into, actor),
    }[action]
    result = BulkResult()
    for report in reports:
        if action == "merge" and report.id == into.id:
            continue
        try:
            apply(report)
        except CaseError as error:
            result.refused.append((report, str(error)))
        else:
            result.done.append(report)
    return result
