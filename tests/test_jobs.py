"""The shared helper behind the `make run` background jobs."""

import threading

from portal.jobs import run_every


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
