"""Every list page sends the same number of SQL statements with 10 rows as with 300, and
stays under a ceiling: the catalogue pages, Mijn zaken, the Berichtenbox, the back-office
queue, the reports queue and public overview, the appointments agenda and the dashboard.

Rows are written straight into the tables (no services), so 300 of them cost little. Each
page is asked for once before counting, so per-process caches (the catalogue) are warm, as
they are in production after the first visitor.
"""

from functools import partial

import pytest

from portal.catalog import cache
from portal.catalog import demo as catalog_demo
from portal.extensions import db
from tests.appointments.factories import coming_day, make_location, make_type
from tests.support.queries import queries_for
from tests.support.rows import add_appointments, add_cases, add_dashboard_work, add_reports

SMALL, LARGE = 10, 300


def counts_at_both_sizes(client, url: str, fill) -> tuple[int, int, str]:
    """Statements for `url` with SMALL rows and with LARGE rows, and the larger run's list."""
    fill(SMALL)
    client.get(url)
    small = queries_for(client, url)
    fill(LARGE - SMALL)
    large = queries_for(client, url)
    return len(small), len(large), large.report()


@pytest.fixture
def catalog(app):
    catalog_demo.load()
    db.session.commit()


@pytest.fixture
def town_hall(app):
    make_location(capacity=2)
    make_type()
    db.session.commit()
    return coming_day(3)


AGENDA = "/medewerkers/afspraken{week}?locatie=gemeentehuis&datum={day}"

PAGES = {
    # name: (persona or None, url, fill, ceiling); the ceilings leave two statements of room
    # over what each page sends now (December 2026).
    # Mijn zaken and the Berichtenbox: two fewer since a request writes the session at most
    # once a minute and the stored language is read once per sign-in; each now reads its
    # list, counts and the header's unread count in one query.
    "mijn-zaken": ("inwoner", "/mijn-zaken", add_cases, 4),
    "berichtenbox": ("inwoner", "/berichten", add_cases, 4),
    # The queue: its counts ride with the page's cases (no query per case or per count); the
    # dashboard: each figure counted by the database, settings in one query, team and
    # category names kept with the catalogue.
    "backoffice-queue": ("behandelaar", "/medewerkers/zaken", add_cases, 5),
    "reports-queue": ("behandelaar-openbare-ruimte", "/medewerkers/meldingen", add_reports, 11),
    "reports-map": ("behandelaar-openbare-ruimte", "/medewerkers/meldingen/kaart", add_reports, 10),
    "reports-public": (None, "/meldingen-in-de-buurt", add_reports, 10),
    "reports-public-map": (None, "/meldingen-in-de-buurt?weergave=kaart", add_reports, 14),
    "agenda-day": ("behandelaar", AGENDA.format(week="", day="{day}"), add_appointments, 11),
    "agenda-week": ("behandelaar", AGENDA.format(week="/week", day="{day}"), add_appointments, 11),
    "dashboard": ("teamleider", "/medewerkers/dashboard/", add_dashboard_work, 13),
}


@pytest.mark.parametrize("name", PAGES)
def test_a_list_costs_the_same_queries_with_10_or_300_rows(
    name, client, sign_in, catalog, town_hall
):
    persona, url, fill, ceiling = PAGES[name]
    # A request renews the session at most once a minute (`auth.sessions.TOUCH_SECONDS`);
    # on a slow machine that minute may end between the two counts.
    client.application.config["SESSION_TOUCH_SECONDS"] = 24 * 3600
    if persona:
        sign_in(persona)
    if "{day}" in url:
        url = url.format(day=town_hall.isoformat())
        fill = partial(fill, day=town_hall)
    small, large, report = counts_at_both_sizes(client, url, fill)
    assert small == large, report
    assert large <= ceiling, report


CATALOGUE_PAGES = [
    "/",
    "/producten",
    "/producten/uittreksel-brp",
    "/levensgebeurtenissen",
    "/levensgebeurtenissen/ik-ga-verhuizen",
    "/zoeken?q=verhuizen",
]


@pytest.mark.parametrize("url", CATALOGUE_PAGES)
def test_a_catalogue_page_reads_only_the_generation_number_until_a_publication(
    url, client, catalog
):
    client.get(url)
    warm = queries_for(client, url)
    assert len(warm) == 1 and "catalog_generation" in warm.statements[0], warm.report()

    cache.drop()  # what publishing does
    db.session.commit()
    reloaded = queries_for(client, url)
    assert any("catalog_product" in statement for statement in reloaded.statements)
    assert len(queries_for(client, url)) == 1


@pytest.mark.parametrize("url", ["/", "/mijn-zaken", "/berichten"])
def test_a_signed_in_page_looks_each_thing_up_once(url, client, sign_in, catalog):
    sign_in("inwoner")
    add_cases(3)
    client.get(url)
    counted = queries_for(client, url)
    sent = list(zip(counted.statements, map(repr, counted.parameters), strict=True))
    assert len(set(sent)) == len(sent), counted.report()
    unread = [s for s in counted.statements if "read_at IS NULL" in s]
    assert len(unread) <= 1, counted.report()
