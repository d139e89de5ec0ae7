"""Background jobs for `make run`: one helper that runs a job now and then every so often in a
daemon thread, next to the web server. The starters are listed in
`portal.devtools.services.BACKGROUND_JOBS`; in production a scheduler runs the matching
`flask ...` command instead.
"""

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

HOUR = 60 * 60
DAY = 24 * HOUR


def run_every(
    interval_seconds: float,
    job: Callable[[], object],
    *,
    name: str,
    stop: threading.Event | None = None,
) -> threading.Thread:
    """Run `job` now, then every `interval_seconds`, in a daemon thread until `stop` is set.

    A round that fails is logged; it does not stop the next round.
    """
    stop = stop or threading.Event()

    def loop() -> None:
        while True:
            try:
                job()
            except Exception:  # a failed round must not stop the next one
                log.exception("background job %s failed", name)
            if stop.wait(interval_seconds):
                return

    thread = threading.Thread(target=loop, name=name, daemon=True)
    thread.start()
    return thread
