"""The benchmark script (`make benchmark`) still measures the pages it names."""

import importlib.util

from portal.config import ROOT


def load_benchmark():
    spec = importlib.util.spec_from_file_location("benchmark", ROOT / "scripts" / "benchmark.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_reports_time_and_size_of_the_home_page():
    benchmark = load_benchmark()

    rows = benchmark.run(["/", "/healthz"], runs=3)

    home, health = rows
    assert home["path"] == "/" and home["bytes"] > 1000
    assert 0 < home["median_ms"] <= home["p95_ms"]
    assert health["bytes"] < home["bytes"]


def test_benchmark_compares_with_the_run_before():
    benchmark = load_benchmark()
    row = {"path": "/", "median_ms": 12.0, "p95_ms": 20.0, "bytes": 9000}

    report = benchmark.report([row], {"/": {**row, "median_ms": 10.0}})

    assert "+20% (was 10.00 ms)" in report


def test_benchmark_times_the_duplicate_lookup_and_weighs_the_report_form():
    benchmark = load_benchmark()

    figures = benchmark.run_reports(open_reports=300, runs=3)

    sqlite = figures["lookups"][0]
    assert (sqlite["database"], sqlite["open_reports"]) == ("SQLite", 300)
    assert 0 < sqlite["median_ms"] <= sqlite["p95_ms"]
    weight = figures["first_visit"]
    urls = [item["url"] for item in weight["files"]]
    assert urls[0] == "/melding" and any(url.endswith(".css") for url in urls)
    assert not any("leaflet" in url for url in urls)  # the map's files load with the map
    assert 0 < weight["gzip_bytes"] < weight["bytes"]
    assert "duplicate lookup" in benchmark.report_reports(figures)


def test_benchmark_times_free_slots_and_races_for_the_last_slot():
    benchmark = load_benchmark()

    rows = benchmark.run_appointments(booked=300, runs=3, people=5)

    sqlite = rows[0]
    assert (sqlite["database"], sqlite["booked"]) == ("SQLite", 300)
    assert 0 < sqlite["median_ms"] <= sqlite["p95_ms"] and sqlite["free_slots"] > 0
    assert sqlite["race"] | {"wall_ms": 0} == {
        "people": 5,
        "booked": 1,
        "net_bezet": 4,
        "errors": [],
        "wall_ms": 0,
    }
    assert "free slots, 1 month" in benchmark.benchmark_appointments.report(rows)
