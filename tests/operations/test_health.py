"""/healthz says the process is up; /readyz says the database answers and a worker is alive."""

from datetime import timedelta

import pytest

from portal import create_app
from portal.components.clock import utc_now
from portal.extensions import db
from portal.operations.models import WorkerHeartbeat

BROKEN_DATABASE = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite:////nonexistent/x.db"}


def _heartbeat(seconds_ago: int) -> None:
    moment = utc_now() - timedelta(seconds=seconds_ago)
    db.session.add(WorkerHeartbeat(worker="host:1:ab", started_at=moment, beat_at=moment))
    db.session.commit()


def test_healthz_answers_without_the_database():
    response = create_app(BROKEN_DATABASE).test_client().get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_readyz_is_ready_with_a_recent_heartbeat(client):
    _heartbeat(seconds_ago=10)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert response.json["database"] == "ok"
    assert response.json["worker"] == "ok"
    assert 10 <= response.json["worker_last_beat_seconds"] < 20


def test_readyz_fails_without_any_worker(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json["worker"] == "missing"
    assert response.json["failed"] == ["worker"]


@pytest.mark.parametrize(("limit", "status"), [(90, 503), (300, 200)])
def test_readyz_fails_when_the_heartbeat_is_older_than_the_limit(app, client, limit, status):
    app.config["READY_HEARTBEAT_SECONDS"] = limit
    _heartbeat(seconds_ago=120)
    response = client.get("/readyz")
    assert response.status_code == status
    assert response.json["worker"] == ("stale" if status == 503 else "ok")


def test_readyz_needs_no_worker_when_the_app_runs_its_own_jobs(app, client):
    app.config["BACKGROUND_IN_PROCESS"] = True  # `make run`
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json["worker"] == "in-process"


def test_readyz_reports_a_broken_database():
    response = create_app(BROKEN_DATABASE).test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["database"] == "unavailable"
    assert response.json["failed"] == ["database"]


def test_health_answers_set_no_cookie_and_are_not_cached(client):
    _heartbeat(seconds_ago=1)
    for path in ("/healthz", "/readyz"):
        response = client.get(path)
        assert "Set-Cookie" not in response.headers, path
        assert response.headers["Cache-Control"] == "no-store", path
