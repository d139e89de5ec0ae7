"""What the first report steps cost: the categories are read once per process, not per call,
and a change through the editor or the administration (which drop the catalogue's copy) shows
at once."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from portal.catalog import cache
from portal.extensions import db
from portal.reports import antibot, categories
from portal.reports.models import ReportCategory
from tests.reports.test_flow import describe
from tests.support.queries import queries_for

# No clear suggestion: the next step is the category step with the full list.
VAGUE = "Er is iets mis bij ons in de straat, kunt u komen kijken?"


@pytest.fixture(autouse=True)
def report_categories(app, monkeypatch):
    categories.load()
    db.session.commit()
    monkeypatch.setattr(antibot, "MIN_SECONDS", 0)


def _queries(client, url: str) -> tuple[int, str]:
    counted = queries_for(client, url)
    return len(counted), counted.body


def test_the_first_steps_read_the_draft_and_the_catalogue_number_only(client):
    describe(client, VAGUE)
    client.get("/melding/categorie")

    first, _ = _queries(client, "/melding")
    second, page = _queries(client, "/melding/categorie")

    assert first <= 2 and second <= 2
    assert "Straatverlichting" in page


def test_a_category_changed_and_dropped_shows_at_once(client):
    describe(client, VAGUE)
    assert "Lantaarnpaal kapot" not in client.get("/melding/categorie").get_data(as_text=True)
    db.session.execute(
        update(ReportCategory)
        .where(ReportCategory.slug == "lantaarnpaal-kapot")
        .values(name_nl="Lantaarnpaal kapot")
    )
    cache.drop()
    db.session.commit()

    assert "Lantaarnpaal kapot" in client.get("/melding/categorie").get_data(as_text=True)
