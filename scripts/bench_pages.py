"""Every main page of `make benchmark`: server time beside a bare Flask response of the same
byte size, queries per request, and page weight (first and repeat visit).

Each page is asked for the way a person reaches it, signed in where it needs that (through
the local OIDC test provider, as in the tests): the resident is the persona "inwoner" (Fatima
el Amrani), the case queue is a handler's
(team Burgerzaken), the dashboard the team leader's. The bare response is a route added to
the same app that returns that many bytes without a template or a query; the two are timed
in turn, so a busy machine slows both alike. Target: every page at most 3x the bare one.

Queries are counted per request with an SQLAlchemy event; run at demo size and at full scale
(`flask scale-data`), they must be the same: a page whose count grows with the data has a
query per row.

Page weight: the HTML and every file it loads (stylesheets, scripts, images, icons, and the
fonts and images the stylesheets name), raw and gzipped (level 6), each counted as a request.
A repeat visit downloads the HTML again and asks again only for files that may not be kept
(no "immutable" or max-age in Cache-Control). Targets for a form step: first visit at most
30 KB gzip, repeat visit at most 8 KB.
"""

from __future__ import annotations

import logging
import re
import statistics
import time
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import requests
from flask import Response
from flask_migrate import upgrade
from sqlalchemy import event, select

from portal import create_app
from portal.cases.models import Case
from portal.cli import load_demo_data
from portal.devtools import scale_data
from portal.devtools.services import start_oidc_provider
from portal.extensions import db
from portal.reports import antibot
from portal.testprovider import persona as find_persona
from scripts.benchmark_reports import gzipped_size, percentile_95
from scripts.html_forms import hidden_fields

