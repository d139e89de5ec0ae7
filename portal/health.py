"""Health checks for the load balancer and monitoring.

`/healthz` (liveness): the process answers; it touches nothing else, so a database outage
does not make the orchestrator restart every web process. `/readyz` (readiness): the database
answers and a worker is alive (`portal.operations.health`); 503 with the failed checks if not.
"""

from flask import Blueprint, current_app, jsonify

from portal.operations.health import check_readiness

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    readiness = check_readiness(
        heartbeat_seconds=current_app.config["READY_HEARTBEAT_SECONDS"],
        jobs_in_process=bool(current_app.config.get("BACKGROUND_IN_PROCESS")),
    )
    return jsonify(readiness.as_dict()), 200 if readiness.ready else 503
