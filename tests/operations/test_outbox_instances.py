"""Several workers, one outbox: every row is sent, and sent once.

The guarantee (portal.notifications.services): two living workers never send the same row;
a worker killed with SIGKILL gives its claimed rows back after NOTIFICATIONS_LEASE_SECONDS
(one minute in production, three seconds here) and another worker sends them. The only copy
that can go out twice is the row the killed worker had handed to the mail server but not yet
recorded: at most one per crash, with the same Message-ID, so mail systems drop it.

The workers are real processes (tests/operations/outbox_worker.py) against the test
database, sending over SMTP to a local catcher that takes 10 ms per message, so that both
are busy at the same time.
"""

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, text

from portal.auth.principal import Party
from portal.devtools.smtp_catcher import MailCatcher, _Keeper
from portal.extensions import db
from portal.notifications import outbox
from portal.notifications.compose import message_id
from portal.notifications.models import PENDING, SENT, OutboxEvent
from portal.notifications.services import DEFAULT_LEASE_SECONDS, _claim, send_batch

ROOT = Path(__file__).resolve().parents[2]
ROWS = 200
LEASE = 3
DOMAIN = "voorbeeld.example"
# About 3 s on an idle machine; generous, because a loaded CI machine can be ten times slower.
DEADLINE = 90


class SlowKeeper(_Keeper):
    delay = 0.01

    async def handle_DATA(self, server, session, envelope) -> str:
        await asyncio.sleep(self.delay)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def catcher(app):
    catcher = MailCatcher(port=0)
    catcher._controller = Controller(SlowKeeper(catcher), hostname="127.0.0.1", port=catcher.port)
    catcher.start()
    app.config["SMTP_PORT"] = catcher.port
    app.config["MAIL_FROM"] = f"portal@{DOMAIN}"
    yield catcher
    catcher.stop()


@pytest.fixture
def workers(database_url, catcher, tmp_path):
    """Start worker processes: `workers("a")` returns the Popen once the worker is ready."""
    started: list[subprocess.Popen] = []

    def start(*names: str) -> list[subprocess.Popen]:
        procs = []
        for name in names:
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.operations.outbox_worker",
                    database_url,
                    str(catcher.port),
                    str(LEASE),
                    f"{name}@{DOMAIN}",
                ],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=(tmp_path / f"worker-{name}.log").open("w"),
                text=True,
                env={**os.environ, "PYTHONWARNINGS": "ignore"},
            )
            started.append(proc)
            procs.append(proc)
        for name, proc in zip(names, procs, strict=True):
            log = tmp_path / f"worker-{name}.log"
            assert proc.stdout.readline().strip() == "ready", log.read_text()[-2000:]
        return procs

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for proc in started:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def enqueue(count: int) -> set[str]:
    """`count` confirmation e-mails (they need no case), committed at once; their Message-IDs."""
    rows = [
        outbox.enqueue(
            "email_confirmation",
            case=None,
            party=Party("person", "999990007"),
            payload={"email": f"inwoner{n}@example.org", "link": "http://localhost/bevestig"},
        )
        for n in range(count)
    ]
    db.session.commit()
    return {message_id(row) for row in rows}


def sent_by(catcher: MailCatcher, name: str) -> int:
    with catcher._lock:
        return sum(1 for m in catcher.messages if str(m["From"]).endswith(f"<{name}@{DOMAIN}>"))


def wait_until_all_sent(deadline_seconds: float) -> float:
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        db.session.rollback()
        left = db.session.scalar(
            select(db.func.count()).select_from(OutboxEvent).where(OutboxEvent.status != SENT)
        )
        if left == 0:
            return time.monotonic()
        time.sleep(0.05)
    pytest.fail(f"{left} rows still not sent")


def message_ids(catcher: MailCatcher) -> Counter:
    with catcher._lock:
        return Counter(str(m["Message-ID"]) for m in catcher.messages)


def test_the_production_lease_is_at_most_a_minute():
    assert DEFAULT_LEASE_SECONDS <= 60


def test_two_worker_processes_send_every_row_exactly_once(app, catcher, workers):
    workers("a", "b")
    expected = enqueue(ROWS)
    wait_until_all_sent(DEADLINE)

    counts = message_ids(catcher)
    assert set(counts) == expected
    assert max(counts.values()) == 1  # no crash, so no copy at all
    # Both really worked in parallel; one idle worker would prove nothing.
    assert sent_by(catcher, "a") > 0 and sent_by(catcher, "b") > 0
    assert sent_by(catcher, "a") + sent_by(catcher, "b") == ROWS


