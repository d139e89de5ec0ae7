"""The FAQ content kind: reading live answers, writing both languages in one go, refusing
inconsistent data before writing, withdrawing, and the preview as residents see it."""

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from portal.catalog import demo, demo_faq, models
from portal.editor import kinds
from portal.extensions import db
from tests.support.client import page_problems


@pytest.fixture
def kind(app):
    demo.load()
    demo_faq.load()
    db.session.commit()
    return kinds.get("faq")


def answer_data(**changes):
    data = {
        "facts": {"product_slug": "uittreksel-brp", "position": 3, "staff_notes": "Intern"},
        "texts": {
            "nl": {
                "question": "Hoe snel krijg ik mijn uittreksel?",
                "answer": "Meestal **meteen**.",
                "synonyms": ["snel", " "],
            },
            "en": {
                "question": "How soon do I get my extract?",
                "answer": "Usually **at once**.",
                "synonyms": ["quick"],
            },
        },
    }
    for path, value in changes.items():
        if "__" in path:
            locale, _, name = path.partition("__")
            data["texts"][locale][name] = value
        else:
            data["facts"][path] = value
    return data


def faq_row(slug):
    return db.session.scalar(select(models.Faq).where(models.Faq.slug == slug))


def test_the_kind_is_registered_with_its_fields(kind, app):
    assert kind.name == "faq"
    names = {f.name: f for f in kind.fields}
    assert names["question"].localized and names["question"].required
    assert names["answer"].kind == "markdown"
    assert names["synonyms"].kind == "lines" and not names["synonyms"].checked
    assert names["staff_notes"].internal
    with app.test_request_context():
        choices = [(code, str(label)) for code, label in names["product_slug"].choices()]
    assert ("algemeen", "Algemeen (bij geen product)") in choices
    assert ("uittreksel-brp", "Uittreksel BRP") in choices


def test_live_answers_are_listed_and_loaded_as_version_data(kind):
    entries = {e.key: e for e in kind.list_live()}
    assert entries["hoe-bereik-ik-de-gemeente"].title == "Hoe bereik ik de gemeente?"
    assert entries["hoe-bereik-ik-de-gemeente"].published
    data = kind.load_live("hoe-bereik-ik-de-gemeente")
    assert data["facts"]["product_slug"] == "algemeen"
    assert data["texts"]["en"]["question"] == "How do I contact the municipality?"
    assert "telefoonnummer" in data["texts"]["nl"]["synonyms"]
    assert kind.load_live("bestaat-niet") is None


def test_apply_writes_a_new_answer_in_both_languages(kind):
    kind.apply("snel-uittreksel", answer_data())
    db.session.commit()
    row = faq_row("snel-uittreksel")
    assert row.published and row.product_slug == "uittreksel-brp" and row.position == 3
    assert row.staff_notes == "Intern"
    texts = {t.locale: t for t in row.texts}
    assert texts["nl"].question == "Hoe snel krijg ik mijn uittreksel?"
    assert texts["nl"].synonyms == ["snel"]
    assert texts["en"].answer == "Usually **at once**."


def test_what_apply_wrote_loads_back_the_same(kind):
    data = answer_data()
    kind.apply("snel-uittreksel", data)
    loaded = kind.load_live("snel-uittreksel")
    assert loaded["texts"]["en"] == data["texts"]["en"]
    assert loaded["texts"]["nl"]["synonyms"] == ["snel"]
    assert loaded["facts"] == data["facts"]


def test_a_general_answer_belongs_to_no_product(kind):
    kind.apply("algemeen-antwoord", answer_data(product_slug="algemeen"))
    assert faq_row("algemeen-antwoord").product_slug is None


def test_publishing_again_updates_and_drops_english_when_it_was_emptied(kind):
    kind.apply("snel-uittreksel", answer_data())
    kind.apply("snel-uittreksel", answer_data(en__question="", en__answer="", en__synonyms=[]))
    db.session.commit()
    assert {t.locale for t in faq_row("snel-uittreksel").texts} == {"nl"}


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"en__answer": ""}, "en-answer"),
        ({"en__question": ""}, "en-question"),
    ],
)
def test_half_an_english_text_is_refused(kind, changes, field):
    data = answer_data(**changes)
    assert field in kind.validate("snel-uittreksel", data)
    with pytest.raises(ValueError):
        kind.apply("snel-uittreksel", data)
    assert faq_row("snel-uittreksel") is None


