"""`flask scale-data`: a municipality's worth of rows, to measure pages at full size.

By default 1,000,000 cases, 100,000 of them street reports, 50,000 residents (with
addresses) and 20,000 appointments; `--scale small` makes a hundredth of that, and
`--cases`, `--reports`, `--residents` and `--appointments` set each count. Run it after
`flask setup` (the demo data gives the products, report categories and locations it uses).

Rows go straight into the tables, not through the services (portal.devtools.bulk_insert:
COPY on PostgreSQL, executemany in batches on SQLite). The rows are what the pages need:
every case belongs to a resident by BSN, as the cases of a signed-in resident are found;
resident 0 is the test persona Fatima el Amrani (BSN 999990007), so her Mijn zaken and
Berichtenbox grow with the data like everyone else's (20 cases each at full size). Case and
appointment numbers follow the per-year counters, which are moved on past them, so new cases
never collide.
"""

from __future__ import annotations

import random
import secrets
from array import array
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import click
from flask import Flask
from sqlalchemy import select, text

from portal.appointments import availability
from portal.appointments.models import (
    Appointment,
    AppointmentNumberCounter,
    AppointmentType,
    SlotClaim,
)
from portal.cases.models import Case, CaseNumberCounter, Message, StatusChange
from portal.catalog.models import Product, ProductText
from portal.devtools import bulk_insert as bulk
from portal.extensions import db
from portal.registries.models import DemoAddress, DemoPerson
from portal.reports.categories import subcategories
from portal.reports.locations.base import DEMO_BOUNDS
from portal.reports.models import Report, ReportStatus

SCALES = {
    "full": {"cases": 1_000_000, "reports": 100_000, "residents": 50_000, "appointments": 20_000},
    "small": {"cases": 10_000, "reports": 1_000, "residents": 500, "appointments": 200},
}
PERSONA_BSN = "999990007"  # Fatima el Amrani, who signs in for the benchmark
REPORT_PRODUCT = "melding-openbare-ruimte"
PLACE = "gemeentehuis"
OPEN_CASE_STATUSES = ["ontvangen", "in_behandeling", "wacht_op_u", "besluit"]
STREETS = ["Dorpsstraat", "Kerkstraat", "Molenweg", "Stationsplein", "Beukenlaan", "Raadhuisplein"]
GIVEN = ["Anna", "Bram", "Chantal", "Daan", "Emma", "Fenna", "Gijs", "Hatice", "Ivo", "Jan"]
SURNAMES = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Yilmaz", "Mulder"]


def generate(cases: int, reports: int, residents: int, appointments: int, seed: int = 13) -> dict:
    """Insert the rows and return how many of each were made."""
    rng = random.Random(seed)
    now = availability.utc_now()
    bsns = _residents(residents, rng)
    made = {"residents": len(bsns)}
    made.update(_cases(cases, min(reports, cases), bsns, rng, now))
    made["appointments"] = _appointments(appointments, bsns, rng, now)
    db.session.commit()
    if bulk.is_postgres():
        db.session.execute(text("ANALYZE"))  # the planner's statistics, as on a live database
        db.session.commit()
    return made


