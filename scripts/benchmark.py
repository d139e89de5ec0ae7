"""Measure server time and response size per page (not a test: a report to compare over time).

Runs the app in-process with the test client against a throw-away SQLite database with demo
data, requests each page N times and prints median and 95th percentile server time and the
size of the HTML. Usage: `make benchmark` or `python scripts/benchmark.py --runs 200`.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade

from portal import create_app
from portal.cli import load_demo_data

PAGES = ["/", "/toegankelijkheid", "/contact", "/healthz"]


def measure(client, path: str, runs: int) -> dict:
    timings = []
    size = 0
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        size = len(response.get_data())
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    timings.sort()
    return {
        "path": path,
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "bytes": size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("pages", nargs="*", default=PAGES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite3"})
        with app.app_context():
            upgrade(revision="heads")
            load_demo_data()
        client = app.test_client()
        print(f"{'page':<30} {'median ms':>10} {'p95 ms':>8} {'bytes':>8}")
        for path in args.pages:
            row = measure(client, path, args.runs)
            print(
                f"{row['path']:<30} {row['median_ms']:>10.2f} {row['p95_ms']:>8.2f} "
                f"{row['bytes']:>8}"
            )


if __name__ == "__main__":
    main()
