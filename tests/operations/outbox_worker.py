"""A notification worker in a process of its own, for the multi-instance tests:

    python -m tests.operations.outbox_worker DATABASE_URL SMTP_PORT LEASE_SECONDS MAIL_FROM

It runs the production loop (`portal.notifications.worker.run_forever`) until SIGTERM; the
tests kill it with SIGKILL to play a crash. MAIL_FROM tells the catcher which worker sent
what (only the part before the @ differs, so Message-IDs stay the same across workers).
"""

import signal
import sys
import threading

from portal import create_app
from portal.notifications.worker import run_forever, run_once
from tests.conftest import test_config


def main() -> None:
    url, port, lease, sender = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    app = create_app(
        {
            **test_config(url),
            "SMTP_PORT": port,
            "NOTIFICATIONS_LEASE_SECONDS": lease,
            "MAIL_FROM": sender,
        }
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    # One empty round before "ready": imports, the first database connection and the queries
    # are warm, so a loaded machine cannot leave this worker still starting while the other
    # one sends every row.
    run_once(app)
    print("ready", flush=True)
    run_forever(app, 0.05, stop)


if __name__ == "__main__":
    main()
