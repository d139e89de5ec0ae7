"""The worker as it runs: the `notifications-worker` command and the loop in a thread."""

import threading
import time

import pytest

from portal.devtools.services import BACKGROUND_JOBS
from portal.extensions import db
from portal.notifications.worker import run_forever, run_once
from tests.notifications.conftest import BSN, OTHER_BSN, Contact


@pytest.fixture
def cli(app, runner):
    assert "notifications-worker" in app.cli.commands  # registered by create_app
    return runner


def test_the_command_sends_what_is_due_and_stops(new_case, contacts, mail, cli):
    contacts[BSN] = Contact("fatima@example.org")
    new_case()
    new_case()
    db.session.commit()

    result = cli.invoke(args=["notifications-worker", "--once"])

    assert result.exit_code == 0, result.output
    assert "notifications sent: 2" in result.output
    assert len(mail.to("fatima@example.org")) == 2


def test_one_round_goes_on_past_a_full_batch_of_skipped_rows(new_case, contacts, mail, app):
    """Rows without an address are skipped, not sent; a batch full of them must not stop the
    round before the e-mail behind them."""
    for _ in range(3):
        new_case(OTHER_BSN)  # no contact details: skipped
    contacts[BSN] = Contact("fatima@example.org")
    new_case()
    db.session.commit()

    assert run_once(app, limit=3) == 1
    assert len(mail.to("fatima@example.org")) == 1


def test_the_loop_sends_events_that_arrive_while_it_runs(new_case, contacts, mail, app):
    contacts[BSN] = Contact("fatima@example.org")
    stop = threading.Event()
    thread = threading.Thread(target=run_forever, args=(app, 0.05, stop), daemon=True)
    thread.start()
    try:
        new_case()
        db.session.commit()
        deadline = time.monotonic() + 10
        while not mail.messages and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert len(mail.messages) == 1


def test_make_run_starts_the_worker():
    assert "portal.notifications.worker:start_worker_thread" in BACKGROUND_JOBS
