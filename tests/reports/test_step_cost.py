"""What the first report steps cost: the categories are read once per process, not per call,
and a change through the editor or the administration (which drop the catalogue's copy) shows
at once."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape
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


def _value(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def test_the_kept_first_step_has_this_visitors_own_values(client):
    page = client.get("/melding").get_data(as_text=True)
    shown = antibot.started_at(_value(page, "begonnen"))

    assert "__hole_" not in page
    assert shown is not None and abs(antibot.clock() - shown) < 60
    token = _value(page, "csrf_token")
    sent = {"csrf_token": token, "begonnen": _value(page, "begonnen"), "beschrijving": VAGUE}
    answer = client.post("/melding", data=sent)
    assert answer.status_code == 303  # the token in the kept form is this session's


def test_a_description_that_looks_like_a_hole_stays_as_typed(client):
    typed = 'De lamp <brandt> niet __hole_csrf__ & "__hole_started__"'
    describe(client, typed)

    page = client.get("/melding").get_data(as_text=True)

    assert f">{escape(typed)}</textarea>" in page
    assert page.count("__hole_") == 2  # only the two in the text typed


def test_a_choice_from_the_full_list_stays_chosen(client):
    describe(client, VAGUE)
    answer = client.post_form("/melding/categorie", {"categorie": "anders", "ander_onderwerp": ""})
    assert answer.status_code == 422
    assert 'value="graffiti" selected' not in answer.get_data(as_text=True)

    client.post_form("/melding/categorie", {"categorie": "anders", "ander_onderwerp": "graffiti"})
    page = client.get("/melding/categorie").get_data(as_text=True)
    assert page.count(" selected>") == 1 and 'value="graffiti" selected>' in page
