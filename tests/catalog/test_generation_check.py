"""How often a process asks whether an editor published (CATALOG_CHECK_SECONDS): at most
once in that time, except in the process that published, which asks again at once."""

import pytest
from sqlalchemy import update

from portal.catalog import cache, models
from portal.extensions import db
from tests.catalog.test_cache import SUMMARY, change_summary, counted_queries

NEW_SUMMARY = "Een nieuwe korte uitleg."


@pytest.fixture
def clock(monkeypatch):
    """time.monotonic as the cache sees it, moved on by hand."""
    now = [1000.0]
    monkeypatch.setattr(cache.time, "monotonic", lambda: now[0])
    return now


@pytest.fixture
def checked_every_ten_seconds(catalog, clock):
    catalog.config["CATALOG_CHECK_SECONDS"] = 10
    return catalog


def published_elsewhere() -> None:
    """What another process's publication leaves in the database: new content and a new
    generation number, without this process's drop()."""
    change_summary("uittreksel-brp", NEW_SUMMARY)
    db.session.execute(
        update(models.CatalogGeneration)
        .where(models.CatalogGeneration.id == cache.GENERATION_ROW)
        .values(number=models.CatalogGeneration.number + 1)
    )
    db.session.commit()


def test_within_the_check_time_a_kept_page_costs_no_query(checked_every_ten_seconds, client):
    client.get("/producten")
    with counted_queries() as statements:
        response = client.get("/producten")
    assert SUMMARY in response.get_data(as_text=True)
    assert statements == []


def test_another_process_publication_shows_once_the_check_time_has_passed(
    checked_every_ten_seconds, client, clock
):
    assert SUMMARY in client.get("/producten").get_data(as_text=True)
    published_elsewhere()
    clock[0] += 9
    assert SUMMARY in client.get("/producten").get_data(as_text=True)
    clock[0] += 2
    page = client.get("/producten").get_data(as_text=True)
    assert NEW_SUMMARY in page and SUMMARY not in page


def test_the_publishing_process_shows_its_publication_at_once(checked_every_ten_seconds, client):
    assert SUMMARY in client.get("/producten").get_data(as_text=True)
    change_summary("uittreksel-brp", NEW_SUMMARY)
    cache.drop()
    db.session.commit()
    page = client.get("/producten").get_data(as_text=True)
    assert NEW_SUMMARY in page and SUMMARY not in page


def test_a_publication_that_rolled_back_changes_nothing(checked_every_ten_seconds, client):
    assert SUMMARY in client.get("/producten").get_data(as_text=True)
    change_summary("uittreksel-brp", "Nooit gepubliceerd.")
    cache.drop()
    db.session.rollback()
    assert SUMMARY in client.get("/producten").get_data(as_text=True)


def test_with_zero_seconds_every_request_asks(catalog, client):
    catalog.config["CATALOG_CHECK_SECONDS"] = 0
    client.get("/producten")
    for _ in range(2):
        with counted_queries() as statements:
            client.get("/producten")
        assert sum("catalog_generation" in s for s in statements) == 1
