"""The demo catalogue in the test database, and a way to stand in for the request forms."""

import pytest
from sqlalchemy import update

from portal.catalog import cache, demo, models
from portal.extensions import db


@pytest.fixture
def catalog(app):
    demo.load()
    db.session.commit()
    return app


@pytest.fixture
def unpublish(catalog):
    """Withdraw a product, as an editor would (publishing drops the cached catalogue)."""

    def withdraw(slug: str) -> None:
        db.session.execute(
            update(models.Product).where(models.Product.slug == slug).values(published=False)
        )
        cache.drop()
        db.session.commit()

    return withdraw


@pytest.fixture
def request_forms(catalog):
    """A `requests.start` route like the one the forms engine provides, when it is missing."""
    if "requests.start" not in catalog.view_functions:
        catalog.add_url_rule(
            "/aanvragen/<slug>", endpoint="requests.start", view_func=lambda slug: slug
        )
    return catalog
