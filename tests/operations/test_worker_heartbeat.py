"""`flask worker` writes a heartbeat row while it runs and removes it when it stops cleanly;
a worker that was killed leaves an old row, which the others forget after a day."""

import threading
import time
from datetime import timedelta

from sqlalchemy import select

from portal import worker
from portal.components.clock import utc_now
from portal.devtools import services
from portal.extensions import db
from portal.operations.models import WorkerHeartbeat
from portal.operations.schedule import worker_id


def beats() -> list[WorkerHeartbeat]:
    db.session.rollback()
    return list(db.session.scalars(select(WorkerHeartbeat)))


def test_the_worker_beats_while_it_runs_and_signs_off_when_stopped(app, monkeypatch):
    monkeypatch.setattr(services, "BACKGROUND_JOBS", [])
    stop = threading.Event()
    thread = threading.Thread(target=worker.run_worker, args=(app, stop, 0.05))
    thread.start()
    try:
        deadline = time.monotonic() + 5
        while not beats() and time.monotonic() < deadline:
            time.sleep(0.02)
        [first] = beats()
        assert first.worker == worker_id()
        first_beat = first.beat_at
        time.sleep(0.3)
        [later] = beats()
        assert later.beat_at > first_beat and later.started_at == first.started_at
    finally:
        stop.set()
        thread.join(timeout=5)
    assert not thread.is_alive()
    assert beats() == []


def test_a_killed_workers_row_is_forgotten_after_a_day(app):
    moment = utc_now()
    db.session.add_all(
        [
            WorkerHeartbeat(
                worker="gone:1:a",
                started_at=moment - timedelta(days=3),
                beat_at=moment - timedelta(days=2),
            ),
            WorkerHeartbeat(
                worker="recent:2:b", started_at=moment, beat_at=moment - timedelta(minutes=5)
            ),
        ]
    )
    db.session.commit()

    worker.beat(app, "me:3:c", moment)

    assert sorted(row.worker for row in beats()) == ["me:3:c", "recent:2:b"]
