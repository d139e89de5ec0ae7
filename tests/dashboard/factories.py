"""Rows for dashboard tests, written straight into the tables with fixed dates, so each test
knows exactly what the dashboard should count. Times are naive UTC, as stored."""

import itertools
from datetime import date, datetime, timedelta

from portal.appointments.models import Appointment, AppointmentType
from portal.cases.models import Case, Feedback
from portal.extensions import db
from portal.knowledge.models import Contact
from portal.questions.models import CallAttempt, Callback, CallbackWindow
from portal.reports.models import Report

_serial = itertools.count(1)


def make_case(
    *,
    product_slug: str = "uittreksel-brp",
    product_name: str = "Uittreksel uit de BRP",
    team: str = "burgerzaken",
    created_at: datetime,
    closed_at: datetime | None = None,
    expected: date | None = None,
) -> Case:
    n = next(_serial)
    case = Case(
        number=f"T-{n:06d}",
        idempotency_key=f"dashboard-test-{n}",
        product_slug=product_slug,
        product_name=product_name,
        team=team,
        party_kind="person",
        party_identifier="999990019",
        actor_kind="self",
        actor_label="Test",
        status="afgerond" if closed_at else "ontvangen",
        answers={},
        expected_completion=expected,
        created_at=created_at,
        updated_at=closed_at or created_at,
        closed_at=closed_at,
    )
    db.session.add(case)
    db.session.flush()
    return case


def give_mark(case: Case, mark: int, at: datetime, comment: str | None = None) -> Feedback:
    feedback = Feedback(case_id=case.id, mark=mark, comment=comment, created_at=at)
    db.session.add(feedback)
    db.session.flush()
    return feedback


def make_contact(
    *,
    at: datetime,
    answered: bool,
    team: str = "burgerzaken",
    channel: str = "phone",
    topic: str = "",
    follow_up: str = "none",
    follow_up_ref: str | None = None,
) -> Contact:
    contact = Contact(
        channel=channel,
        topic=topic,
        team=team,
        answered_first_contact=answered,
        follow_up=follow_up,
        follow_up_ref=follow_up_ref,
        staff_ref="staff:klantcontact",
        staff_name="Sem de Graaf",
        created_at=at,
    )
    db.session.add(contact)
    db.session.flush()
    return contact


def make_report(
    *, at: datetime, main_category: str, area: str, team: str = "openbare-ruimte"
) -> Report:
    case = make_case(
        product_slug="melding-openbare-ruimte",
        product_name="Melding openbare ruimte",
        team=team,
        created_at=at,
    )
    report = Report(
        case_id=case.id,
        main_category=main_category,
        category_slug=main_category,
        description="Kapot",
        answers={},
        latitude=52.0,
        longitude=5.0,
        area=area,
        status="gemeld",
        created_at=at,
        updated_at=at,
    )
    db.session.add(report)
    db.session.flush()
    return report


def appointment_type(slug: str = "paspoort", product_slug: str | None = "reisdocument-aanvragen"):
    found = db.session.query(AppointmentType).filter_by(slug=slug).one_or_none()
    if found:
        return found
    kind = AppointmentType(
        slug=slug,
        product_slug=product_slug,
        name_nl=f"Afspraak {slug}",
        name_en=f"Appointment {slug}",
        duration_minutes=15,
        location_slugs=["gemeentehuis"],
    )
    db.session.add(kind)
    db.session.flush()
    return kind


def make_appointment(
    *, starts_at: datetime, status: str, type_slug: str = "paspoort", mark: int | None = None
) -> Appointment:
    n = next(_serial)
    appointment = Appointment(
        reference=f"A-T-{n:06d}",
        key=f"k{n:031d}",
        uid=f"uid-{n}",
        type_slug=type_slug,
        location_slug="gemeentehuis",
        desk=1,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=15),
        status=status,
        mark=mark,
        created_at=starts_at - timedelta(days=3),
        updated_at=starts_at,
    )
    db.session.add(appointment)
    db.session.flush()
    return appointment


def _window() -> CallbackWindow:
    window = db.session.query(CallbackWindow).first()
    if window is None:
        window = CallbackWindow(starts="09:00", ends="11:00", capacity=10, active=True)
        db.session.add(window)
        db.session.flush()
    return window


def make_callback(
    *, at: datetime, attempts: list[tuple[datetime, str]] = (), team: str = "klantcontact"
) -> Callback:
    case = make_case(
        product_slug="terugbelverzoek",
        product_name="Terugbelverzoek",
        team=team,
        created_at=at,
    )
    callback = Callback(
        case_id=case.id,
        phone="0612345678",
        topic="algemeen",
        window_day=at.date(),
        window_id=_window().id,
        status="waiting",
        created_at=at,
        updated_at=at,
    )
    db.session.add(callback)
    db.session.flush()
    for moment, outcome in attempts:
        db.session.add(
            CallAttempt(
                callback_id=callback.id, outcome=outcome, staff_label="Sem", created_at=moment
            )
        )
    db.session.flush()
    return callback
