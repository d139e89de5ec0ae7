"""Many rows fast, for tests about query counts and indexes: written straight into the
tables (no services, no audit, no notifications), committed, with fixed shapes.

    add_cases(300)                # open cases of Fatima (persona "inwoner") for burgerzaken
    add_reports(300)              # open public reports of team openbare-ruimte
    add_appointments(300, day)    # booked appointments at the town hall on `day`
"""

import itertools
from datetime import date, datetime, timedelta

from portal.appointments.models import Appointment
from portal.cases.models import Case, Feedback, Message, Task
from portal.cases.services import now
from portal.extensions import db
from portal.reports import categories
from portal.reports.models import Report

FATIMA = "999990007"  # persona "inwoner"
_serial = itertools.count(1)


def add_cases(count: int, *, team: str = "burgerzaken", party: str = FATIMA, **fields) -> list:
    """Open cases of `party` for `team` (`fields` override any column); every third has an
    open task, a message from the municipality and one from the resident, so lazy loading
    would show."""
    made = []
    moment = now()
    for index in range(count):
        n = next(_serial)
        values = {
            "number": f"Q-{n:06d}",
            "idempotency_key": f"query-count-{n}",
            "product_slug": "uittreksel-brp",
            "product_name": "Uittreksel uit de BRP",
            "team": team,
            "party_kind": "person",
            "party_identifier": party,
            "actor_kind": "self",
            "actor_label": "Fatima",
            "status": "ontvangen",
            "answers": {},
            "expected_completion": date.today() + timedelta(days=index % 20),
            "created_at": moment - timedelta(minutes=n),
            "updated_at": moment,
        }
        case = Case(**{**values, **fields})
        if index % 3 == 0:
            case.tasks.append(Task(text="Stuur een foto.", created_at=moment))
            case.messages.append(_message("out", moment))
            case.messages.append(_message("in", moment))
        made.append(case)
    db.session.add_all(made)
    db.session.commit()
    return made


def _message(direction: str, at: datetime) -> Message:
    return Message(direction=direction, body="Hallo", sender_label="Team", created_at=at)


def add_reports(count: int) -> None:
    categories.load()
    category = categories.get_category("lantaarnpaal-kapot", locale="nl")
    cases = add_cases(count, team=category.team, party="999990019")
    db.session.add_all(
        Report(
            case_id=case.id,
            main_category=category.main_slug,
            category_slug=category.slug,
            description="De lamp brandt niet.",
            answers={},
            latitude=52.0 + index / 10_000,
            longitude=5.0,
            street="Dorpsstraat",
            area="Centrum",
            status="gemeld",
            is_open=True,
            created_at=case.created_at,
            updated_at=case.created_at,
        )
        for index, case in enumerate(cases)
    )
    db.session.commit()


def add_appointments(count: int, day: date | None = None) -> None:
    day = day or date.today()
    moment = now()
    start = datetime.combine(day, datetime.min.time()) + timedelta(hours=8)
    for _ in range(count):
        n = next(_serial)
        at = start + timedelta(minutes=15 * (n % 30))
        db.session.add(
            Appointment(
                reference=f"A-Q-{n:06d}",
                key=f"key{n:028d}",
                uid=f"uid-{n}@test",
                type_slug="paspoort",
                location_slug="gemeentehuis",
                desk=1 + n % 2,
                starts_at=at,
                ends_at=at + timedelta(minutes=15),
                status="booked",
                name="Jan Jansen",
                created_at=moment,
                updated_at=moment,
            )
        )
    db.session.commit()


def add_dashboard_work(count: int, at: datetime | None = None) -> None:
    """Open and closed cases with marks, reports and appointments, closed and marked `at`
    (default now): what the dashboard counts."""
    at = at or now()
    closed = add_cases(count, closed_at=at, status="afgerond", created_at=at)
    db.session.add_all(Feedback(case_id=case.id, mark=8, created_at=at) for case in closed)
    db.session.commit()
    add_reports(count)
    add_appointments(count, at.date())