def test_a_worker_killed_mid_batch_loses_nothing(app, catcher, workers):
    procs = dict(zip("ab", workers("a", "b"), strict=True))
    expected = enqueue(ROWS)

    # Kill the first worker seen inside a batch of 50: it has sent part of it and holds the
    # rest.
    deadline = time.monotonic() + DEADLINE
    victim = None
    while victim is None and time.monotonic() < deadline:
        victim = next((n for n in "ab" if 5 <= sent_by(catcher, n) % 50 <= 45), None)
        time.sleep(0.002)
    assert victim, "neither worker was seen inside a batch"
    a = procs[victim]
    a.send_signal(signal.SIGKILL)
    a.wait()
    killed = time.monotonic()

    # The rows it had claimed but not sent stay claimed by it until the lease runs out.
    db.session.rollback()
    orphans = db.session.execute(
        select(OutboxEvent.id, OutboxEvent.claimed_at).where(
            OutboxEvent.status == PENDING, OutboxEvent.claimed_by.like(f"%:{a.pid}:%")
        )
    ).all()
    assert orphans, "the killed worker held no claimed rows"

    done = wait_until_all_sent(DEADLINE)

    counts = message_ids(catcher)
    assert set(counts) == expected  # none lost
    copies = [key for key, n in counts.items() if n > 1]
    # At most the one row the killed worker had handed over but not recorded, same Message-ID.
    assert len(copies) <= 1 and all(counts[key] == 2 for key in copies)
    assert sum(counts.values()) == ROWS + len(copies)
    # The rows came back only when the lease had run out, and soon after.
    db.session.rollback()
    claimed_at = dict(orphans)
    taken_over = db.session.scalars(select(OutboxEvent).where(OutboxEvent.id.in_(claimed_at)))
    assert all(row.sent_at >= claimed_at[row.id] + timedelta(seconds=LEASE) for row in taken_over)
    assert done - killed < 60


def test_a_batch_slower_than_the_lease_keeps_its_rows(app, catcher):
    """A worker whose batch takes longer than the lease renews its claims, so a second worker
    claiming all the time cannot take rows over and send them a second time."""
    # A lease of 6 s renewed every 1.5 s while a message takes 0.3 s: a loaded CI machine may
    # stall a worker for 4 s before its claim runs out.
    app.config["NOTIFICATIONS_LEASE_SECONDS"] = 6
    SlowKeeper.delay = 0.3
    try:
        expected = enqueue(30)  # about 9 s for one worker, half as long again as the lease
        stop = threading.Event()

        def worker(loop: bool) -> None:
            with app.app_context():
                send_batch(50)
                while loop and not stop.is_set():
                    send_batch(50)
                    time.sleep(0.05)
                db.session.remove()

        first = threading.Thread(target=worker, args=(False,))
        first.start()
        deadline = time.monotonic() + 15
        while not catcher.messages and time.monotonic() < deadline:
            time.sleep(0.01)  # the first worker has claimed all thirty
        other = threading.Thread(target=worker, args=(True,))
        other.start()
        first.join(timeout=60)
        wait_until_all_sent(60)
        stop.set()
        other.join(timeout=10)
    finally:
        SlowKeeper.delay = 0.01
    counts = message_ids(catcher)
    assert set(counts) == expected and max(counts.values()) == 1


def test_a_claim_takes_at_most_one_batch(app):
    """PostgreSQL once rescanned the locking subquery for every row it updated, so one claim
    took the whole outbox and the other workers sat idle."""
    enqueue(120)
    db.session.rollback()
    first = _claim("first-worker", 50, outbox.now())
    second = _claim("second-worker", 50, outbox.now())
    third = _claim("third-worker", 50, outbox.now())
    assert (len(first), len(second), len(third)) == (50, 50, 20)
    assert not set(first) & set(second) and not set(second) & set(third)


def test_claims_skip_rows_another_worker_has_locked(app, database_url):
    """PostgreSQL: a worker claiming while another one's claim is still open gets other rows
    at once, instead of waiting for that transaction (FOR UPDATE SKIP LOCKED)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has no row locks: one writer at a time, the conditional UPDATE decides")
    enqueue(10)
    first = db.session.scalars(select(OutboxEvent.id).order_by(OutboxEvent.id).limit(4)).all()
    db.session.rollback()
    with db.engine.connect() as other:
        other.execute(text("SET lock_timeout = '2s'"))
        other.execute(select(OutboxEvent.id).where(OutboxEvent.id.in_(first)).with_for_update())
        started = time.monotonic()
        claimed = _claim("second-worker", 50, outbox.now())
        assert time.monotonic() - started < 1
        other.rollback()
    assert len(claimed) == 6 and not set(claimed) & set(first)
