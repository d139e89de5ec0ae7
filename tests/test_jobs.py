"""The shared helper behind the `make run` background jobs."""

import threading

import pytest

from portal.jobs import in_transaction, run_every


def test_a_job_runs_at_once_and_again_after_a_failed_round():
    rounds = []
    again = threading.Event()

    def job():
        rounds.append(len(rounds))
        if len(rounds) == 1:
            raise RuntimeError("the first round fails")
        again.set()

    stop = threading.Event()
    thread = run_every(0.01, job, name="test-job", stop=stop)
    assert again.wait(timeout=10)
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert thread.daemon and thread.name == "test-job"
    assert len(rounds) >= 2


def test_stop_ends_the_thread_before_the_next_round():
    rounds = []
    stop = threading.Event()
    stop.set()
    thread = run_every(3600, lambda: rounds.append(1), name="test-job", stop=stop)
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert rounds == [1]


def _log_a_lookup():
    from portal.registries import processing_log, purposes

    processing_log.record(
        subject="999990007",
        purpose=purposes.MIJN_GEGEVENS,
        register="brp",
        outcome=processing_log.FOUND,
        principal=None,
    )
    return "logged"


def _entries() -> int:
    from portal.extensions import db
    from portal.registries.models import ProcessingLogEntry

    db.session.expire_all()
    return db.session.query(ProcessingLogEntry).count()


def test_a_round_is_committed_when_it_succeeds_and_rolled_back_when_it_fails(app):
    def fails():
        _log_a_lookup()
        raise RuntimeError("the round fails")

    with pytest.raises(RuntimeError):
        in_transaction(app, fails)
    assert _entries() == 0
    assert in_transaction(app, _log_a_lookup) == "logged"
    assert _entries() == 1
