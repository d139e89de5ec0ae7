"""/metrics: refused unless the monitoring token is given; request times, the outbox backlog
and failed jobs visible with it."""

from datetime import timedelta

import pytest
from prometheus_client.parser import text_string_to_metric_families

from portal import create_app
from portal.auth.principal import Party
from portal.components.clock import utc_now
from portal.extensions import db
from portal.notifications.models import OutboxEvent
from portal.notifications.outbox import enqueue
from portal.operations.schedule import run_once_per_period

TOKEN = "metrics-token-for-tests-0123456789"
AUTHORIZED = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def with_token(app):
    app.config["METRICS_TOKEN"] = TOKEN


def _scrape(client) -> dict[tuple[str, tuple], float]:
    response = client.get("/metrics", headers=AUTHORIZED)
    assert response.status_code == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.get_data(as_text=True))
        for sample in family.samples
    }


def _confirmation_mail() -> OutboxEvent:
    return enqueue(
        "email_confirmation",
        case=None,
        party=Party("person", "999990007"),
        payload={"email": "a@example.org", "link": "http://localhost/x", "language": "nl"},
    )


@pytest.mark.parametrize(
    ("configured", "headers"),
    [
        ("", {"Authorization": "Bearer "}),
        (TOKEN, {}),
        (TOKEN, {"Authorization": "Bearer wrong"}),
        (TOKEN, {"Authorization": TOKEN}),
    ],
)
def test_refused_without_the_right_token(app, client, configured, headers):
    app.config["METRICS_TOKEN"] = configured
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 404
    assert b"portal_" not in response.data


def test_request_times_are_counted_by_endpoint_and_status_class(client, with_token):
    key = (
        "portal_request_duration_seconds_count",
        (("endpoint", "health.healthz"), ("status", "2xx")),
    )
    before = _scrape(client).get(key, 0)
    client.get("/healthz")
    client.get("/healthz")
    assert _scrape(client)[key] == before + 2


def test_unknown_paths_are_one_label_not_one_per_path(client, with_token):
    client.get("/bestaat-niet-1")
    client.get("/bestaat-niet-2")
    endpoints = {
        dict(labels)["endpoint"]
        for name, labels in _scrape(client)
        if name.startswith("portal_request_duration_seconds")
    }
    assert "unmatched" in endpoints
    assert not any("bestaat-niet" in endpoint for endpoint in endpoints)


def test_the_backlog_gauges_follow_the_outbox(client, with_token):
    assert _scrape(client)[("portal_outbox_pending", ())] == 0
    assert _scrape(client)[("portal_outbox_oldest_pending_age_seconds", ())] == 0

    oldest = _confirmation_mail()
    oldest.created_at = utc_now() - timedelta(minutes=10)
    _confirmation_mail()
    sent = _confirmation_mail()
    sent.status = "sent"
    db.session.commit()

    metrics = _scrape(client)
    assert metrics[("portal_outbox_pending", ())] == 2
    assert 600 <= metrics[("portal_outbox_oldest_pending_age_seconds", ())] < 660


def test_failed_job_runs_are_counted_by_job(app, client, with_token):
    def fails():
        raise RuntimeError("mislukt")

    for period in ("2026-12-01", "2026-12-02"):
        with pytest.raises(RuntimeError):
            run_once_per_period("weekly-summary", period, fails)
    run_once_per_period("weekly-summary", "2026-12-03", lambda: None)

    metrics = _scrape(client)
    assert metrics[("portal_job_failures", (("job", "weekly-summary"),))] == 2


def test_a_broken_database_still_gives_metrics_and_says_so():
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": "sqlite:////nonexistent/x.db",
            "METRICS_TOKEN": TOKEN,
        }
    )
    metrics = _scrape(app.test_client())
    assert metrics[("portal_database_up", ())] == 0
    assert ("portal_outbox_pending", ()) not in metrics
