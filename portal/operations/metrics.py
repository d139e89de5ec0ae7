"""Prometheus metrics on `/metrics`, for the monitoring system only.

The endpoint answers 404, as if it did not exist, unless `METRICS_TOKEN` is set and the caller
sends `Authorization: Bearer <token>`; the proxy in front should not route it from outside
either. What is measured:

- `portal_request_duration_seconds` (histogram): time per request, by endpoint name (not the
  path, which holds case numbers) and status class (`2xx`, `4xx`, ...);
- `portal_outbox_pending` and `portal_outbox_oldest_pending_age_seconds`: the outbox backlog;
- `portal_job_failures`: scheduled job runs whose last attempt failed, by job;
- `portal_worker_heartbeat_age_seconds`: seconds since the newest worker heartbeat;
- `portal_database_up`: 0 when the database does not answer (and then nothing else from it).

Everything but the histogram is read from the database at scrape time, so it is right however
many web processes and workers there are. Under gunicorn each process keeps its own
histogram; with `PROMETHEUS_MULTIPROC_DIR` set (an empty folder, before the processes start)
prometheus_client writes them there and any process's `/metrics` adds them up.
"""

import hmac
import os
import time
from dataclasses import dataclass

from flask import Blueprint, Flask, Response, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    GC_COLLECTOR,
    PLATFORM_COLLECTOR,
    PROCESS_COLLECTOR,
    CollectorRegistry,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from portal.components.clock import utc_now
from portal.extensions import db
from portal.notifications.models import PENDING, OutboxEvent
from portal.operations.health import newest_heartbeat
from portal.operations.models import JobRun
from portal.operations.schedule import FAILED

bp = Blueprint("metrics", __name__)

# Not registered in prometheus_client's global registry: each scrape builds its own registry
# (below), so tests and several apps in one process do not clash over names.
REQUEST_SECONDS = Histogram(
    "portal_request_duration_seconds",
    "Time to answer a request, by endpoint and status class.",
    ["endpoint", "status"],
    registry=None,
)


class DatabaseCollector:
    """Outbox backlog, job failures and heartbeat age, counted when Prometheus asks. When the
    database does not answer, only `portal_database_up 0` is given: that is the alert."""

    def collect(self):
        try:
            counts = database_counts()
        except SQLAlchemyError:
            db.session.rollback()
            yield GaugeMetricFamily("portal_database_up", "The database answers.", value=0)
            return
        yield GaugeMetricFamily("portal_database_up", "The database answers.", value=1)
        yield GaugeMetricFamily(
            "portal_outbox_pending", "Notifications waiting to be sent.", value=counts.pending
        )
        yield GaugeMetricFamily(
            "portal_outbox_oldest_pending_age_seconds",
            "Age of the oldest notification waiting to be sent (0 when none waits).",
            value=counts.oldest_pending_seconds,
        )
        # A gauge, not a counter: a failed run is retried and then counts no more.
        failures = GaugeMetricFamily(
            "portal_job_failures",
            "Scheduled job runs (of the last 30 days) whose last attempt failed, by job.",
            labels=["job"],
        )
        for job, count in counts.job_failures:
            failures.add_metric([job], count)
        yield failures
        if counts.heartbeat_seconds is not None:
            yield GaugeMetricFamily(
                "portal_worker_heartbeat_age_seconds",
                "Seconds since the newest worker heartbeat.",
                value=counts.heartbeat_seconds,
            )


@dataclass
class DatabaseCounts:
    pending: int
    oldest_pending_seconds: float
    job_failures: list[tuple[str, int]]
    heartbeat_seconds: float | None


def database_counts() -> DatabaseCounts:
    moment = utc_now()
    pending, oldest = db.session.execute(
        select(func.count(OutboxEvent.id), func.min(OutboxEvent.created_at)).where(
            OutboxEvent.status == PENDING
        )
    ).one()
    failures = db.session.execute(
        select(JobRun.job, func.count(JobRun.id))
        .where(JobRun.outcome == FAILED)
        .group_by(JobRun.job)
        .order_by(JobRun.job)
    )
    last_beat = newest_heartbeat()
    return DatabaseCounts(
        pending=pending,
        oldest_pending_seconds=max(0.0, (moment - oldest).total_seconds()) if oldest else 0.0,
        job_failures=[(job, count) for job, count in failures],
        heartbeat_seconds=max(0.0, (moment - last_beat).total_seconds()) if last_beat else None,
    )


def multiprocess_dir() -> str:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def scrape() -> bytes:
    registry = CollectorRegistry()
    if multiprocess_dir():
        multiprocess.MultiProcessCollector(registry)
    else:
        for collector in (REQUEST_SECONDS, PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
            registry.register(collector)
    registry.register(DatabaseCollector())
    return generate_latest(registry)


def token_matches(header: str, token: str) -> bool:
    scheme, _, given = header.partition(" ")
    if not token or scheme != "Bearer":
        return False
    return hmac.compare_digest(given.encode(), token.encode())


@bp.get("/metrics")
def metrics():
    token = current_app.config.get("METRICS_TOKEN", "")
    if not token_matches(request.headers.get("Authorization", ""), token):
        # A bare 404, not the portal's error page: that page reads the database, and a
        # scanner should not learn more than that nothing is here.
        return Response("Not Found\n", status=404, mimetype="text/plain")
    return Response(scrape(), content_type=CONTENT_TYPE_LATEST)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)

    @app.after_request
    def _observe(response: Response) -> Response:
        started = g.get("request_started")
        if started is not None:
            endpoint = request.url_rule.endpoint if request.url_rule else "unmatched"
            status = f"{response.status_code // 100}xx"
            REQUEST_SECONDS.labels(endpoint, status).observe(time.perf_counter() - started)
        return response
