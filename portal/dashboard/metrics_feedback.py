"""The residents' marks (1-10) with their comments: the feedback on closed cases, which
includes the mark after a call-back (`questions.callback_handling.give_mark` stores it as
the call-back case's feedback). A mark counts in the period it was given.

Comments are shown with the date and mark only: no case number or name, so a team leader
reads what residents say without seeing who said it. Long comments are cut."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import DateTime, Integer, cast, func, null, select, union_all

from portal.cases.models import Case, Feedback
from portal.dashboard.filters import Filters, case_conditions
from portal.dashboard.groups import Grouping, collect
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
    in_period = (
        Feedback.created_at >= filters.period.utc_start,
        Feedback.created_at < filters.period.utc_end,
        *case_conditions(filters),
    )
    # How often each mark was given, per team and product (counted by the database), and
    # with them, in the same query, the latest comments (those rows have no count).
    per_mark = (
        select(
            Case.team,
            Case.product_slug,
            func.min(Case.product_name).label("product_name"),
            Feedback.mark,
            func.count(Feedback.id).label("count"),
            null().label("comment"),
            # Typed, so the union reads the comments' moments as moments on SQLite too.
            cast(null(), DateTime).label("created_at"),
            cast(null(), Integer).label("id"),
        )
        .join(Case, Case.id == Feedback.case_id)
        .where(*in_period)
        .group_by(Case.team, Case.product_slug, Feedback.mark)
    )
    latest = (
        select(Feedback.mark, Feedback.comment, Feedback.created_at, Feedback.id)
        .join(Case, Case.id == Feedback.case_id)
        .where(*in_period, Feedback.comment.is_not(None), func.trim(Feedback.comment) != "")
        .order_by(Feedback.created_at.desc(), Feedback.id.desc())
        .limit(COMMENTS_SHOWN)
        .subquery()
    )
    comments = select(
        null(),
        null(),
        null(),
        latest.c.mark,
        null(),
        latest.c.comment,
        latest.c.created_at,
        latest.c.id,
    )
    found = db.session.execute(union_all(per_mark, comments)).all()
    counted = [row for row in found if row.count is not None]
    # Newest first (a union keeps no order: sorted again here).
    written = sorted(
        (row for row in found if row.count is None),
        key=lambda row: (row.created_at, row.id),
        reverse=True,
    )
    result = Marks(
        count=sum(row.count for row in counted),
        average=_average(counted),
    )
    for row in counted:
        if row.mark in result.distribution:
            result.distribution[row.mark] += row.count
    groups = collect(
        counted,
        key=lambda row: grouping.key_of(row.team, row.product_slug),
        label=lambda row: grouping.label_of(
            grouping.key_of(row.team, row.product_slug), row.product_name
        ),
    )
    result.groups = [
        GroupMarks(key, label, sum(row.count for row in items), _average(items))
        for key, (label, items) in groups.items()
    ]
    result.comments = [
        Comment(local_date(row.created_at), row.mark, shorten(row.comment))
        for row in written
        if row.comment.strip()
    ]
    return result


def _average(counted) -> float | None:
    """As `groups.average` over every single mark, from the counts per mark."""
    count = sum(row.count for row in counted)
    return round(sum(row.mark * row.count for row in counted) / count, 1) if count else None
