"""Start the local stand-ins for outside services (OIDC provider) in this process.

Used by `make run` (portal.devserver) and by the browser tests.
"""

import threading
from dataclasses import dataclass

from werkzeug.serving import make_server

from portal.devtools.smtp_catcher import free_port


@dataclass
class RunningService:
    url: str
    server: object
    thread: threading.Thread

    def stop(self) -> None:
        self.server.shutdown()


def start_oidc_provider(portal_url: str, port: int = 0) -> RunningService:
    from portal.testprovider import create_provider_app

    port = port or free_port()
    app = create_provider_app(clients=default_clients(portal_url))
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return RunningService(url=f"http://127.0.0.1:{port}", server=server, thread=thread)


def default_clients(portal_url: str) -> list[dict]:
    from portal.testprovider import default_clients as provider_defaults

    return provider_defaults(portal_url)


# Each area with a background job (e.g. the notification worker) adds a starter here:
# a callable that takes the app and starts a daemon thread.
BACKGROUND_JOBS: list[str] = [
    "portal.notifications.worker:start_worker_thread",
    "portal.cases.deadlines:start_daily_checks",
    "portal.requests.jobs:start_draft_cleanup",
    "portal.reports.jobs:start_draft_cleanup",
    "portal.registries.jobs:start_daily_cleanup",
    "portal.appointments.jobs:start_hold_release",
    "portal.appointments.reminders:start_reminders",
    "portal.dashboard.jobs:start_weekly_summary",
    "portal.dashboard.jobs:start_backlog_refresh",
    "portal.editor.jobs:start_publish_due",
]


def start_background_jobs(app) -> None:
    import importlib

    for dotted in BACKGROUND_JOBS:
        module_name, _, func_name = dotted.partition(":")
        getattr(importlib.import_module(module_name), func_name)(app)
