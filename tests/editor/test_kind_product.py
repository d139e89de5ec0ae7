"""The product content kind: live products as version data and back unchanged, the rules a
draft must follow, publishing both languages (the resident page changes at once), never
touching administration's facts, withdrawing, and the preview as residents see it."""

import copy

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from portal.administration import staff
from portal.administration.models import Team
from portal.appointments import demo as appointments_demo
from portal.catalog import demo, models
from portal.editor.kinds.product import KIND
from portal.extensions import db
from portal.reports import categories as report_categories

SLUGS = [entry["slug"] for entry in demo.read_fixture()["products"]]


@pytest.fixture
def kind(app):
    """The demo catalogue with what products link to (forms, appointment types, report
    categories, teams), in a staff request as the editor calls the kind."""
    demo.load()
    appointments_demo.load()
    report_categories.load()
    staff.load_demo_teams()
    db.session.commit()
    with app.test_request_context("/medewerkers/redactie"):
        yield KIND


def product_row(slug):
    return db.session.scalar(select(models.Product).where(models.Product.slug == slug))


def page_text(response) -> str:
    return " ".join(
        BeautifulSoup(response.get_data(as_text=True), "html.parser").get_text().split()
    )


def draft(slug="uittreksel-brp", **changes):
    data = copy.deepcopy(KIND.load_live(slug))
    for path, value in changes.items():
        locale, _, name = path.rpartition("__")
        if locale:
            data["texts"][locale][name] = value
        else:
            data["facts"][name] = value
    return data


@pytest.mark.parametrize("slug", SLUGS)
def test_live_content_applied_again_stays_the_same(kind, slug):
    before = kind.load_live(slug)
    kind.apply(slug, copy.deepcopy(before))
    db.session.commit()
    db.session.expire_all()
    assert kind.load_live(slug) == before


def test_a_live_product_becomes_version_data(kind):
    data = kind.load_live("vraag-woz-belastingen")
    assert data["facts"]["channel"] == "referral"
    assert data["facts"]["partner_name"] == "Belastingsamenwerking Voorbeeldregio"
    assert data["facts"]["audiences"] == ["anonymous", "resident", "company"]
    fixture_events = demo.read_fixture()["life_events"]
    expected = [e["slug"] for e in fixture_events if "vraag-woz-belastingen" in e["products"]]
    assert data["facts"]["life_events"] == expected
    brp = kind.load_live("uittreksel-brp")
    assert brp["facts"]["level_resident"] == "substantieel"
    assert brp["facts"]["level_company"] == ""
    fixture = next(e for e in demo.read_fixture()["products"] if e["slug"] == "uittreksel-brp")
    assert brp["texts"]["en"]["name"] == fixture["texts"]["en"]["name"]
    assert brp["texts"]["nl"]["needs"] == fixture["texts"]["nl"]["needs"]
    assert "team" not in brp["facts"] and "norm_working_days" not in brp["facts"]
    assert kind.load_live("bestaat-niet") is None


def test_the_list_holds_unpublished_products_too(kind):
    kind.withdraw("buurtfeest-melden")
    db.session.commit()
    entries = {entry.key: entry for entry in kind.list_live()}
    assert len(entries) == len(SLUGS)
    assert entries["buurtfeest-melden"].published is False
    assert entries["uittreksel-brp"].title == "Uittreksel BRP"


def test_team_and_norm_are_shown_read_only(kind):
    team = db.session.scalar(select(Team.name).where(Team.slug == "vergunningen"))
    facts = dict(kind.readonly_facts("terrasvergunning"))
    assert facts == {"Team": team, "Normtermijn": "8 weken"}
    assert dict(kind.readonly_facts("uittreksel-brp"))["Normtermijn"] == "1 werkdagen"
    field_names = {f.name for f in kind.fields}
    assert not field_names & {"team", "norm_working_days", "norm_weeks"}