@pytest.mark.parametrize(
    "changes",
    [
        {"nl__question": "   "},
        {"nl__answer": ""},
        {"product_slug": "bestaat-niet"},
        {"nl__answer": "[klik](http://example.org)"},
        {"nl__question": "x" * 301},
    ],
)
def test_apply_refuses_before_writing_anything(kind, changes):
    before = db.session.scalar(select(func.count(models.FaqText.id)))
    with pytest.raises(ValueError) as refused:
        kind.apply("fout", answer_data(**changes))
    assert str(refused.value)
    assert faq_row("fout") is None
    assert db.session.scalar(select(func.count(models.FaqText.id))) == before


def test_an_unknown_product_is_named_in_the_form(kind):
    errors = kind.validate("x", answer_data(product_slug="bestaat-niet"))
    assert errors["fact-product_slug"] == "Dit product bestaat niet meer. Kies een ander."


def test_withdraw_takes_the_answer_off_the_site(kind, client):
    kind.withdraw("hoe-lang-is-mijn-paspoort-geldig")
    from portal.catalog import cache

    cache.drop()
    db.session.commit()
    assert not faq_row("hoe-lang-is-mijn-paspoort-geldig").published
    page = client.get("/producten/reisdocument-aanvragen").get_data(as_text=True)
    assert "Hoe lang is mijn paspoort geldig?" not in page
    with pytest.raises(ValueError):
        kind.withdraw("bestaat-niet")


def test_the_resident_url_points_at_the_answer(kind, app):
    with app.test_request_context():
        assert kind.resident_url("hoe-bereik-ik-de-gemeente") == (
            "/veelgestelde-vragen#vraag-hoe-bereik-ik-de-gemeente"
        )
        assert kind.resident_url("wanneer-geef-ik-mijn-verhuizing-door") == (
            "/producten/verhuizing-doorgeven#vraag-wanneer-geef-ik-mijn-verhuizing-door"
        )


def preview_soup(kind, app, key, data, locale="nl"):
    with app.test_request_context("/medewerkers/redactie/faq/voorbeeld"):
        html = kind.preview(key, data, locale)
    assert page_problems(html) == []
    return BeautifulSoup(html, "html.parser")


def test_the_preview_is_the_product_page_with_the_draft_answer(kind, app):
    soup = preview_soup(kind, app, "snel-uittreksel", answer_data())
    assert soup.find("h1").get_text(strip=True) == "Uittreksel BRP"
    details = soup.find(id="vraag-snel-uittreksel")
    assert details.find("summary").get_text(strip=True) == "Hoe snel krijg ik mijn uittreksel?"
    assert details.find("strong").get_text() == "meteen"
    # Internal notes never reach a resident page.
    assert "Intern" not in soup.get_text()
    # A draft never reaches the live page.
    assert faq_row("snel-uittreksel") is None


def test_the_preview_of_a_changed_answer_replaces_the_live_one(kind, app):
    data = kind.load_live("hoe-lang-is-mijn-paspoort-geldig")
    data["texts"]["nl"]["question"] = "Hoe lang kan ik met mijn paspoort reizen?"
    soup = preview_soup(kind, app, "hoe-lang-is-mijn-paspoort-geldig", data)
    questions = [s.get_text(strip=True) for s in soup.find_all("summary")]
    assert "Hoe lang kan ik met mijn paspoort reizen?" in questions
    assert "Hoe lang is mijn paspoort geldig?" not in questions


def test_the_preview_of_a_general_answer_is_the_faq_page(kind, app):
    soup = preview_soup(kind, app, "algemeen-antwoord", answer_data(product_slug="algemeen"))
    assert soup.find("h1").get_text(strip=True) == "Veelgestelde vragen"
    assert [s.get_text(strip=True) for s in soup.find_all("summary")] == [
        "Hoe snel krijg ik mijn uittreksel?"
    ]


def test_the_preview_speaks_the_language_asked_for(kind, app):
    soup = preview_soup(kind, app, "snel-uittreksel", answer_data(), locale="en")
    assert soup.find("html")["lang"] == "en"
    assert soup.find("h1").get_text(strip=True) == "Extract from the population register (BRP)"
    assert soup.find(id="vraag-snel-uittreksel").find("summary").get_text(strip=True) == (
        "How soon do I get my extract?"
    )


def test_the_preview_without_english_shows_the_dutch_answer(kind, app):
    data = answer_data(en__question="", en__answer="", en__synonyms=[])
    soup = preview_soup(kind, app, "snel-uittreksel", data, locale="en")
    assert soup.find(id="vraag-snel-uittreksel").find("summary").get_text(strip=True) == (
        "Hoe snel krijg ik mijn uittreksel?"
    )
