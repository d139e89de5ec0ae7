"""Under gunicorn with two processes: every line on stderr is JSON (gunicorn's own lines too)
and /metrics adds up the request times of both processes (PROMETHEUS_MULTIPROC_DIR)."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import requests
from prometheus_client.parser import text_string_to_metric_families

from portal.devtools.smtp_catcher import free_port

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "metrics-token-for-tests-0123456789"
REQUESTS = 12


def _healthz_count(base: str) -> float:
    response = requests.get(
        f"{base}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30
    )
    assert response.status_code == 200
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            if sample.name == "portal_request_duration_seconds_count" and sample.labels == {
                "endpoint": "health.healthz",
                "status": "2xx",
            }:
                return sample.value
    return 0


def test_json_logs_and_metrics_of_all_processes(database_url, tmp_path):
    port = free_port()
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    (metrics_dir / "counter_1.db").write_bytes(b"left over from an earlier run")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "gunicorn-test-secret-key-0123456789abcdef",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "2",
        "FILE_STORE_PATH": str(tmp_path / "files"),
        "LOG_FORMAT": "json",
        "METRICS_TOKEN": TOKEN,
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn), "-c", "gunicorn.conf.py", "portal.wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/healthz")
        before = _healthz_count(base)
        session_less = [
            requests.get(f"{base}/healthz?bsn=999993653", timeout=30) for _ in range(REQUESTS)
        ]
        assert {r.status_code for r in session_less} == {200}
        assert _healthz_count(base) == before + REQUESTS
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=60)
    assert process.returncode == 0, errors.decode()[-2000:]

    lines = [json.loads(line) for line in errors.decode().splitlines()]
    assert any("Booting worker" in line["message"] for line in lines)
    access = [line for line in lines if line["logger"] == "portal.access"]
    assert len(access) >= REQUESTS
    assert {line["path"] for line in access} >= {"/healthz", "/metrics"}
    assert "999993653" not in errors.decode()


def _wait_for(url: str) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            requests.get(url, timeout=30)
            return
        except (requests.ConnectionError, requests.Timeout):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
