"""The reports area's part of `make benchmark` (see benchmark.py, which calls it).

- The duplicate lookup (`portal.reports.nearby.find_duplicates`) with 100,000 open reports
  spread over the municipality, on a throw-away SQLite database and, when DATABASE_URL points
  at PostgreSQL, on a scratch database made for the run and dropped after it (never the
  database DATABASE_URL names). Shown beside the bare Flask response (/healthz) on the same
  database, so the lookup's share of a page is visible. Target: a median of 10 ms or less.
- The report form's first visit: the HTML of /melding and every stylesheet and script it
  loads (not the map's, which load when the map is opened), each compressed with gzip at
  level 6, the common server default. Target: 30 KB or less.

Rows are inserted with bulk INSERTs, not through the services: the lookup is what is
measured, and 100,000 cases through `create_case` would take minutes.
"""

from __future__ import annotations

import gzip
import logging
import random
import statistics
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import psycopg
from flask_migrate import upgrade
from sqlalchemy import insert, text
from sqlalchemy.engine import make_url

from portal import create_app
from portal.cases.models import Case
from portal.cli import load_demo_data
from portal.extensions import db
from portal.reports import nearby
from portal.reports.categories import subcategories
from portal.reports.locations.base import DEMO_BOUNDS
from portal.reports.models import Report

LOOKUP_TARGET_MS = 10.0
FIRST_VISIT_TARGET_BYTES = 30 * 1024
FORM_PATH = "/melding"
BATCH = 5000


def percentile_95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def prepared_app(database_url: str):
    """An app on a migrated database with the demo data, as `make run` has it."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "benchmark-" * 4})
    logging.disable(logging.INFO)  # the migration's progress lines are not the report
    try:
        with app.app_context():
            upgrade(revision="heads")
            load_demo_data()
    finally:
        logging.disable(logging.NOTSET)
    return app


@contextmanager
def scratch_postgres(base_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on the server of `base_url`, dropped afterwards."""
    url = make_url(base_url.replace("postgres://", "postgresql://", 1))
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"portal_benchmark_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(drivername="postgresql+psycopg", database=name).render_as_string(
            hide_password=False
        )
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _case_row(index: int, created: datetime, category) -> dict:
    return {
        "number": f"B-{index:09d}",
        "idempotency_key": f"benchmark-{index}",
        "product_slug": "melding-openbare-ruimte",
        "product_name": category.name,
        "team": category.team,
        "party_kind": "person",
        "party_identifier": "999990007",
        "actor_kind": "self",
        "actor_label": "",
        "status": "ontvangen",
        "answers": {},
        "norm_working_days": category.norm_working_days,
        "created_at": created,
        "updated_at": created,
    }


def seed_open_reports(count: int, seed: int = 10) -> None:
    """`count` open reports of every subcategory, spread evenly over the municipality and
    over the last 60 days (so about half are recent enough to be duplicates)."""
    rng = random.Random(seed)
    kinds = subcategories("nl")
    min_lat, max_lat, min_lon, max_lon = DEMO_BOUNDS
    start = datetime.now(UTC).replace(tzinfo=None)
    for first in range(0, count, BATCH):
        numbers = range(first, min(first + BATCH, count))
        picked = [(rng.choice(kinds), start - timedelta(days=rng.uniform(0, 60))) for _ in numbers]
        pairs = zip(numbers, picked, strict=True)
        cases = [_case_row(number, created, kind) for number, (kind, created) in pairs]
        statement = insert(Case).returning(Case.id, sort_by_parameter_order=True)
        case_ids = db.session.scalars(statement, cases).all()
        reports = [
            {
                "case_id": case_id,
                "main_category": kind.main_slug,
                "category_slug": kind.slug,
                "description": "Benchmark",
                "answers": {},
                "latitude": rng.uniform(min_lat, max_lat),
                "longitude": rng.uniform(min_lon, max_lon),
                "status": "gemeld",
                "is_open": True,
                "created_at": created,
                "updated_at": created,
            }
            for case_id, (kind, created) in zip(case_ids, picked, strict=True)
        ]
        db.session.execute(insert(Report), reports)
    db.session.commit()
    db.session.execute(text("ANALYZE"))  # the planner's statistics, as on a live database
    db.session.commit()


def measure_lookups(runs: int, seed: int = 11) -> dict:
    """Duplicate lookups at random places, each as a request makes it: inside the request's
    transaction (already begun and pinged), the rows loaded afresh. The round trips a
    request pays once, whatever it asks, show in the bare Flask figure beside it."""
    rng = random.Random(seed)
    mains = sorted({kind.main_slug for kind in subcategories("nl")})
    min_lat, max_lat, min_lon, max_lon = DEMO_BOUNDS
    timings, found = [], []
    for _ in range(runs + 1):
        point = rng.uniform(min_lat, max_lat), rng.uniform(min_lon, max_lon)
        begin = time.perf_counter()
        result = nearby.find_duplicates(rng.choice(mains), *point)
        timings.append((time.perf_counter() - begin) * 1000)
        found.append(len(result))
        db.session.expunge_all()
    db.session.rollback()
    # The first pays for beginning the transaction and compiling the query once.
    timings, found = timings[1:], found[1:]
    return {
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile_95(timings), 2),
        "found_per_lookup": round(statistics.mean(found), 2),
    }


def measure_bare_response(client, runs: int) -> float:
    client.get("/healthz")
    timings = []
    for _ in range(runs):
        begin = time.perf_counter()
        client.get("/healthz")
        timings.append((time.perf_counter() - begin) * 1000)
    return round(statistics.median(timings), 2)


def lookup_benchmark(app, database: str, open_reports: int, runs: int) -> dict:
    """Fill the app's database with open reports, then time lookups and /healthz on it."""
    with app.app_context():
        seed_open_reports(open_reports)
        row = measure_lookups(runs)
    row.update(
        database=database,
        open_reports=open_reports,
        bare_flask_median_ms=measure_bare_response(app.test_client(), runs),
    )
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return row


class _Assets(HTMLParser):
    """The stylesheets and scripts a page asks for in its HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "stylesheet" and values.get("href"):
            self.urls.append(values["href"])
        elif tag == "script" and values.get("src"):
            self.urls.append(values["src"])


def gzipped_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6, mtime=0))


def first_visit(client, path: str = FORM_PATH) -> dict:
    """What a first visit to `path` downloads, raw and gzipped, per file."""
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    html = response.get_data()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    files = [{"url": path, "bytes": len(html), "gzip_bytes": gzipped_size(html)}]
    for url in parser.urls:
        asset = client.get(url)
        content = asset.get_data()
        files.append({"url": url, "bytes": len(content), "gzip_bytes": gzipped_size(content)})
        asset.close()
    return {
        "path": path,
        "files": files,
        "bytes": sum(item["bytes"] for item in files),
        "gzip_bytes": sum(item["gzip_bytes"] for item in files),
    }
