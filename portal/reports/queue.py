"""The reports queue of a team, and finding a report a handler may act on.

A report belongs to the team of its case (the category decides it, see
`portal.reports.handling.change_category`). The queue is filtered and counted in the database
and loads each shown report with its case in one query, so a page costs the same number of
queries with ten reports or ten thousand.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy import case as sql_case

from portal.backoffice import services as office
from portal.cases import services as cases
from portal.cases.calendar import AT_RISK_WORKING_DAYS, NormStatus, add_working_days, norm_status
from portal.cases.models import Case
from portal.extensions import db
from portal.reports.models import Report
from portal.reports.texts import STATUS_LABELS

PER_PAGE = 25
# The map shows the filtered reports on one screen; more than this is a filter to narrow.
MAP_LIMIT = 500
NORM_STATES = (NormStatus.ON_TIME.value, NormStatus.AT_RISK.value, NormStatus.LATE.value)
# "Ouder dan" in the filter, in calendar days: what a team lead asks about.
AGE_CHOICES = (2, 5, 10, 30)


@dataclass(frozen=True)
class QueueFilters:
    # A main category covers its subcategories.
    category: str = ""
    area: str = ""
    # Empty: every open report; a status code shows that status, closed ones too.
    status: str = ""
    older_than_days: int | None = None
    norm: str = ""


@dataclass(frozen=True)
class QueueRow:
    report: Report
    case: Case
    # "" for a closed report: its norm no longer matters.
    norm: str
    age_days: int


@dataclass
class QueuePage:
    team: str
    rows: list[QueueRow]
    page: int
    pages: int
    total: int
    # Open reports per norm state, before filtering.
    counts: dict[str, int] = field(default_factory=dict)


def _team_reports(team: str) -> Select:
    return select(Report, Case).join(Case, Case.id == Report.case_id).where(Case.team == team)


def _norm_condition(state: str, today):
    """The norm state in SQL, the same answer as `portal.cases.calendar.norm_status`:
    at risk while at most two working days are left, that is before the third one."""
    expected = Case.expected_completion
    risk_end = add_working_days(today, AT_RISK_WORKING_DAYS + 1)
    if state == NormStatus.LATE:
        return expected < today
    if state == NormStatus.AT_RISK:
        return and_(expected >= today, expected < risk_end)
    return or_(expected.is_(None), expected >= risk_end)


def _filtered(query: Select, filters: QueueFilters, today) -> Select:
    if filters.status in STATUS_LABELS:
        query = query.where(Report.status == filters.status)
    else:
        query = query.where(Report.is_open.is_(True))
    if filters.category:
        query = query.where(
            or_(Report.category_slug == filters.category, Report.main_category == filters.category)
        )
    if filters.area:
        query = query.where(Report.area == filters.area)
    if filters.older_than_days:
        query = query.where(
            Report.created_at < cases.now() - timedelta(days=filters.older_than_days)
        )
    if filters.norm in NORM_STATES:
        query = query.where(_norm_condition(filters.norm, today))
    return query


def norm_counts(team: str, today) -> dict[str, int]:
    """Open reports per norm state: the numbers a team lead looks at first."""
    sums = [
        func.coalesce(func.sum(sql_case((_norm_condition(state, today), 1), else_=0)), 0)
        for state in NORM_STATES
    ]
    query = (
        select(*sums)
        .select_from(Report)
        .join(Case, Case.id == Report.case_id)
        .where(Case.team == team, Report.is_open.is_(True))
    )
    return dict(zip(NORM_STATES, db.session.execute(query).one(), strict=True))


def team_areas(team: str) -> list[str]:
    """The areas (wijken) the team has reports in, for the filter."""
    query = (
        select(Report.area)
        .join(Case, Case.id == Report.case_id)
        .where(Case.team == team, Report.area != "")
        .distinct()
        .order_by(Report.area)
    )
    return list(db.session.scalars(query))


def queue(team: str, filters: QueueFilters, *, page: int = 1, per_page: int = PER_PAGE):
    """The team's reports that match the filters, due first, one page of them."""
    today = cases.today()
    query = _filtered(_team_reports(team), filters, today)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    ordered = query.order_by(
        Case.expected_completion.is_(None), Case.expected_completion, Report.id
    )
    now = cases.now()
    rows = [
        QueueRow(
            report=report,
            case=case,
            norm=norm_status(case.expected_completion, today).value if report.is_open else "",
            age_days=(now - report.created_at).days,
        )
        for report, case in db.session.execute(
            ordered.offset((page - 1) * per_page).limit(per_page)
        )
    ]
    return QueuePage(
        team=team,
        rows=rows,
        page=page,
        pages=pages,
        total=total,
        counts=norm_counts(team, today),
    )


def report_teams() -> list[str]:
    """Teams that categories route reports to (data the webteam maintains)."""
    from portal.reports.categories import all_categories

    return sorted({category.team for category in all_categories()})


def report_by_number(number: str) -> Report | None:
    query = select(Report).join(Case, Case.id == Report.case_id).where(Case.number == number)
    return db.session.scalars(query).first()


def report_for_staff(principal, number: str) -> Report | None:
    """The report with this case number when the handler may act on it, else None: a report
    of another team answers as if it does not exist."""
    report = report_by_number(number[:40])
    if report is None or not office.may_handle(principal, db.session.get(Case, report.case_id)):
        return None
    return report


def reports_for_staff(principal, numbers: list[str]) -> tuple[list[Report], list[str]]:
    """The reports a handler may act on among `numbers`, and the numbers they may not (or
    that do not exist), in one query."""
    wanted = list(dict.fromkeys(number[:40] for number in numbers))
    if not wanted:
        return [], []
    rows = db.session.execute(
        select(Report, Case).join(Case, Case.id == Report.case_id).where(Case.number.in_(wanted))
    ).all()
    allowed = {case.number: report for report, case in rows if office.may_handle(principal, case)}
    return [allowed[n] for n in wanted if n in allowed], [n for n in wanted if n not in allowed]


def case_numbers(reports: list[Report]) -> dict[int, str]:
    """Report id -> case number, for reports found another way (the nearby lookup)."""
    ids = [report.case_id for report in reports]
    if not ids:
        return {}
    numbers = dict(db.session.execute(select(Case.id, Case.number).where(Case.id.in_(ids))).all())
    return {report.id: numbers[report.case_id] for report in reports}


@dataclass(frozen=True)
class Candidate:
    report: Report
    number: str
    distance_m: float


def merge_candidates(principal, report: Report) -> list[Candidate]:
    """Open reports of the same main category close by (the resident's duplicate lookup) that
    this handler may merge the report with."""
    if not report.is_open:
        return []
    from portal.reports.nearby import find_duplicates

    found = [
        nearby
        for nearby in find_duplicates(
            report.main_category, report.latitude, report.longitude, limit=6
        )
        if nearby.report.id != report.id and nearby.report.is_open
    ]
    if not found:
        return []
    ids = [nearby.report.case_id for nearby in found]
    by_id = {case.id: case for case in db.session.scalars(select(Case).where(Case.id.in_(ids)))}
    return [
        Candidate(nearby.report, by_id[nearby.report.case_id].number, nearby.distance_m)
        for nearby in found
        if office.may_handle(principal, by_id[nearby.report.case_id])
    ]


def norm_of(case: Case) -> str:
    return norm_status(case.expected_completion, cases.today()).value
