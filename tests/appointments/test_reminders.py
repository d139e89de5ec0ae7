"""The reminder the day before: due from 9.00 uur the day before, once and only once per
appointment (also after a retry, and when two runs meet), not for a cancelled appointment,
not for one booked after that moment, again after a reschedule, and right across the
daylight-saving change."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from portal.appointments import booking, notices, reminders
from portal.extensions import db
from portal.notifications.compose import compose, recipient_for
from portal.notifications.models import OutboxEvent
from tests.appointments.resident_factories import booked, load_demo, row

# Tuesday 8 December 2026, 10.00 uur in Amsterdam (CET, UTC+1).
START = datetime(2026, 12, 8, 9, 0)
# Monday 7 December, 9.00 uur in Amsterdam.
REMIND_FROM = datetime(2026, 12, 7, 8, 0)


@pytest.fixture
def demo(app):
    load_demo()


def _reminders() -> int:
    return db.session.scalar(
        select(func.count(OutboxEvent.id)).where(OutboxEvent.event == "reminder")
    )


def test_the_reminder_is_due_from_nine_the_day_before(demo):
    appointment = row(START)
    assert reminders.send_reminders(REMIND_FROM - timedelta(minutes=1)) == 0
    assert reminders.send_reminders(REMIND_FROM) == 1
    db.session.commit()
    assert appointment.reminder_sent_at == REMIND_FROM
    assert _reminders() == 1


def test_once_and_only_once(demo):
    row(START)
    assert reminders.send_reminders(REMIND_FROM) == 1
    db.session.commit()
    for later in (REMIND_FROM, REMIND_FROM + timedelta(hours=1), START - timedelta(minutes=1)):
        assert reminders.send_reminders(later) == 0
        db.session.commit()
    assert _reminders() == 1


def test_a_rolled_back_run_is_done_again_once(demo):
    appointment = row(START)
    db.session.commit()
    assert reminders.send_reminders(REMIND_FROM) == 1
    db.session.rollback()  # the run failed before its commit: nothing was written
    assert _reminders() == 0
    assert reminders.send_reminders(REMIND_FROM + timedelta(minutes=15)) == 1
    db.session.commit()
    assert reminders.send_reminders(REMIND_FROM + timedelta(minutes=30)) == 0
    db.session.commit()
    assert _reminders() == 1
    assert appointment.reminder_sent_at is not None


def test_two_runs_at_once_cannot_both_claim(demo):
    appointment = row(START)
    db.session.commit()
    assert reminders._claim(appointment.id, REMIND_FROM) is True
    assert reminders._claim(appointment.id, REMIND_FROM) is False


def test_a_retried_e_mail_does_not_add_a_reminder(demo):
    row(START)
    reminders.send_reminders(REMIND_FROM)
    db.session.commit()
    outbox_row = db.session.scalars(select(OutboxEvent)).one()
    outbox_row.attempts, outbox_row.last_error = 1, "SMTPServerDisconnected"
    db.session.commit()
    assert reminders.send_reminders(REMIND_FROM + timedelta(minutes=15)) == 0
    assert _reminders() == 1


def test_not_for_a_cancelled_or_held_appointment(demo):
    row(START, status="cancelled")
    row(START, status="held")
    assert reminders.send_reminders(REMIND_FROM) == 0


def test_not_for_an_appointment_booked_after_the_reminder_moment(demo):
    row(START, created_at=REMIND_FROM + timedelta(hours=3))
    assert reminders.send_reminders(REMIND_FROM + timedelta(hours=4)) == 0


def test_cancelled_after_the_reminder_was_written_sends_nothing(demo):
    appointment = row(START)
    reminders.send_reminders(REMIND_FROM)
    appointment.status = "cancelled"
    db.session.commit()
    outbox_row = db.session.scalars(select(OutboxEvent)).one()
    assert recipient_for(outbox_row).skip_reason == "appointment cancelled"


def test_the_reminder_e_mail(demo):
    appointment = booked()
    appointment.created_at -= timedelta(days=3)
    db.session.commit()
    notices.reminder(appointment)
    db.session.commit()
    outbox_row = db.session.scalars(
        select(OutboxEvent).where(OutboxEvent.event == "reminder")
    ).one()
    message = compose(outbox_row, recipient_for(outbox_row))
    assert message["Subject"].startswith("Herinnering: uw afspraak op ")
    body = message.get_body(("plain",)).get_content()
    assert "Kunt u niet komen? Annuleer de afspraak dan." in body
    assert not list(message.iter_attachments())


def test_a_rescheduled_appointment_is_reminded_of_its_new_time(demo):
    appointment = booked()
    appointment.reminder_sent_at = datetime(2026, 1, 1)
    db.session.commit()
    from portal.appointments import availability

    later = availability.free_slots(appointment.type_slug, "gemeentehuis", days=21)[-1]
    booking.reschedule(appointment, later.starts_at)
    db.session.commit()
    assert appointment.reminder_sent_at is None


@pytest.mark.parametrize(
    ("start", "remind_from"),
    [
        # Monday 29 March 2027, 10.00 CEST: Sunday 28 March 9.00 is already CEST (7.00 UTC).
        (datetime(2027, 3, 29, 8, 0), datetime(2027, 3, 28, 7, 0)),
        # Monday 1 November 2027, 10.00 CET: Sunday 31 October 9.00 is CET (8.00 UTC).
        (datetime(2027, 11, 1, 9, 0), datetime(2027, 10, 31, 8, 0)),
        # Monday 26 October 2026, 10.00 CET: Sunday 25 October 9.00 CET.
        (datetime(2026, 10, 26, 9, 0), datetime(2026, 10, 25, 8, 0)),
    ],
)
def test_the_reminder_moment_across_the_daylight_saving_change(demo, start, remind_from):
    appointment = row(start)
    assert reminders.reminder_moment(appointment) == remind_from
    assert reminders.send_reminders(remind_from - timedelta(seconds=1)) == 0
    assert reminders.send_reminders(remind_from) == 1


def test_the_command(demo, runner, monkeypatch):
    row(START)
    db.session.commit()
    monkeypatch.setattr(reminders, "now", lambda: REMIND_FROM)
    result = runner.invoke(args=["appointment-reminders"])
    assert "1 herinneringen voor afspraken klaargezet" in result.output
