"""An SMTP outage loses nothing and sends nothing twice; back-off is respected."""

import email
import logging
import threading
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller

from portal import create_app
from portal.devtools.smtp_catcher import free_port
from portal.extensions import db
from portal.notifications.models import FAILED, PENDING, SENT
from portal.notifications.outbox import now
from portal.notifications.services import _claim, _finish, retry_delay, send_pending
from tests import conftest as root_conftest
from tests.notifications.conftest import BSN, Contact


@pytest.fixture
def waiting_event(new_case, contacts):
    contacts[BSN] = Contact("fatima@example.org")
    new_case()
    db.session.commit()


def test_a_refused_email_is_retried_after_the_back_off(waiting_event, mail, rows):
    mail.refuse = True
    start = now()
    assert send_pending(at=start) == 0
    [row] = rows()
    assert (row.status, row.attempts, row.last_error) == (PENDING, 1, "SMTP 451")
    assert row.next_attempt_at == start + timedelta(minutes=1)
    assert row.claimed_by is None

    mail.refuse = False
    assert send_pending(at=start + timedelta(seconds=30)) == 0
    assert send_pending(at=start + timedelta(seconds=61)) == 1
    assert len(mail.to("fatima@example.org")) == 1
    assert rows()[0].status == SENT


def test_nothing_is_lost_while_the_mail_server_is_down(new_case, contacts, app, rows):
    contacts[BSN] = Contact("fatima@example.org")
    for _ in range(3):
        new_case()
    db.session.commit()
    app.config["SMTP_PORT"] = free_port()  # nothing listens there

    start = now()
    assert send_pending(at=start) == 0
    assert [(row.status, row.attempts) for row in rows()] == [(PENDING, 1)] * 3
    assert {row.last_error for row in rows()} <= {"ConnectionRefusedError", "MailServerDown"}


def test_after_an_outage_every_event_arrives_once(new_case, contacts, app, mail, rows):
    contacts[BSN] = Contact("fatima@example.org")
    for _ in range(3):
        new_case()
    db.session.commit()
    working_port = app.config["SMTP_PORT"]
    app.config["SMTP_PORT"] = free_port()
    start = now()
    send_pending(at=start)

    app.config["SMTP_PORT"] = working_port
    assert send_pending(at=start + timedelta(minutes=2)) == 3
    assert send_pending(at=start + timedelta(hours=2)) == 0
    ids = [message["Message-ID"] for message in mail.to("fatima@example.org")]
    assert len(ids) == 3 and len(set(ids)) == 3


def test_the_back_off_doubles_up_to_an_hour(app):
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(minutes=8),
    ]
    assert retry_delay(12) == timedelta(hours=1)


def test_after_the_last_attempt_the_event_fails_and_is_logged(
    waiting_event, mail, rows, app, caplog
):
    app.config["NOTIFICATIONS_MAX_ATTEMPTS"] = 3
    mail.refuse = True
    moment = now()
    for _ in range(3):
        send_pending(at=moment)
        moment += timedelta(hours=1)
    [row] = rows()
    assert (row.status, row.attempts) == (FAILED, 3)
    # The portal's own lines; the test's mail server (aiosmtpd's "mail.log") names recipients.
    portal_lines = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("portal"))
    assert "failed after 3 attempt(s): SMTP 451" in portal_lines
    assert "fatima" not in portal_lines
    assert send_pending(at=moment + timedelta(days=1)) == 0
    assert mail.messages == []


class _RejectRecipient:
    async def handle_RCPT(self, server, session, envelope, address, options):
        return "550 No such user"


def test_a_permanently_refused_address_fails_at_once(waiting_event, app, rows):
    port = free_port()
    controller = Controller(_RejectRecipient(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        app.config["SMTP_PORT"] = port
        send_pending()
    finally:
        controller.stop()
    [row] = rows()
    assert (row.status, row.attempts) == (FAILED, 1)
    assert row.last_error == "recipient refused [550]"


def test_a_claimed_row_is_not_claimed_again(waiting_event):
    moment = now()
    assert len(_claim("worker-a", 10, moment)) == 1
    assert _claim("worker-b", 10, moment) == []


def test_the_claim_of_a_dead_worker_expires(waiting_event, mail, rows):
    moment = now()
    [row_id] = _claim("dead-worker", 10, moment)
    assert send_pending(at=moment + timedelta(seconds=30)) == 0
    assert send_pending(at=moment + timedelta(seconds=61)) == 1  # the lease is one minute
    # The dead worker coming back cannot overwrite the outcome.
    assert not _finish(db.session.get(type(rows()[0]), row_id), "dead-worker", status=PENDING)
    assert rows()[0].status == SENT
    assert len(mail.messages) == 1


def test_two_workers_at_once_never_send_the_same_event(
    new_case, contacts, mail, database_url, tmp_path, rows
):
    contacts[BSN] = Contact("fatima@example.org")
    for _ in range(12):
        new_case()
    db.session.commit()
    worker_app = create_app({**root_conftest.test_config(database_url), "SMTP_PORT": mail.port})
    # Both threads see the same profile stand-in: it is patched at module level.
    start = threading.Barrier(2)
    errors = []

    def work() -> None:
        try:
            with worker_app.app_context():
                start.wait()
                while send_pending(limit=3):
                    pass
                db.session.remove()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    ids = [message["Message-ID"] for message in mail.messages]
    assert len(ids) == 12 and len(set(ids)) == 12
    assert {row.status for row in rows()} == {SENT}
    with worker_app.app_context():
        db.engine.dispose()


def test_the_failure_log_names_no_one(waiting_event, app, caplog):
    app.config["SMTP_PORT"] = free_port()
    with caplog.at_level(logging.WARNING):
        send_pending()
    assert "attempt 1 failed" in caplog.text
    assert "fatima" not in caplog.text and BSN not in caplog.text


class _DropsTheLineMidBatch:
    """An SMTP server that takes the first message, then loses its connection on every
    next one until `outage` ends: a mail server that falls over halfway through a batch."""

    def __init__(self) -> None:
        self.outage = True
        self.accepted: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        if self.outage and self.accepted:
            server.transport.close()
            return "421 Service not available, closing transmission channel"
        self.accepted.append(envelope.content)
        return "250 Message accepted for delivery"


def test_an_outage_halfway_through_a_batch_loses_nothing_and_sends_nothing_twice(
    new_case, contacts, app, rows
):
    contacts[BSN] = Contact("fatima@example.org")
    for _ in range(3):
        new_case()
    db.session.commit()
    server = _DropsTheLineMidBatch()
    port = free_port()
    controller = Controller(server, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        app.config["SMTP_PORT"] = port
        start = now()
        assert send_pending(at=start) == 1
        assert [row.status for row in rows()] == [SENT, PENDING, PENDING]

        server.outage = False
        assert send_pending(at=start + timedelta(seconds=30)) == 0  # back-off is respected
        assert send_pending(at=start + timedelta(minutes=2)) == 2
        assert send_pending(at=start + timedelta(hours=2)) == 0
    finally:
        controller.stop()
    assert [row.status for row in rows()] == [SENT] * 3
    ids = [email.message_from_bytes(raw)["Message-ID"] for raw in server.accepted]
    assert len(ids) == 3 and len(set(ids)) == 3
