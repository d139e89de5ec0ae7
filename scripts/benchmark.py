"""Measure server time and response size per page (not a test: a report to compare over time).

Runs the app in-process with the test client against a throw-away SQLite database with demo
data, requests each page N times and prints the median and 95th percentile server time and
the size of the HTML. Each run is saved in benchmark-results/ (git-ignored) and compared with
the run before it, so a change that makes a page slower or heavier shows up.

The reports area adds two figures (scripts/benchmark_reports.py): the duplicate lookup with
100,000 open reports (SQLite, and PostgreSQL in a scratch database when DATABASE_URL is set)
beside the bare Flask response, and the bytes (gzip) of the report form's first visit.
The appointments area adds two more (scripts/benchmark_appointments.py): free slots for a month
with 20,000 booked appointments beside the bare Flask response, and 20 people booking the last
free slot at once (exactly one may win), on the same databases.

Every main page (scripts/bench_pages.py): server time beside a bare Flask response of the
same size, queries per request and page weight, at demo size on SQLite and, with DATABASE_URL
on PostgreSQL, at demo size and after `flask scale-data` (1,000,000 cases) in a scratch
database; then the load test on that database (scripts/bench_load.py: Locust, 50 and 200
users, 60 s each, against gunicorn on 127.0.0.1).

Usage: `make benchmark`, or `python scripts/benchmark.py --runs 200 / /producten`;
`--open-reports 0` leaves the reports figures out, `--booked-appointments 0` the appointments',
`--main-pages 0` the main pages, `--scale small` makes a hundredth of the data, `--load-users ""`
leaves the load test out.
"""

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from portal import create_app  # noqa: E402
from portal.cli import load_demo_data  # noqa: E402
from scripts import bench_load, bench_pages, benchmark_appointments, benchmark_reports  # noqa: E402

PAGES = ["/", "/producten", "/zoeken?q=paspoort", "/toegankelijkheid", "/contact", "/healthz"]
RESULTS = ROOT / "benchmark-results"


def measure(client, path: str, runs: int) -> dict:
    client.get(path)  # warm up: first-use imports and template compilation are not per request
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
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 2),
        "bytes": size,
    }


def run(pages: list[str], runs: int) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite3"})
        logging.disable(logging.INFO)  # the migration's progress lines are not the report
        try:
            with app.app_context():
                upgrade(revision="heads")
                load_demo_data()
        finally:
            logging.disable(logging.NOTSET)
        client = app.test_client()
        return [measure(client, path, runs) for path in pages]


def run_reports(open_reports: int, runs: int) -> dict:
    """The duplicate lookup per database, and the report form's first visit."""
    with tempfile.TemporaryDirectory() as tmp:
        app = benchmark_reports.prepared_app(f"sqlite:///{tmp}/reports.sqlite3")
        weight = benchmark_reports.first_visit(app.test_client())
        lookups = [benchmark_reports.lookup_benchmark(app, "SQLite", open_reports, runs)]
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        with benchmark_reports.scratch_postgres(url) as scratch:
            app = benchmark_reports.prepared_app(scratch)
            lookups.append(
                benchmark_reports.lookup_benchmark(app, "PostgreSQL", open_reports, runs)
            )
    return {"lookups": lookups, "first_visit": weight}


def report_reports(figures: dict) -> str:
    target = benchmark_reports.LOOKUP_TARGET_MS
    lines = [
        "",
        f"{'duplicate lookup':<24} {'median ms':>10} {'p95 ms':>8} {'found':>6}  "
        f"bare Flask (/healthz) median; target median <= {target:.0f} ms",
    ]
    for row in figures["lookups"]:
        label = f"{row['database']}, {row['open_reports']:,} open"
        lines.append(
            f"{label:<24} {row['median_ms']:>10.2f} {row['p95_ms']:>8.2f} "
            f"{row['found_per_lookup']:>6}  {row['bare_flask_median_ms']:.2f} ms"
        )
    weight = figures["first_visit"]
    limit = benchmark_reports.FIRST_VISIT_TARGET_BYTES
    lines += [
        "",
        f"first visit of {weight['path']}: {weight['gzip_bytes'] / 1024:.1f} KB gzip "
        f"({weight['bytes'] / 1024:.1f} KB raw); target <= {limit / 1024:.0f} KB gzip",
    ]
    lines += [
        f"  {item['url']:<40} {item['gzip_bytes']:>8} gzip {item['bytes']:>8} raw"
        for item in weight["files"]
    ]
    return "\n".join(lines)