def test_staff_notes_are_internal_and_synonyms_are_not_checked(kind):
    fields = {f.name: f for f in kind.fields}
    assert fields["staff_notes"].internal and not fields["staff_notes"].localized
    assert not fields["synonyms"].checked
    assert fields["conditions"].kind == "markdown" and fields["conditions"].localized


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"nl__name": ""}, "nl-name", "naam van het product in het Nederlands"),
        ({"nl__summary": " "}, "nl-summary", "korte uitleg in het Nederlands"),
        ({"form_slug": "bestaat-niet"}, "fact-form_slug", "Dit formulier bestaat niet"),
        (
            {"upl_uri": "http://standaarden.overheid.nl/owms/terms/"},
            "fact-upl_uri",
            "Uniforme Productnamenlijst",
        ),
        (
            {"upl_uri": "https://www.example.org/paspoort"},
            "fact-upl_uri",
            "Uniforme Productnamenlijst",
        ),
        ({"sdg_code": "a-1"}, "fact-sdg_code", "bijvoorbeeld A1"),
        ({"handling_level": 7}, "fact-handling_level", "1 tot en met 5"),
        ({"handling_level_max": 1}, "fact-handling_level_max", "hoger"),
        ({"level_resident": "eh3"}, "fact-level_resident", "uit de lijst"),
        ({"level_company": "eh3"}, "fact-level_company", "niet bij ‘Voor wie’"),
        ({"audiences": []}, "fact-audiences", "voor wie"),
        ({"life_events": ["ik-ga-trouwen"]}, "fact-life_events", "bestaat niet meer"),
        ({"cost_cents": -5}, "fact-cost_cents", "centen"),
        ({"appointment_type": "paspoort-id-aanvragen"}, "fact-appointment_type", "Afspraak"),
    ],
)
def test_inconsistent_data_gets_a_message_at_its_field(kind, changes, field, words):
    errors = kind.validate("uittreksel-brp", draft(**changes))
    assert words.lower() in errors[field].lower()


def test_the_live_products_break_no_rule(kind):
    for slug in SLUGS:
        assert kind.validate(slug, kind.load_live(slug)) == {}, slug


def test_a_referral_needs_a_partner_with_a_safe_website(kind):
    errors = kind.validate(
        "vraag-woz-belastingen",
        draft("vraag-woz-belastingen", partner_name="", partner_url="http://belasting.example"),
    )
    assert set(errors) == {"fact-partner_name", "fact-partner_url"}
    assert "https://" in errors["fact-partner_url"]


def test_an_appointment_needs_a_type_that_exists(kind):
    data = draft("reisdocument-aanvragen", appointment_type="bestaat-niet")
    assert "bestaat niet" in kind.validate("reisdocument-aanvragen", data)["fact-appointment_type"]


def test_a_new_form_product_needs_a_form(kind):
    data = draft(form_slug="")
    errors = kind.validate("nieuw-product", data)
    assert "Kies het formulier" in errors["fact-form_slug"]
    assert kind.validate("nieuw-product", draft(form_slug="uittreksel-brp")) == {}


def test_inconsistent_data_is_refused_before_anything_is_written(kind):
    before = kind.load_live("uittreksel-brp")
    with pytest.raises(ValueError, match="bestaat niet"):
        kind.apply("uittreksel-brp", draft(nl__summary="Nieuw", form_slug="bestaat-niet"))
    db.session.rollback()
    assert kind.load_live("uittreksel-brp") == before


def test_apply_publishes_both_languages_and_the_page_changes_at_once(kind, client):
    # The page is read (and cached) before the publication.
    assert "Nieuwe uitleg" not in page_text(client.get("/producten/uittreksel-brp"))
    data = draft(
        nl__summary="Nieuwe uitleg over het uittreksel.",
        en__summary="New explanation of the extract.",
        nl__conditions="Ja, **mits** u in de gemeente woont.",
        staff_notes="Vraag naar het doel.",
    )
    kind.apply("uittreksel-brp", data)
    db.session.commit()
    texts = {t.locale: t for t in product_row("uittreksel-brp").texts}
    assert texts["nl"].summary == "Nieuwe uitleg over het uittreksel."
    assert texts["en"].summary == "New explanation of the extract."
    dutch = client.get("/producten/uittreksel-brp")
    assert "Nieuwe uitleg over het uittreksel." in page_text(dutch)
    assert "<strong>mits</strong>" in dutch.get_data(as_text=True)
    assert "Vraag naar het doel" not in page_text(dutch)
    english = client.get("/producten/uittreksel-brp", headers={"Accept-Language": "en"})
    assert "New explanation of the extract." in page_text(english)


