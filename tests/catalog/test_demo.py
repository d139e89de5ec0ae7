"""The demo catalogue: complete, consistent, and loaded without overwriting editors' work."""

import pytest
from sqlalchemy import func, select

from portal.catalog import demo, models
from portal.catalog.services import AUDIENCES, CHANNELS, get_product
from portal.extensions import db

# Other areas (requests, cases, the home page) rely on these slugs.
AGREED_PRODUCTS = {
    "uittreksel-brp",
    "parkeervergunning-bewoners",
    "verhuizing-doorgeven",
    "terrasvergunning",
    "hulp-bij-het-huishouden",
    "vraag-woz-belastingen",
    "melding-openbare-ruimte",
    "terugbelverzoek",
    "algemene-vraag",
    "buurtfeest-melden",
    "reisdocument-aanvragen",
}
AGREED_LIFE_EVENTS = {
    "ik-ga-verhuizen",
    "ik-heb-een-bedrijf",
    "ik-heb-hulp-nodig-thuis",
    "ik-organiseer-een-evenement",
}
LEVELS = {"basis", "midden", "substantieel", "hoog", "eh2", "eh2plus", "eh3", "eh4"}
TEXT_FIELDS = ("name", "summary", "body", "who", "cost_text", "norm_text")
FIXTURE = demo.read_fixture()


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_load_adds_every_agreed_product_and_life_event(app):
    assert demo.load() is True
    assert set(db.session.scalars(select(models.Product.slug))) == AGREED_PRODUCTS
    assert set(db.session.scalars(select(models.LifeEvent.slug))) == AGREED_LIFE_EVENTS


def test_loading_twice_adds_nothing(app):
    demo.load()
    before = (count(models.Product), count(models.ProductText), count(models.LifeEventProduct))
    assert demo.load() is False
    after = (count(models.Product), count(models.ProductText), count(models.LifeEventProduct))
    assert after == before


def test_loading_again_keeps_what_an_editor_changed(app):
    demo.load()
    text = db.session.scalars(
        select(models.ProductText)
        .join(models.Product)
        .where(models.Product.slug == "uittreksel-brp", models.ProductText.locale == "nl")
    ).one()
    text.summary = "Door de webredactie herschreven."
    db.session.commit()
    demo.load()
    assert get_product("uittreksel-brp", locale="nl").summary == "Door de webredactie herschreven."


def test_loading_adds_a_product_that_is_new_in_the_fixture(app, tmp_path):
    demo.load()
    db.session.delete(
        db.session.scalars(
            select(models.Product).where(models.Product.slug == "terugbelverzoek")
        ).one()
    )
    db.session.commit()
    assert demo.load() is True
    assert get_product("terugbelverzoek") is not None


@pytest.mark.parametrize("entry", FIXTURE["products"], ids=lambda e: e["slug"])
def test_each_product_is_complete_in_dutch_and_english(entry):
    assert set(entry["texts"]) == {"nl", "en"}
    for locale, texts in entry["texts"].items():
        for name in TEXT_FIELDS:
            assert texts[name].strip(), f"{entry['slug']} {locale} has no {name}"
        assert texts["needs"], f"{entry['slug']} {locale} lists nothing you need"
        assert texts["synonyms"], f"{entry['slug']} {locale} has no words people use"
        if entry["channel"] in ("referral", "appointment"):
            assert texts["contact_text"].strip()
    assert len(entry["texts"]["nl"]["needs"]) == len(entry["texts"]["en"]["needs"])


@pytest.mark.parametrize("entry", FIXTURE["products"], ids=lambda e: e["slug"])
def test_each_product_has_consistent_facts(entry):
    assert entry["channel"] in CHANNELS
    assert entry["audiences"] and set(entry["audiences"]) <= set(AUDIENCES)
    assert set(entry["min_levels"]) <= set(entry["audiences"]) - {"anonymous"}
    assert set(entry["min_levels"].values()) <= LEVELS
    assert 1 <= entry["handling_level"] <= 5
    assert entry["handling_level_max"] in (None, *range(entry["handling_level"] + 1, 6))
    assert entry["team"]
    norms = [entry["norm_working_days"], entry["norm_weeks"]]
    if entry["channel"] == "referral":
        assert norms == [None, None]
        assert entry["handling_level"] == 5
        assert set(entry["partner"]) == {"name", "url", "phone", "email", "answer_days"}
    else:
        assert sum(norm is not None for norm in norms) == 1, "one norm: working days or weeks"
        assert entry["partner"] is None


def test_life_events_name_existing_products_in_both_languages():
    slugs = {entry["slug"] for entry in FIXTURE["products"]}
    for event in FIXTURE["life_events"]:
        assert event["products"] and set(event["products"]) <= slugs
        assert set(event["texts"]) == {"nl", "en"}
        assert all(t["title"] and t["intro"] for t in event["texts"].values())