def run_appointments(booked: int, runs: int, people: int = 20) -> list[dict]:
    """A month of free slots and the race for the last slot, per database."""
    with tempfile.TemporaryDirectory() as tmp:
        app = benchmark_reports.prepared_app(f"sqlite:///{tmp}/appointments.sqlite3")
        rows = [benchmark_appointments.appointments_benchmark(app, "SQLite", booked, runs, people)]
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        with benchmark_reports.scratch_postgres(url) as scratch:
            app = benchmark_reports.prepared_app(scratch)
            rows.append(
                benchmark_appointments.appointments_benchmark(
                    app, "PostgreSQL", booked, runs, people
                )
            )
    return rows


def run_main_pages(runs: int, scale: str, users: list[int], seconds: int) -> dict:
    """The main pages per database and size, and the load test on PostgreSQL."""
    with tempfile.TemporaryDirectory() as tmp:
        figures = {"SQLite": bench_pages.run_sizes(f"sqlite:///{tmp}/pages.sqlite3", runs, None)}
    print(bench_pages.report_sizes("SQLite", figures["SQLite"]), flush=True)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        print("PostgreSQL figures and the load test need DATABASE_URL=postgresql://...")
        return {"pages": figures}
    load = None
    with benchmark_reports.scratch_postgres(url) as scratch:
        figures["PostgreSQL"] = bench_pages.run_sizes(scratch, runs, scale)
        print(bench_pages.report_sizes("PostgreSQL", figures["PostgreSQL"]), flush=True)
        if users:
            load = bench_load.run(scratch, users, seconds)
            print(bench_load.report(load), flush=True)
    return {"pages": figures, "load": load}


def previous_results() -> dict[str, dict]:
    earlier = sorted(RESULTS.glob("*.json"))
    if not earlier:
        return {}
    return {row["path"]: row for row in json.loads(earlier[-1].read_text())["pages"]}


def report(rows: list[dict], before: dict[str, dict]) -> str:
    lines = [f"{'page':<24} {'median ms':>10} {'p95 ms':>8} {'bytes':>8}  change in median"]
    for row in rows:
        change = ""
        if row["path"] in before and before[row["path"]]["median_ms"]:
            old = before[row["path"]]["median_ms"]
            change = f"{(row['median_ms'] - old) / old:+.0%} (was {old:.2f} ms)"
        lines.append(
            f"{row['path']:<24} {row['median_ms']:>10.2f} {row['p95_ms']:>8.2f} "
            f"{row['bytes']:>8}  {change}"
        )
    return "\n".join(lines)


def save(
    rows: list[dict],
    runs: int,
    reports: dict | None = None,
    appointments: list[dict] | None = None,
    main_pages: dict | None = None,
) -> Path:
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / f"{datetime.now():%Y%m%d-%H%M%S}.json"
    content = {"runs": runs, "pages": rows, "reports": reports, "appointments": appointments}
    content["main_pages"] = main_pages
    target.write_text(json.dumps(content, indent=2) + "\n")
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--no-save", action="store_true", help="do not keep this run")
    parser.add_argument(
        "--open-reports", type=int, default=100_000, help="open reports for the lookup; 0: skip"
    )
    parser.add_argument(
        "--booked-appointments",
        type=int,
        default=20_000,
        help="booked appointments for the free-slots figure; 0: skip",
    )
    parser.add_argument("--main-pages", type=int, default=20, help="runs per page; 0: skip")
    parser.add_argument("--scale", choices=["full", "small"], default="full")
    parser.add_argument("--load-users", default="50,200", help='one load test each; "": none')
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("pages", nargs="*", default=PAGES)
    args = parser.parse_args(argv)
    before = previous_results()
    rows = run(args.pages, args.runs)
    print(report(rows, before))
    reports = run_reports(args.open_reports, args.runs) if args.open_reports > 0 else None
    if reports:
        print(report_reports(reports))
    appointments = None
    if args.booked_appointments > 0:
        appointments = run_appointments(args.booked_appointments, args.runs)
        print(benchmark_appointments.report(appointments))
    main_pages = None
    if args.main_pages > 0:
        users = [int(n) for n in args.load_users.split(",") if n.strip()]
        main_pages = run_main_pages(args.main_pages, args.scale, users, args.load_seconds)
    if not args.no_save:
        saved = save(rows, args.runs, reports, appointments, main_pages)
        print(f"saved in {saved.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
