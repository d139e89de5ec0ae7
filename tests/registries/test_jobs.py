"""The daily processing log clean-up that `make run` starts next to the web server."""

import threading
from datetime import UTC, datetime, timedelta

from portal.extensions import db
from portal.registries import processing_log, purposes
from portal.registries.jobs import start_daily_cleanup
from portal.registries.models import ProcessingLogEntry

FATIMA = "999990007"


def _entry(age: timedelta) -> None:
    entry = processing_log.record(
        subject=FATIMA,
        purpose=purposes.MIJN_GEGEVENS,
        register="brp",
        outcome=processing_log.FOUND,
        principal=None,
    )
    entry.occurred_at = datetime.now(UTC) - age


def test_make_run_starts_the_daily_cleanup(demo_data):
    from portal.devtools.services import BACKGROUND_JOBS

    assert "portal.registries.jobs:start_daily_cleanup" in BACKGROUND_JOBS
    _entry(processing_log.RETENTION + timedelta(days=1))
    _entry(processing_log.RETENTION - timedelta(days=1))
    db.session.commit()
    stop = threading.Event()
    thread = start_daily_cleanup(demo_data, interval_seconds=3600, stop=stop)
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    db.session.expire_all()
    assert db.session.query(ProcessingLogEntry).count() == 1
