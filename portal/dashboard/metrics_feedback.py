"""The residents' marks (1-10) with their comments: the feedback on closed cases, which
includes the mark after a call-back (`questions.callback_handling.give_mark` stores it as
the call-back case's feedback). A mark counts in the period it was given.

Comments are shown with the date and mark only: no case number or name, so a team leader
reads what residents say without seeing who said it. Long comments are cut."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from portal.cases.models import Case, Feedback
from portal.dashboard.filters import Filters, case_conditions
from portal.dashboard.groups import Grouping, average, collect
from portal.dashboard.periods import local_date
from portal.extensions import db

MARKS = tuple(range(1, 11))
COMMENTS_SHOWN = 20
COMMENT_MAX = 300


@dataclass(frozen=True)
class GroupMarks:
    key: str
    label: str
    count: int
    average: float | None


@dataclass(frozen=True)
class Comment:
    day: date
    mark: int
    text: str


@dataclass
class Marks:
    count: int = 0
    average: float | None = None
    distribution: dict[int, int] = field(default_factory=lambda: dict.fromkeys(MARKS, 0))
    groups: list[GroupMarks] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)


def shorten(text: str, limit: int = COMMENT_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def marks(filters: Filters, grouping: Grouping) -> Marks:
    rows = db.session.execute(
        select(
            Feedback.mark,
            Feedback.comment,
            Feedback.created_at,
            Feedback.id,
            Case.team,
            Case.product_slug,
            Case.product_name,
        )
        .join(Case, Case.id == Feedback.case_id)
        .where(
            Feedback.created_at >= filters.period.utc_start,
            Feedback.created_at < filters.period.utc_end,
            *case_conditions(filters),
        )
    ).all()
    result = Marks(count=len(rows), average=average([row.mark for row in rows]))
    for row in rows:
        if row.mark in result.distribution:
            result.distribution[row.mark] += 1
    groups = collect(
        rows,
        key=lambda row: grouping.key_of(row.team, row.product_slug),
        label=lambda row: grouping.label_of(
            grouping.key_of(row.team, row.product_slug), row.product_name
        ),
    )
    result.groups = [
        GroupMarks(key, label, len(items), average([row.mark for row in items]))
        for key, (label, items) in groups.items()
    ]
    latest = sorted(
        (row for row in rows if (row.comment or "").strip()),
        key=lambda row: (row.created_at, row.id),
        reverse=True,
    )
    result.comments = [
        Comment(local_date(row.created_at), row.mark, shorten(row.comment))
        for row in latest[:COMMENTS_SHOWN]
    ]
    return result