RATIO_TARGET = 3.0
FIRST_VISIT_TARGET = 30 * 1024
REPEAT_VISIT_TARGET = 8 * 1024
RESIDENT, HANDLER, LEAD = "inwoner", "behandelaar", "teamleider"
PERSONA_BSN = "999990007"
PRODUCT = "uittreksel-brp"
SLOTS = "/afspraak/paspoort-id-aanvragen/tijd?personen=1&locatie=gemeentehuis"
BARE = "/__benchmark/bare/<int:size>"
START = {"digid": "/inloggen/digid", "medewerkers": "/medewerkers/inloggen/start"}
CSS_URL = re.compile(rb"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def add_bare_route(app) -> None:
    """Must run before the app's first request (Flask refuses new routes after it)."""

    def bare(size: int) -> Response:
        return Response(b"x" * size, mimetype="text/html")

    app.add_url_rule(BARE, "benchmark_bare", bare)


def sign_in(client, persona_id: str) -> None:
    """Through the provider over HTTP, as a browser: the portal sends us there, the person
    picks the persona, the provider sends us back with a code."""
    realm = find_persona(persona_id).realm
    authorize = client.get(START[realm]).headers["Location"]
    with requests.Session() as browser:
        browser.get(authorize, timeout=10)
        answer = browser.post(
            authorize,
            data={"persoon": persona_id, "actie": "inloggen"},
            allow_redirects=False,
            timeout=10,
        )
    back = urlsplit(answer.headers["Location"])
    done = client.get(f"{back.path}?{back.query}")
    if done.status_code not in (302, 303):
        raise SystemExit(f"signing in as {persona_id} failed: {done.status_code}")


def _post(client, path: str, data: dict) -> str:
    page = client.get(path).get_data(as_text=True)
    answer = client.post(path, data={**hidden_fields(page), **data})
    if answer.status_code not in (302, 303):
        raise SystemExit(f"POST {path} answered {answer.status_code}")
    return answer.location


def request_pages(client) -> tuple[str, str]:
    """The first step of the register extract (uittreksel-brp) and its check page."""
    step = client.get(f"/aanvragen/{PRODUCT}/beginnen").location
    location = _post(client, step, {})
    location = _post(client, location, {"soort": "huidig", "doel": "nederland"})
    check = _post(client, location, {"email": "fatima@voorbeeld.example", "telefoon": ""})
    return step, check


def report_pages(client) -> list[tuple[str, str]]:
    """The report's first step, and the place step after a description."""
    antibot.MIN_SECONDS = 0  # the benchmark posts at once; a person takes longer
    place = _post(
        client,
        "/melding",
        {"beschrijving": "De lantaarnpaal voor ons huis brandt al dagen niet.", "website": ""},
    )
    return [("report: describe", "/melding"), ("report: next step", place)]


def newest_case_number() -> str:
    return db.session.scalar(
        select(Case.number)
        .where(Case.party_identifier == PERSONA_BSN)
        .order_by(Case.created_at.desc())
        .limit(1)
    )


def pages(app) -> list[tuple[str, object, str]]:
    """(label, client, path) for every main page, with the clients signed in."""
    visitor, resident = app.test_client(), app.test_client()
    handler, lead = app.test_client(), app.test_client()
    sign_in(resident, RESIDENT)
    sign_in(handler, HANDLER)
    sign_in(lead, LEAD)
    step, check = request_pages(resident)
    with app.app_context():
        number = newest_case_number()
    rows = [
        ("home", visitor, "/"),
        ("product page", visitor, f"/producten/{PRODUCT}"),
        ("form step", resident, step),
        ("check answers", resident, check),
        ("Mijn zaken", resident, "/mijn-zaken"),
        ("case page", resident, f"/mijn-zaken/{number}"),
        ("Berichtenbox", resident, "/berichten"),
    ]
    rows += [(label, visitor, path) for label, path in report_pages(visitor)]
    rows += [
        ("appointment slots", visitor, SLOTS),
        ("back-office queue", handler, "/medewerkers/zaken"),
        ("dashboard", lead, "/medewerkers/dashboard/"),
    ]
    return rows


class QueryCounter:
    def __init__(self, app) -> None:
        self.count = 0
        with app.app_context():
            event.listen(db.engine, "before_cursor_execute", self._seen)

    def _seen(self, *args) -> None:
        self.count += 1


def _timed(client, path: str) -> tuple[float, object]:
    begin = time.perf_counter()
    response = client.get(path)
    return (time.perf_counter() - begin) * 1000, response


def measure_page(client, path: str, counter: QueryCounter, runs: int) -> dict:
    _, response = _timed(client, path)  # warm up: templates compile once
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    size = len(response.get_data())
    bare_path = BARE.replace("<int:size>", str(size))
    client.get(bare_path)
    page_ms, bare_ms = [], []
    before = counter.count
    for _ in range(runs):
        page_ms.append(_timed(client, path)[0])
        queries = counter.count - before
        bare_ms.append(_timed(client, bare_path)[0])
        before = counter.count
    median, bare = statistics.median(page_ms), statistics.median(bare_ms)
    return {
        "path": path,
        "bytes": size,
        "median_ms": round(median, 2),
        "p95_ms": round(percentile_95(page_ms), 2),
        "bare_median_ms": round(bare, 2),
        "ratio": round(median / bare, 1) if bare else None,
        "queries": queries,
    }


class _Files(HTMLParser):
    """The files a page loads from its HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        rel = (values.get("rel") or "").split()
        if tag == "link" and values.get("href") and {"stylesheet", "icon", "preload"} & set(rel):
            self.urls.append(values["href"])
        elif tag in ("script", "img") and values.get("src"):
            self.urls.append(values["src"])


def _keepable(response) -> bool:
    cache = response.headers.get("Cache-Control", "")
    return "immutable" in cache or ("max-age=" in cache and "max-age=0" not in cache)


def weigh(client, path: str) -> dict:
    """First and repeat visit of `path`: requests, raw bytes and gzip bytes."""
    html = client.get(path).get_data()
    parser = _Files()
    parser.feed(html.decode("utf-8"))
    first = {"requests": 1, "bytes": len(html), "gzip_bytes": gzipped_size(html)}
    repeat = dict(first)
    queue, seen = [urljoin(path, url) for url in parser.urls], set()
    while queue:
        url = queue.pop(0)
        if url in seen or not url.startswith("/"):
            continue
        seen.add(url)
        response = client.get(url)
        content = response.get_data()
        response.close()
        if response.status_code != 200:
            continue
        first["requests"] += 1
        first["bytes"] += len(content)
        first["gzip_bytes"] += gzipped_size(content)
        if not _keepable(response):
            # Asked again; without a validator the whole file comes again.
            repeat["requests"] += 1
            revalidates = "ETag" in response.headers or "Last-Modified" in response.headers
            repeat["bytes"] += 0 if revalidates else len(content)
            repeat["gzip_bytes"] += 0 if revalidates else gzipped_size(content)
        if url.split("?")[0].endswith(".css"):
            queue += [urljoin(url, found.decode()) for found in CSS_URL.findall(content)]
    return {"first": first, "repeat": repeat}


def run(app, runs: int) -> list[dict]:
    """Time, queries and weight of every page on `app` (a prepared app, no request yet)."""
    add_bare_route(app)
    counter = QueryCounter(app)
    rows = []
    logging.disable(logging.INFO)  # a line per request is not the report
    try:
        for label, client, path in pages(app):
            row = measure_page(client, path, counter, runs)
            row.update(label=label, weight=weigh(client, path))
            rows.append(row)
    finally:
        logging.disable(logging.NOTSET)
    return rows


def report(title: str, rows: list[dict]) -> str:
    lines = [
        "",
        title,
        f"{'page':<20} {'ms':>7} {'p95':>7} {'bare':>6} {'x':>5} {'queries':>7} {'bytes':>7}  "
        f"{'first visit (req, KB, KB gzip)':<31} repeat visit",
    ]
    for row in rows:
        first, repeat = row["weight"]["first"], row["weight"]["repeat"]
        miss = " (over 3x)" if row["ratio"] and row["ratio"] > RATIO_TARGET else ""
        lines.append(
            f"{row['label']:<20} {row['median_ms']:>7.2f} {row['p95_ms']:>7.2f} "
            f"{row['bare_median_ms']:>6.2f} {row['ratio']:>5.1f} {row['queries']:>7} "
            f"{row['bytes']:>7}  {_visit(first):<31} {_visit(repeat)}{miss}"
        )
    return "\n".join(lines)


def _visit(visit: dict) -> str:
    return (
        f"{visit['requests']:>2} req {visit['bytes'] / 1024:>6.1f} KB "
        f"{visit['gzip_bytes'] / 1024:>5.1f} KB gz"
    )


def compare_queries(small: list[dict], large: list[dict]) -> list[str]:
    """The pages whose query count differs between two sizes of data."""
    before = {row["label"]: row["queries"] for row in small}
    return [
        f"{row['label']}: {before[row['label']]} -> {row['queries']} queries"
        for row in large
        if row["label"] in before and before[row["label"]] != row["queries"]
    ]


def prepared_app(database_url: str, provider_url: str, scale: str | None = None):
    """An app on a migrated database with the demo data and, with `scale`, the generated
    rows of `flask scale-data --scale <scale>` (added once: a second app on the same
    database finds them there)."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "benchmark-" * 4,
            "OIDC_PROVIDER_URL": provider_url,
        }
    )
    logging.disable(logging.INFO)  # the migration's progress lines are not the report
    try:
        with app.app_context():
            upgrade(revision="heads")
            load_demo_data()
            if scale and db.session.scalar(select(db.func.count(Case.id))) < 1000:
                scale_data.generate(**scale_data.SCALES[scale])
    finally:
        logging.disable(logging.NOTSET)
    return app


def run_sizes(database_url: str, runs: int, scale: str | None) -> dict:
    """The pages at demo size and, with `scale`, again after generating that much data."""
    provider = start_oidc_provider("http://localhost")
    try:
        figures = {"demo": run(prepared_app(database_url, provider.url), runs)}
        if scale:
            begin = time.perf_counter()
            app = prepared_app(database_url, provider.url, scale)
            figures["generate_s"] = round(time.perf_counter() - begin, 1)
            figures["scaled"] = run(app, runs)
            figures["scale"] = scale
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
    finally:
        provider.stop()
    return figures


def report_sizes(database: str, figures: dict) -> str:
    text = report(f"main pages, {database}, demo data", figures["demo"])
    if "scaled" in figures:
        counts = scale_data.SCALES[figures["scale"]]
        size = ", ".join(f"{value:,} {name}" for name, value in counts.items())
        text += "\n" + report(
            f"main pages, {database}, {size} (generated in {figures['generate_s']} s)",
            figures["scaled"],
        )
        grown = compare_queries(figures["demo"], figures["scaled"])
        text += "\nqueries per page, demo vs scaled: " + ("; ".join(grown) or "all the same")
    return text
