"""The load test of `make benchmark`: Locust against gunicorn and PostgreSQL on 127.0.0.1.

Starts the local OIDC test provider and gunicorn (gunicorn.conf.py: by default 2 x cores + 1
processes with 4 threads each) on free ports of 127.0.0.1, then runs scripts/locustfile.py
headless for each number of users (default 50 and 200, all started within 10 s), each for a
bounded time (default 60 s), and prints requests per second, the 50th, 95th and 99th
percentile response time and the errors. Targets: 0 errors, p95 <= 100 ms at 50 users and
<= 300 ms at 200 users on a 2-core machine.

Rate limits are switched off for the run (RATELIMIT_ENABLED=false): every simulated person
comes from 127.0.0.1, so they would measure the limiter, not the portal.

Usage: `python scripts/bench_load.py --database-url postgresql://.../db` (an existing,
set-up database, e.g. filled by `flask scale-data`), or, from benchmark.py, in a scratch
database.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.devtools.services import start_oidc_provider  # noqa: E402
from portal.devtools.smtp_catcher import free_port  # noqa: E402

P95_TARGETS_MS = {50: 100, 200: 300}
BIN = Path(sys.executable).parent


@contextmanager
def serving(database_url: str):
    """gunicorn and the OIDC provider on 127.0.0.1; yields the portal's address."""
    port = free_port()
    portal = f"http://127.0.0.1:{port}"
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # the provider's line per request
    provider = start_oidc_provider(portal)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "benchmark-load-test-secret-0123456789abcdef",
        "PUBLIC_URL": portal,
        "OIDC_PROVIDER_URL": provider.url,
        "RATELIMIT_ENABLED": "false",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "SMTP_PORT": "1",  # nothing listens; mail waits in the outbox
    }
    with tempfile.TemporaryDirectory() as files:
        env["FILE_STORE_PATH"] = files
        log = open(Path(files) / "gunicorn.log", "w+b")  # noqa: SIM115 (closed below)
        process = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
            [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "portal.wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            _wait_for(f"{portal}/healthz", process, log)
            yield portal
        finally:
            process.terminate()
            process.wait(timeout=30)
            log.close()
            provider.stop()


def _wait_for(url: str, process: subprocess.Popen, log) -> None:
    """Until gunicorn answers; its log is shown when it does not start."""
    deadline = time.monotonic() + 180
    while process.poll() is None:
        try:
            if requests.get(url, timeout=10).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        if time.monotonic() > deadline:
            break
        time.sleep(0.5)
    log.seek(0)
    raise SystemExit(f"gunicorn did not answer at {url}:\n{log.read().decode()[-3000:]}")


def run_locust(host: str, users: int, seconds: int) -> dict:
    """One headless run; the figures of all requests together (Locust's "Aggregated")."""
    with tempfile.TemporaryDirectory() as out:
        prefix = str(Path(out) / "run")
        subprocess.run(  # noqa: S603 (our own locust, fixed arguments)
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "scripts" / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(max(1, users // 10)),
                "--run-time",
                f"{seconds}s",
                "--stop-timeout",
                "10",
                "--host",
                host,
                "--csv",
                prefix,
                "--only-summary",
                "--loglevel",
                "ERROR",
            ],
            cwd=ROOT,
            check=False,
            timeout=seconds + 120,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with open(f"{prefix}_stats.csv", newline="") as handle:
            rows = list(csv.DictReader(handle))
        with open(f"{prefix}_failures.csv", newline="") as handle:
            failures = list(csv.DictReader(handle))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    return {
        "users": users,
        "seconds": seconds,
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "requests_per_s": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "slowest": sorted(
            (
                {"name": f"{row['Type']} {row['Name']}", "p95_ms": float(row["95%"])}
                for row in rows
                if row["Name"] != "Aggregated" and row["95%"] not in ("", "N/A")
            ),
            key=lambda row: -row["p95_ms"],
        )[:3],
        "failures": [
            f"{row['Method']} {row['Name']}: {row['Error']} ({row['Occurrences']}x)"
            for row in failures
        ][:5],
    }


def run(database_url: str, users: list[int], seconds: int) -> list[dict]:
    with serving(database_url) as host:
        return [run_locust(host, count, seconds) for count in users]


def report(rows: list[dict], cores: int | None = None) -> str:
    lines = [
        "",
        f"load test (Locust, gunicorn + PostgreSQL, {cores or os.cpu_count()} cores)",
        f"{'users':>5} {'seconds':>7} {'requests':>8} {'req/s':>7} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'p99 ms':>7} {'errors':>6}  target p95",
    ]
    for row in rows:
        target = P95_TARGETS_MS.get(row["users"])
        lines.append(
            f"{row['users']:>5} {row['seconds']:>7} {row['requests']:>8} "
            f"{row['requests_per_s']:>7.1f} {row['p50_ms']:>7.0f} {row['p95_ms']:>7.0f} "
            f"{row['p99_ms']:>7.0f} {row['errors']:>6}  {f'<= {target} ms' if target else ''}"
        )
        slowest = ", ".join(f"{item['name']} {item['p95_ms']:.0f}" for item in row["slowest"])
        lines.append(f"      slowest p95: {slowest}")
        lines += [f"      error: {failure}" for failure in row["failures"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="a set-up PostgreSQL database")
    parser.add_argument("--users", default="50,200", help="comma-separated; one run each")
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args(argv)
    users = [int(n) for n in args.users.split(",")]
    print(report(run(args.database_url, users, args.seconds)))


if __name__ == "__main__":
    main()
