"""The appointments area's part of `make benchmark` (see benchmark.py, which calls it).

- Free slots for a month (`portal.appointments.availability.free_slots`, 31 days) for one
  appointment type at the town hall (4 desks), with 20,000 booked appointments there, spread
  over the year around today (about two thirds of every desk's time is taken). On a
  throw-away SQLite database and, when DATABASE_URL points at PostgreSQL, on a scratch
  database made for the run and dropped after it. Shown beside the bare Flask response
  (/healthz) on the same database. Target: 20 ms or less.
- The race: 20 people book the last free slot at the same moment, each in its own thread,
  session and transaction. Exactly one booking may win; the others get "net bezet".

Appointments are inserted with bulk INSERTs, not through `booking.book`: the availability
query is what is measured.
"""

from __future__ import annotations

import random
import statistics
import threading
import time
from datetime import date, datetime, timedelta

from sqlalchemy import insert, text

from portal.appointments import availability, booking
from portal.appointments.availability import UNIT, local_day, utc_now
from portal.appointments.models import Appointment, SlotClaim
from portal.extensions import db
from scripts.benchmark_reports import measure_bare_response, percentile_95

SLOTS_TARGET_MS = 20.0
TYPE, PLACE = "paspoort-id-aanvragen", "gemeentehuis"
BATCH = 5000


def _candidate_units(first: date, last: date) -> list[tuple[int, datetime]]:
    """Every (desk, unit) the town hall is open, from `first` to `last`."""
    location = availability.get_location(PLACE)
    units = []
    day = first
    while day <= last:
        for opens, closes in availability._periods(location, day):
            for unit in availability._units(opens, closes):
                units.extend((desk, unit) for desk in range(1, location.capacity + 1))
        day += timedelta(days=1)
    return units


def seed_appointments(count: int, seed: int = 12) -> None:
    """`count` booked 15-minute appointments at the town hall in the 200 days either side of
    today, on distinct desks and units."""
    rng = random.Random(seed)
    today = local_day(utc_now())
    candidates = _candidate_units(today - timedelta(days=200), today + timedelta(days=200))
    picked = rng.sample(candidates, min(count, len(candidates)))
    created = utc_now()
    for first in range(0, len(picked), BATCH):
        chunk = picked[first : first + BATCH]
        rows = [
            {
                "reference": f"B-{first + n:09d}",
                "key": f"benchmark{first + n:023d}",
                "uid": f"benchmark-{first + n}@benchmark",
                "sequence": 0,
                "type_slug": TYPE,
                "location_slug": PLACE,
                "desk": desk,
                "starts_at": unit,
                "ends_at": unit + UNIT,
                "persons": 1,
                "status": "booked",
                "name": "Benchmark",
                "created_at": created,
                "updated_at": created,
            }
            for n, (desk, unit) in enumerate(chunk)
        ]
        statement = insert(Appointment).returning(Appointment.id, sort_by_parameter_order=True)
        ids = db.session.scalars(statement, rows).all()
        claims = [
            {"appointment_id": id_, "location_slug": PLACE, "desk": desk, "unit_start": unit}
            for id_, (desk, unit) in zip(ids, chunk, strict=True)
        ]
        db.session.execute(insert(SlotClaim), claims)
    db.session.commit()
    db.session.execute(text("ANALYZE"))  # the planner's statistics, as on a live database
    db.session.commit()


def measure_month(runs: int) -> dict:
    """Free slots for the coming 31 days, each as a request asks for them: in the request's
    transaction, the rows loaded afresh."""
    timings, cpu, found = [], [], []
    for _ in range(runs + 1):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        slots = availability.free_slots(TYPE, PLACE, days=31)
        timings.append((time.perf_counter() - begin) * 1000)
        cpu.append((time.process_time() - begin_cpu) * 1000)
        found.append(len(slots))
        db.session.expunge_all()
    db.session.rollback()
    # The first compiles the queries once. Processor time is shown too: on a busy machine
    # the wall-clock figure also counts waiting for a core.
    timings, cpu, found = timings[1:], cpu[1:], found[1:]
    return {
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile_95(timings), 2),
        "cpu_median_ms": round(statistics.median(cpu), 2),
        "free_slots": found[-1],
    }


def race(app, people: int = 20) -> dict:
    """`people` threads book the same free slot at once; counts winners and "net bezet"."""
    with app.app_context():
        tomorrow = local_day(utc_now()) + timedelta(days=2)
        start = availability.free_slots(TYPE, PLACE, start_day=tomorrow, days=14)[0].starts_at
        # Fill the other free desks at that time, so it is the last free slot.
        type_, location = availability.get_type(TYPE), availability.get_location(PLACE)
        day = local_day(start)
        desks = availability.open_starts(type_, location, 1, day, day, utc_now())[start]
        for _ in desks[1:]:
            booking.book(TYPE, PLACE, start, booking.Booker(name="Balie"))
        db.session.commit()
        db.session.remove()
    barrier = threading.Barrier(people)
    won, taken, errors = [], [], []

    def book(n: int) -> None:
        with app.app_context():
            try:
                barrier.wait()
                booking.book(TYPE, PLACE, start, booking.Booker(name=f"Inwoner {n}"))
                db.session.commit()
                won.append(n)
            except booking.SlotTaken:
                db.session.rollback()
                taken.append(n)
            except Exception as error:  # counted: any other outcome is a failure
                errors.append(type(error).__name__)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=book, args=(n,)) for n in range(people)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "people": people,
        "booked": len(won),
        "net_bezet": len(taken),
        "errors": errors,
        "wall_ms": round((time.perf_counter() - begin) * 1000, 1),
    }


def appointments_benchmark(app, database: str, booked: int, runs: int, people: int) -> dict:
    """Fill the app's database with appointments, then time a month of free slots, /healthz
    and the race on it."""
    with app.app_context():
        seed_appointments(booked)
        with app.test_request_context():
            row = measure_month(runs)
        db.session.remove()
    row.update(
        database=database,
        booked=booked,
        bare_flask_median_ms=measure_bare_response(app.test_client(), runs),
    )
    with app.test_request_context():
        row["race"] = race(app, people)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return row


def report(rows: list[dict]) -> str:
    lines = [
        "",
        f"{'free slots, 1 month':<24} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>7} {'slots':>6}  "
        f"bare Flask (/healthz) median; target median <= {SLOTS_TARGET_MS:.0f} ms",
    ]
    for row in rows:
        label = f"{row['database']}, {row['booked']:,} booked"
        lines.append(
            f"{label:<24} {row['median_ms']:>10.2f} {row['p95_ms']:>8.2f} "
            f"{row['cpu_median_ms']:>7.2f} {row['free_slots']:>6}  "
            f"{row['bare_flask_median_ms']:.2f} ms"
        )
    for row in rows:
        result = row["race"]
        lines.append(
            f"race on {row['database']}: {result['people']} at once for the last slot -> "
            f"{result['booked']} booked, {result['net_bezet']} net bezet, "
            f"{len(result['errors'])} errors ({result['wall_ms']:.0f} ms); target 1 booked"
        )
    return "\n".join(lines)
