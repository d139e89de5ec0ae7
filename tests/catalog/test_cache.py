"""The per-process copy of the published catalogue: reused while nothing is published,
reloaded as soon as anything is, and never filled with content that is not committed."""

import threading
from contextlib import contextmanager

from sqlalchemy import event, select, update

from portal.catalog import cache, models
from portal.catalog.services import get_product, list_products
from portal.extensions import db

SUMMARY = "Met een uittreksel laat u zien wie u bent"


@contextmanager
def counted_queries():
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def change_summary(slug: str, summary: str) -> None:
    """Change a text behind the editor's back (no publication)."""
    product_id = db.session.scalar(select(models.Product.id).where(models.Product.slug == slug))
    db.session.execute(
        update(models.ProductText)
        .where(models.ProductText.product_id == product_id, models.ProductText.locale == "nl")
        .values(summary=summary)
    )


def test_a_second_page_view_reads_only_the_generation(catalog, client):
    client.get("/producten")
    with counted_queries() as statements:
        response = client.get("/producten")
    assert SUMMARY in response.get_data(as_text=True)
    assert len(statements) <= 2, statements
    assert sum("catalog_generation" in s for s in statements) == 1


def test_a_product_page_from_the_copy_costs_one_query_for_the_catalogue(catalog, client):
    client.get("/producten/uittreksel-brp")
    with counted_queries() as statements:
        client.get("/producten/uittreksel-brp")
    catalogue = [s for s in statements if "catalog_" in s]
    assert len(catalogue) == 1 and "catalog_generation" in catalogue[0]


def test_the_copy_is_kept_until_a_publication_drops_it(catalog, client):
    """For a visitor /producten is also a kept page (`page_cache`), kept in the same copy."""
    assert SUMMARY in client.get("/producten").get_data(as_text=True)
    change_summary("uittreksel-brp", "Een nieuwe korte uitleg.")
    db.session.commit()
    # Not published: the copy still holds the old text.
    assert SUMMARY in client.get("/producten").get_data(as_text=True)
    cache.drop()
    db.session.commit()
    page = client.get("/producten").get_data(as_text=True)
    assert "Een nieuwe korte uitleg." in page and SUMMARY not in page


def test_content_of_a_publication_that_did_not_commit_is_never_kept(catalog):
    assert get_product("uittreksel-brp").summary.startswith(SUMMARY)
    change_summary("uittreksel-brp", "Nooit gepubliceerd.")
    cache.drop()
    # The publishing transaction itself sees its own change...
    assert get_product("uittreksel-brp").summary == "Nooit gepubliceerd."
    db.session.rollback()
    # ...and after the rollback nobody does.
    assert get_product("uittreksel-brp").summary.startswith(SUMMARY)


def test_the_copy_is_shared_while_nothing_changes(catalog):
    first = list_products(locale="nl")
    assert list_products(locale="nl")[0] is first[0]
    assert list_products(locale="en")[0] is not first[0]
    cache.drop()
    db.session.commit()
    assert list_products(locale="nl")[0] is not first[0]


def test_threads_reading_together_all_get_the_whole_catalogue(catalog):
    app = catalog
    expected = [p.slug for p in list_products(locale="nl")]
    cache.drop()
    db.session.commit()
    seen, errors = [], []

    def read():
        try:
            with app.app_context():
                seen.append([p.slug for p in list_products(locale="nl")])
                db.session.remove()
        except Exception as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert seen == [expected] * 8
