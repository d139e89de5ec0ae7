"""gunicorn settings for production; every value can be set from the environment.

    gunicorn -c gunicorn.conf.py portal.wsgi:app

Pages wait on the database and the registers more than on the CPU, so each process serves
several requests at once with threads. Background work never runs here: start
`flask --app portal worker` as a separate process.
"""

import multiprocessing
import os
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# A worker is replaced now and then so that a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# The request line and headers are bounded; bodies are bounded by MAX_CONTENT_LENGTH.
limit_request_line = 8190
limit_request_fields = 100
# gunicorn's access log is off: the portal writes one access line per request itself, with
# the request id, the path without its query string (a search or a link can carry personal
# data), status and duration; as JSON with LOG_FORMAT=json (portal.operations.logs).
accesslog = None
errorlog = "-"
_production = os.environ.get("PORTAL_ENV") == "production"
if os.environ.get("LOG_FORMAT", "json" if _production else "text") == "json":
    # gunicorn's own lines (booting, worker timeouts) as JSON too, with BSN-like numbers masked.
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "portal.operations.logs.JsonFormatter"}},
        "filters": {
            "request_id": {"()": "portal.operations.logs.RequestIdFilter"},
            "bsn": {"()": "portal.operations.logs.BsnFilter"},
        },
        "handlers": {
            "json": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["request_id", "bsn"],
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"level": "INFO", "handlers": []},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["json"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": False},
        },
    }
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


# Metrics from several processes: with PROMETHEUS_MULTIPROC_DIR set, each process writes its
# request histogram to that folder and /metrics adds them up (portal.operations.metrics).
def on_starting(server) -> None:
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        # Files of an earlier run would be counted again.
        for old_file in Path(folder).glob("*.db"):
            old_file.unlink()


def child_exit(server, worker) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
