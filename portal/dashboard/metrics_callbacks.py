"""Call-backs asked for in the period: was the first call made within the target number of
working days (setting `target_callback_days`, default 2), and was the resident reached
within it? Days count as in `portal.cases.calendar`: the day of the request does not count.

A call-back nobody has tried yet is "late" once its last day has passed, and not judged
before then ("waiting"), so this week's figures are not pulled down by requests that still
have time."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from portal.cases.calendar import add_working_days, working_days_between
from portal.cases.models import Case
from portal.dashboard.filters import Filters, case_conditions
from portal.dashboard.groups import percentage
from portal.dashboard.periods import local_date
from portal.extensions import db
from portal.questions.models import CallAttempt, Callback

# Buckets of working days until the first attempt: 0 .. target + 1, then "target + 2 or more".
EXTRA_BUCKETS = 3


@dataclass
class Callbacks:
    target_days: int
    total: int = 0
    waiting: int = 0
    attempt_on_time: int = 0
    attempt_late: int = 0
    reached_on_time: int = 0
    attempt_percentage: float | None = None
    reached_percentage: float | None = None
    # working days until the first attempt -> count; the last bucket holds "that many or more"
    days: dict[int, int] = field(default_factory=dict)
    not_tried: int = 0

    def __post_init__(self) -> None:
        self.days = self.days or dict.fromkeys(range(self.target_days + EXTRA_BUCKETS), 0)


def _first_attempt(*conditions):
    """When the call-back was first tried (with `conditions`: first so tried)."""
    return (
        select(func.min(CallAttempt.created_at))
        .where(CallAttempt.callback_id == Callback.id, *conditions)
        .correlate(Callback)
        .scalar_subquery()
    )


def callbacks(filters: Filters, today: date, target_days: int) -> Callbacks:
    rows = db.session.execute(
        select(
            Callback.id,
            Callback.created_at,
            _first_attempt().label("tried"),
            _first_attempt(CallAttempt.outcome == "reached").label("reached"),
        )
        .join(Case, Case.id == Callback.case_id)
        .where(
            Callback.created_at >= filters.period.utc_start,
            Callback.created_at < filters.period.utc_end,
            *case_conditions(filters),
        )
    ).all()
    result = Callbacks(target_days=target_days, total=len(rows))
    for row in rows:
        asked = local_date(row.created_at)
        last_day = add_working_days(asked, target_days)
        tried = row.tried
        if tried is None:
            result.not_tried += 1
            if today <= last_day:
                result.waiting += 1
            else:
                result.attempt_late += 1
            continue
        tried_on = local_date(tried)
        bucket = min(max(working_days_between(asked, tried_on), 0), len(result.days) - 1)
        result.days[bucket] += 1
        if tried_on <= last_day:
            result.attempt_on_time += 1
        else:
            result.attempt_late += 1
        if row.reached is not None and local_date(row.reached) <= last_day:
            result.reached_on_time += 1
    judged = result.attempt_on_time + result.attempt_late
    result.attempt_percentage = percentage(result.attempt_on_time, judged)
    result.reached_percentage = percentage(result.reached_on_time, judged)
    return result