def test_apply_never_touches_team_or_norm(kind):
    row = product_row("terrasvergunning")
    row.team, row.norm_weeks = "klantcontact", 12
    db.session.commit()
    kind.apply("terrasvergunning", draft("terrasvergunning", nl__name="Terras"))
    db.session.commit()
    db.session.expire_all()
    row = product_row("terrasvergunning")
    assert (row.team, row.norm_weeks, row.norm_working_days) == ("klantcontact", 12, None)


def test_english_left_empty_is_not_written_and_the_site_shows_dutch(kind, client):
    data = draft("terugbelverzoek")
    data["texts"]["en"] = {
        name: [] if isinstance(v, list) else "" for name, v in data["texts"]["en"].items()
    }
    kind.apply("terugbelverzoek", data)
    db.session.commit()
    locales = {t.locale for t in product_row("terugbelverzoek").texts}
    assert locales == {"nl"}
    english = client.get("/producten/terugbelverzoek", headers={"Accept-Language": "en"})
    assert '<h1 class="utrecht-heading-1">Terugbelverzoek</h1>' in english.get_data(as_text=True)


def test_a_new_product_is_created_without_team_or_norm(kind, client):
    data = draft(
        "uittreksel-brp", nl__name="Uittreksel voor het buitenland", form_slug="uittreksel-brp"
    )
    kind.apply("uittreksel-buitenland", data)
    db.session.commit()
    row = product_row("uittreksel-buitenland")
    assert (row.team, row.norm_working_days, row.norm_weeks) == ("", None, None)
    response = client.get("/producten/uittreksel-buitenland")
    assert "Uittreksel voor het buitenland" in page_text(response)
    start = BeautifulSoup(response.get_data(as_text=True), "html.parser").find("a", string="Start")
    assert start["href"] == "/aanvragen/uittreksel-brp"


def test_life_events_are_linked_and_unlinked(kind, client):
    kind.apply("terrasvergunning", draft("terrasvergunning", life_events=["ik-ga-verhuizen"]))
    db.session.commit()
    links = db.session.scalars(
        select(models.LifeEvent.slug)
        .join(models.LifeEventProduct)
        .join(models.Product)
        .where(models.Product.slug == "terrasvergunning")
    ).all()
    assert links == ["ik-ga-verhuizen"]
    moving = page_text(client.get("/levensgebeurtenissen/ik-ga-verhuizen"))
    assert moving.index("Terrasvergunning") > moving.index("Verhuizing doorgeven")
    assert "Ik heb een bedrijf" not in page_text(client.get("/producten/terrasvergunning"))


def test_withdraw_takes_the_page_off_the_site(kind, client):
    assert client.get("/producten/buurtfeest-melden").status_code == 200
    kind.withdraw("buurtfeest-melden")
    db.session.commit()
    assert client.get("/producten/buurtfeest-melden").status_code == 404
    assert product_row("buurtfeest-melden") is not None
    with pytest.raises(ValueError):
        kind.withdraw("bestaat-niet")


def test_the_preview_is_the_resident_page_with_the_draft(kind, app):
    count = db.session.scalar(select(func.count()).select_from(models.ProductText))
    data = draft(
        nl__body="Eerste alinea.\n\n## Let op\n\n- een punt",
        en__name="Draft extract",
        staff_notes="Alleen intern",
        upl_uri="https://standaarden.overheid.nl/owms/terms/Uittreksel_BRP",
    )
    with app.test_request_context("/medewerkers/redactie"):
        dutch = kind.preview("uittreksel-brp", data, "nl")
        english = kind.preview("uittreksel-brp", data, "en")
    soup = BeautifulSoup(dutch, "html.parser")
    assert soup.h1.get_text() == "Uittreksel BRP"
    assert soup.select(".rich-text p")[0].get_text() == "Eerste alinea."
    assert soup.select_one(".rich-text h2").get_text() == "Let op"
    # The UPL URI is metadata in <head> (tests/catalog/test_product_codes.py), never text.
    assert "Alleen intern" not in dutch and "standaarden.overheid.nl" not in soup.body.get_text()
    assert BeautifulSoup(english, "html.parser").h1.get_text() == "Draft extract"
    assert "Who can arrange this?" in english
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(models.ProductText)) == count
    assert kind.load_live("uittreksel-brp")["texts"]["nl"]["body"] != data["texts"]["nl"]["body"]


def test_the_resident_url_is_the_product_page(kind, app):
    with app.test_request_context():
        assert kind.resident_url("uittreksel-brp") == "/producten/uittreksel-brp"
