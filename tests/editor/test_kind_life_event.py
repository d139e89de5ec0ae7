"""The life-event content kind: live life events as version data and back unchanged, the
products in the order the editor gives, withdrawing, and the preview."""

import copy

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.catalog import demo, models
from portal.editor.kinds.life_event import KIND
from portal.extensions import db

FIXTURE = demo.read_fixture()
SLUGS = [entry["slug"] for entry in FIXTURE["life_events"]]


@pytest.fixture
def kind(app):
    demo.load()
    db.session.commit()
    with app.test_request_context("/medewerkers/redactie"):
        yield KIND


def card_links(response) -> list[str]:
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return [a.get_text(strip=True) for a in soup.select("main ol.card-list a")]


def dutch_name(slug: str) -> str:
    entry = next(e for e in FIXTURE["products"] if e["slug"] == slug)
    return entry["texts"]["nl"]["name"]


@pytest.mark.parametrize("slug", SLUGS)
def test_live_content_applied_again_stays_the_same(kind, slug):
    before = kind.load_live(slug)
    assert kind.validate(slug, before) == {}
    kind.apply(slug, copy.deepcopy(before))
    db.session.commit()
    db.session.expire_all()
    assert kind.load_live(slug) == before


def test_a_live_life_event_lists_its_products_in_order(kind):
    data = kind.load_live("ik-ga-verhuizen")
    assert data["facts"]["products"] == FIXTURE["life_events"][0]["products"]
    assert data["texts"]["en"]["title"] == FIXTURE["life_events"][0]["texts"]["en"]["title"]
    assert [e.key for e in kind.list_live()] == SLUGS


def test_unknown_and_repeated_products_get_a_message(kind):
    data = kind.load_live("ik-ga-verhuizen")
    data["facts"]["products"] = ["verhuizing-doorgeven", "ik-besta-niet"]
    assert "ik-besta-niet" in kind.validate("ik-ga-verhuizen", data)["fact-products"]
    data["facts"]["products"] = ["verhuizing-doorgeven", "verhuizing-doorgeven"]
    assert "twee keer" in kind.validate("ik-ga-verhuizen", data)["fact-products"]
    data["texts"]["nl"]["title"] = ""
    assert "nl-title" in kind.validate("ik-ga-verhuizen", data)
    with pytest.raises(ValueError):
        kind.apply("ik-ga-verhuizen", data)


def test_apply_sets_the_order_and_the_page_changes_at_once(kind, client):
    order = ["uittreksel-brp", "verhuizing-doorgeven"]
    assert card_links(client.get("/levensgebeurtenissen/ik-ga-verhuizen"))[0] != dutch_name(
        "uittreksel-brp"
    )
    data = kind.load_live("ik-ga-verhuizen")
    data["facts"]["products"] = order
    data["texts"]["nl"]["intro"] = "Gaat u **verhuizen**? Regel dit eerst."
    kind.apply("ik-ga-verhuizen", data)
    db.session.commit()
    response = client.get("/levensgebeurtenissen/ik-ga-verhuizen")
    assert card_links(response) == [dutch_name(slug) for slug in order]
    assert "<strong>verhuizen</strong>" in response.get_data(as_text=True)
    cards = client.get("/levensgebeurtenissen").get_data(as_text=True)
    assert "Gaat u verhuizen? Regel dit eerst." in cards and "**" not in cards


def test_a_new_life_event_without_english_shows_dutch(kind, client):
    data = KIND.empty()
    data["texts"]["nl"] = {"title": "Ik ga trouwen", "intro": "Gefeliciteerd!"}
    data["facts"] = {"products": ["uittreksel-brp"], "position": 9}
    kind.apply("ik-ga-trouwen", data)
    db.session.commit()
    row = db.session.scalar(
        select(models.LifeEvent).where(models.LifeEvent.slug == "ik-ga-trouwen")
    )
    assert [t.locale for t in row.texts] == ["nl"]
    english = client.get("/levensgebeurtenissen/ik-ga-trouwen", headers={"Accept-Language": "en"})
    assert "Ik ga trouwen" in english.get_data(as_text=True)


def test_withdraw_takes_the_page_off_the_site(kind, client):
    kind.withdraw("ik-heb-een-bedrijf")
    db.session.commit()
    assert client.get("/levensgebeurtenissen/ik-heb-een-bedrijf").status_code == 404
    assert "Ik heb een bedrijf" not in client.get("/levensgebeurtenissen").get_data(as_text=True)


def test_the_preview_shows_the_draft_without_writing_it(kind):
    data = kind.load_live("ik-ga-verhuizen")
    data["texts"]["nl"]["title"] = "Ik verhuis binnenkort"
    data["facts"]["products"] = ["parkeervergunning-bewoners"]
    page = kind.preview("ik-ga-verhuizen", data, "nl")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.h1.get_text() == "Ik verhuis binnenkort"
    assert [a.get_text(strip=True) for a in soup.select("main ol.card-list a")] == [
        dutch_name("parkeervergunning-bewoners")
    ]
    english = BeautifulSoup(kind.preview("ik-ga-verhuizen", data, "en"), "html.parser")
    assert english.h1.get_text() == FIXTURE["life_events"][0]["texts"]["en"]["title"]
    db.session.rollback()
    assert kind.load_live("ik-ga-verhuizen")["texts"]["nl"]["title"] == "Ik ga verhuizen"