def _elfproef(number: int) -> bool:
    digits = f"{number:09d}"
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _residents(count: int, rng: random.Random) -> list[str]:
    """Fictional residents with valid BSNs (the 11-test), two to an address; the persona
    first."""
    known = set(db.session.scalars(select(DemoPerson.bsn)))
    bsns, number = [PERSONA_BSN], 600_000_000
    while len(bsns) < count:
        number += 1
        if _elfproef(number) and f"{number:09d}" not in known:
            bsns.append(f"{number:09d}")
    new = [bsn for bsn in bsns if bsn not in known]
    addresses = ((f"0999{i:012d}", i) for i in range(0, len(new), 2))
    min_lat, max_lat, min_lon, max_lon = DEMO_BOUNDS
    bulk.write(
        DemoAddress.__table__,
        (
            {
                "object_id": object_id,
                "street": STREETS[i % len(STREETS)],
                "house_number": 1 + i // 2 % 400,
                "postcode": f"{7400 + i % 90}{'ABCDEFGH'[i % 8]}{'KLMNPRST'[i // 8 % 8]}",
                "city": "Voorbeeld",
                "latitude": rng.uniform(min_lat, max_lat),
                "longitude": rng.uniform(min_lon, max_lon),
            }
            for object_id, i in addresses
        ),
    )
    bulk.write(
        DemoPerson.__table__,
        (
            {
                "bsn": bsn,
                "given_names": GIVEN[i % len(GIVEN)],
                "surname": SURNAMES[i // len(GIVEN) % len(SURNAMES)],
                "birth_date": date(1940 + i % 65, 1 + i % 12, 1 + i % 28),
                "address_id": f"0999{i - i % 2:012d}",
            }
            for i, bsn in enumerate(new)
        ),
    )
    return bsns


class _Numbers:
    """Numbers like Z-2026-000123 from the per-year counter table, moved on at the end."""

    def __init__(self, prefix: str, counter) -> None:
        self.prefix, self.counter = prefix, counter
        self.last = dict(db.session.execute(select(counter.year, counter.last)).all())
        self.used: set[int] = set()

    def next(self, year: int) -> str:
        self.last[year] = self.last.get(year, 0) + 1
        self.used.add(year)
        return f"{self.prefix}-{year}-{self.last[year]:06d}"

    def save(self) -> None:
        for year in self.used:
            row = db.session.get(self.counter, year)
            if row is None:
                db.session.add(self.counter(year=year, last=self.last[year]))
            else:
                row.last = self.last[year]
        db.session.flush()


def _products() -> list[dict]:
    rows = db.session.execute(
        select(Product.slug, Product.team, Product.norm_working_days, ProductText.name)
        .join(ProductText, ProductText.product_id == Product.id)
        .where(ProductText.locale == "nl", Product.slug != REPORT_PRODUCT)
        .order_by(Product.slug)
    ).all()
    if not rows:
        raise click.ClickException("Geen producten: draai eerst `flask setup`.")
    return [dict(row._mapping) for row in rows]


def _cases(count: int, reports: int, bsns: list[str], rng: random.Random, now: datetime) -> dict:
    """Cases over the last three years; the first `reports` are street reports. Each case
    has its status history (received, then where it is now); every tenth case and each of
    the persona's has a message from the municipality."""
    products, kinds = _products(), subcategories("nl")
    numbers = _Numbers("Z", CaseNumberCounter)
    first_case = bulk.next_id(Case)
    first_report = bulk.next_id(Report)
    # Age and time to close in days (-1: open), kept compact: a million datetimes would not be.
    ages, closes = array("d"), array("d")
    for _ in range(count):
        age, close = rng.uniform(0, 3 * 365), rng.uniform(2, 40)
        ages.append(age)
        closes.append(-1.0 if close >= age or rng.random() < 0.1 else close)

    def plan(limit: int = count) -> Iterator[tuple[int, datetime, datetime | None]]:
        for i in range(limit):
            created = now - timedelta(days=ages[i])
            closed = created + timedelta(days=closes[i]) if closes[i] >= 0 else None
            yield first_case + i, created, closed

    def case_rows() -> Iterator[dict]:
        for i, (case_id, created, closed) in enumerate(plan()):
            if i < reports:
                kind = kinds[i % len(kinds)]
                slug, name, team = REPORT_PRODUCT, kind.name, kind.team
                norm = kind.norm_working_days
            else:
                product = products[i % len(products)]
                slug, name, team = product["slug"], product["name"], product["team"]
                norm = product["norm_working_days"]
            status = "afgerond" if closed else OPEN_CASE_STATUSES[i % 4]
            yield {
                "id": case_id,
                "number": numbers.next(created.year),
                "idempotency_key": f"scale-{case_id}",
                "product_slug": slug,
                "product_name": name,
                "team": team,
                "party_kind": "person",
                "party_identifier": bsns[i % len(bsns)],
                "actor_kind": "self",
                "actor_label": "Uzelf",
                "status": status,
                "answers": {},
                "handler_name": None if status == "ontvangen" else "Medewerker Voorbeeld",
                "norm_working_days": norm,
                "expected_completion": (created + timedelta(days=(norm or 40) * 7 // 5)).date(),
                "result": ("afgehandeld" if i < reports else "toegekend") if closed else None,
                "created_at": created,
                "updated_at": closed or created,
                "closed_at": closed,
            }

    bulk.write(Case.__table__, case_rows())
    numbers.save()

    def history() -> Iterator[dict]:
        for i, (case_id, created, closed) in enumerate(plan()):
            yield {
                "case_id": case_id,
                "status": "ontvangen",
                "actor_label": "Uzelf",
                "created_at": created,
            }
            status = "afgerond" if closed else OPEN_CASE_STATUSES[i % 4]
            if status != "ontvangen":
                yield {
                    "case_id": case_id,
                    "status": status,
                    "actor_label": "Medewerker Voorbeeld",
                    "created_at": closed or created + timedelta(hours=30),
                }

    def messages() -> Iterator[dict]:
        for i, (case_id, created, _closed) in enumerate(plan()):
            if i % 10 == 0 or i % len(bsns) == 0:
                sent = created + timedelta(hours=20)
                yield {
                    "case_id": case_id,
                    "direction": "out",
                    "body": "Wij hebben uw aanvraag bekeken. U hoort binnen 2 weken meer.",
                    "sender_label": "Gemeente Voorbeeld",
                    "created_at": sent,
                    "read_at": sent + timedelta(days=1) if i % 3 else None,
                }

    def report_rows() -> Iterator[dict]:
        min_lat, max_lat, min_lon, max_lon = DEMO_BOUNDS
        for i, (case_id, created, closed) in enumerate(plan(reports)):
            kind = kinds[i % len(kinds)]
            yield {
                "id": first_report + i,
                "case_id": case_id,
                "main_category": kind.main_slug,
                "category_slug": kind.slug,
                "description": f"{kind.name} bij de {STREETS[i % len(STREETS)]}.",
                "latitude": rng.uniform(min_lat, max_lat),
                "longitude": rng.uniform(min_lon, max_lon),
                "street": STREETS[i % len(STREETS)],
                "location_source": "map",
                "status": "afgehandeld" if closed else ("gemeld", "in_behandeling")[i % 2],
                "is_open": closed is None,
                "result_text": "Opgelost." if closed else None,
                "created_at": created,
                "updated_at": closed or created,
                "closed_at": closed,
            }

    def report_history() -> Iterator[dict]:
        for i, (_case_id, created, closed) in enumerate(plan(reports)):
            yield {"report_id": first_report + i, "status": "gemeld", "created_at": created}
            if closed:
                yield {"report_id": first_report + i, "status": "afgehandeld", "created_at": closed}

    bulk.write(StatusChange.__table__, history())
    bulk.write(Message.__table__, messages())
    bulk.write(Report.__table__, report_rows())
    bulk.write(ReportStatus.__table__, report_history())
    bulk.move_sequences(Case, Report)
    return {"cases": count, "reports": reports}


def _appointments(count: int, bsns: list[str], rng: random.Random, now: datetime) -> int:
    """15-minute appointments at the town hall, 200 days either side of today, each on its
    own desk and unit (with its slot claim), for residents in turn."""
    location = availability.get_location(PLACE)
    if count <= 0 or location is None:
        return 0
    today = availability.local_day(now)
    types = [
        row.slug
        for row in db.session.scalars(select(AppointmentType).order_by(AppointmentType.slug))
        if PLACE in row.location_slugs and row.duration_minutes == 15
    ] or ["paspoort-id-aanvragen"]
    units = []
    for offset in range(-200, 201):
        day = today + timedelta(days=offset)
        for opens, closes in availability._periods(location, day):
            for unit in availability._units(opens, closes):
                units.extend((desk, unit) for desk in range(1, location.capacity + 1))
    taken = {
        (desk, unit)
        for desk, unit in db.session.execute(
            select(SlotClaim.desk, SlotClaim.unit_start).where(SlotClaim.location_slug == PLACE)
        )
    }
    free = [unit for unit in units if unit not in taken]
    picked = rng.sample(free, min(count, len(free)))
    numbers = _Numbers("A", AppointmentNumberCounter)
    first = bulk.next_id(Appointment)
    rows = []
    for n, (desk, unit) in enumerate(picked):
        bsn = bsns[n % len(bsns)]
        cancelled = n % 15 == 0
        rows.append(
            {
                "id": first + n,
                "reference": numbers.next(unit.year),
                "key": secrets.token_hex(16),
                "uid": f"scale-{first + n}@gemeente-voorbeeld.test",
                "type_slug": types[n % len(types)],
                "location_slug": PLACE,
                "desk": desk,
                "starts_at": unit,
                "ends_at": unit + availability.UNIT,
                "status": "cancelled" if cancelled else "booked",
                "party_kind": "person",
                "party_identifier": bsn,
                "name": f"{GIVEN[n % len(GIVEN)]} {SURNAMES[n % len(SURNAMES)]}",
                "email": f"inwoner{n}@example.org",
                "language": "nl",
                "created_at": unit - timedelta(days=10),
                "updated_at": unit - timedelta(days=10),
                "cancelled_at": unit - timedelta(days=2) if cancelled else None,
            }
        )
    bulk.write(Appointment.__table__, rows)
    bulk.write(
        SlotClaim.__table__,
        (
            {
                "appointment_id": row["id"],
                "location_slug": PLACE,
                "desk": row["desk"],
                "unit_start": row["starts_at"],
            }
            for row in rows
            if row["status"] == "booked"
        ),
    )
    numbers.save()
    bulk.move_sequences(Appointment)
    return len(rows)


def init_app(app: Flask) -> None:
    @app.cli.command("scale-data")
    @click.option("--scale", type=click.Choice(sorted(SCALES)), default="full", show_default=True)
    @click.option("--cases", type=int, help="Cases in all (street reports included).")
    @click.option("--reports", type=int, help="Street reports (each with its case).")
    @click.option("--residents", type=int, help="Residents, two to an address.")
    @click.option("--appointments", type=int, help="Appointments at the town hall.")
    def scale_data(scale: str, **counts) -> None:
        """Add a municipality's worth of cases, reports, residents and appointments."""
        sizes = {**SCALES[scale], **{k: v for k, v in counts.items() if v is not None}}
        if sizes["residents"] < 1:
            raise click.BadParameter("ten minste 1", param_hint="--residents")
        made = generate(**sizes)
        click.echo(", ".join(f"{value:,} {name}" for name, value in made.items()))
