import pytest

from portal.appointments import demo
from portal.catalog import demo as catalog_demo
from portal.extensions import db


@pytest.fixture
def demo_types(app):
    """The demo catalogue with its appointment types, places and opening hours."""
    catalog_demo.load()
    demo.load()
    db.session.commit()
