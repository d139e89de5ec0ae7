"""A month of generated work (November 2026) with fixed dates, and plain-Python helpers that
count it again, independently of the dashboard's code.

November and early December 2026 have no Dutch public holidays, so in these tests a working
day is simply Monday to Friday."""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from portal.extensions import db
from tests.dashboard import factories

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
START, END = date(2026, 11, 1), date(2026, 11, 30)
TODAY = date(2026, 12, 2)
NOW = datetime(2026, 12, 2, 12, 0)
PERIOD_ARGS = {
    "periode": "zelf-kiezen",
    "vanaf-day": "1",
    "vanaf-month": "11",
    "vanaf-year": "2026",
    "tot-day": "30",
    "tot-month": "11",
    "tot-year": "2026",
}
PRODUCTS = {
    "uittreksel-brp": ("Uittreksel uit de BRP", "burgerzaken"),
    "verhuizing-doorgeven": ("Verhuizing doorgeven", "burgerzaken"),
    "hulp-bij-het-huishouden": ("Hulp bij het huishouden", "wmo"),
}


def local_day(moment: datetime) -> date:
    return moment.replace(tzinfo=UTC).astimezone(AMSTERDAM).date()


def in_november(moment: datetime) -> bool:
    return START <= local_day(moment) <= END


def weekdays_after(day: date, n: int) -> date:
    while n:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def weekdays_between(a: date, b: date) -> int:
    return sum(1 for i in range(1, (b - a).days + 1) if (a + timedelta(days=i)).weekday() < 5)


@dataclass
class World:
    """What was generated, as plain records the tests count over."""

    cases: list[dict] = field(default_factory=list)
    marks: list[dict] = field(default_factory=list)
    contacts: list[dict] = field(default_factory=list)
    reports: list[dict] = field(default_factory=list)
    appointments: list[dict] = field(default_factory=list)
    callbacks: list[dict] = field(default_factory=list)


def _moment(rng: random.Random, first: date, last: date) -> datetime:
    day = first + timedelta(days=rng.randrange((last - first).days + 1))
    return datetime(day.year, day.month, day.day, rng.randrange(24), rng.randrange(60))


def _open_case(at: datetime, team: str, product: str) -> dict:
    return {"team": team, "product": product, "created": at, "closed": None, "expected": None}


@pytest.fixture
def world(app) -> World:
    rng = random.Random(20261130)
    made = World()
    for _ in range(60):
        slug = rng.choice(list(PRODUCTS))
        name, team = PRODUCTS[slug]
        created = _moment(rng, date(2026, 10, 1), date(2026, 11, 29))
        expected = local_day(created) + timedelta(days=rng.randrange(3, 25))
        closed = None
        if rng.random() < 0.6:
            closed = created + timedelta(days=rng.randrange(1, 30), hours=rng.randrange(24))
            closed = min(closed, datetime(2026, 12, 1, 10))
        case = factories.make_case(
            product_slug=slug,
            product_name=name,
            team=team,
            created_at=created,
            closed_at=closed,
            expected=expected,
        )
        record = {
            "number": case.number,
            "team": team,
            "product": slug,
            "created": created,
            "closed": closed,
            "expected": expected,
        }
        made.cases.append(record)
        if closed and rng.random() < 0.7:
            at = closed + timedelta(hours=rng.randrange(1, 72))
            mark = rng.randrange(1, 11)
            comment = rng.choice([None, "", "Snel geholpen.", '=HYPERLINK("x")', "Lang " * 120])
            factories.give_mark(case, mark, at, comment)
            made.marks.append({**record, "mark": mark, "at": at, "comment": comment})
    # A case closed at 00:30 local time on 1 December (23:30 UTC on 30 November) is December's.
    edge = factories.make_case(
        created_at=datetime(2026, 11, 20, 9),
        closed_at=datetime(2026, 11, 30, 23, 30),
        expected=date(2026, 11, 30),
    )
    made.cases.append(
        {
            "number": edge.number,
            "team": "burgerzaken",
            "product": "uittreksel-brp",
            "created": edge.created_at,
            "closed": edge.closed_at,
            "expected": edge.expected_completion,
        }
    )
    for _ in range(40):
        at = _moment(rng, date(2026, 10, 25), date(2026, 12, 1))
        contact = {
            "at": at,
            "team": rng.choice(["burgerzaken", "wmo", ""]),
            "channel": rng.choice(["phone", "desk", "chat"]),
            "answered": rng.random() < 0.75,
        }
        factories.make_contact(
            at=at, answered=contact["answered"], team=contact["team"], channel=contact["channel"]
        )
        made.contacts.append(contact)
    for _ in range(25):
        at = _moment(rng, date(2026, 10, 25), date(2026, 12, 1))
        report = {
            "at": at,
            "category": rng.choice(["verlichting", "afval", "groen"]),
            "area": rng.choice(["Centrum", "Noord", ""]),
        }
        factories.make_report(at=at, main_category=report["category"], area=report["area"])
        made.reports.append(report)
        made.cases.append(_open_case(at, "openbare-ruimte", "melding-openbare-ruimte"))
    factories.appointment_type()
    for _ in range(30):
        starts = _moment(rng, date(2026, 10, 28), date(2026, 12, 5))
        status = rng.choice(
            ["booked", "cancelled", "arrived", "done", "no_show", "held", "expired"]
        )
        mark = rng.choice([None, rng.randrange(1, 11)])
        factories.make_appointment(starts_at=starts, status=status, mark=mark)
        made.appointments.append({"starts": starts, "status": status, "mark": mark})
    for _ in range(20):
        at = _moment(rng, date(2026, 11, 2), date(2026, 11, 30))
        attempts = []
        moment = at
        for _ in range(rng.randrange(0, 3)):
            moment = moment + timedelta(hours=rng.randrange(2, 100))
            attempts.append((moment, rng.choice(["reached", "not_reached", "voicemail"])))
        factories.make_callback(at=at, attempts=attempts)
        made.callbacks.append({"at": at, "attempts": attempts})
        made.cases.append(_open_case(at, "klantcontact", "terugbelverzoek"))
    db.session.commit()
    return made
