"""What the webteam writes on a product page: Markdown texts, the "ja, mits" section, the
route the start button takes, and what is kept off the page (staff notes, national codes)."""

import re

from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.catalog import cache, demo, models
from portal.extensions import db

FIXTURE = {entry["slug"]: entry for entry in demo.read_fixture()["products"]}


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def edit(slug: str, locale: str = "nl", **values) -> None:
    """Change a product as a publication would (texts by locale, facts on the row)."""
    row = db.session.scalar(select(models.Product).where(models.Product.slug == slug))
    text = next(t for t in row.texts if t.locale == locale)
    for name, value in values.items():
        setattr(text if hasattr(text, name) else row, name, value)
    cache.drop()
    db.session.commit()


def test_plain_paragraphs_stay_paragraphs(catalog, client):
    body = FIXTURE["verhuizing-doorgeven"]["texts"]["nl"]["body"]
    expected = [part.strip() for part in body.split("\n\n") if part.strip()]
    soup = soup_of(client.get("/producten/verhuizing-doorgeven"))
    first = soup.select("main .rich-text")[0]
    assert [" ".join(p.get_text().split()) for p in first.find_all("p")] == [
        " ".join(part.split()) for part in expected
    ]
    # Its content-hashed name once `make assets` has run (portal/static_files.py).
    assert soup.find("link", href=re.compile(r"^/static/css/rich-text\.([0-9a-f]{12}\.)?css$"))


def test_markdown_becomes_headings_lists_and_links(catalog, client):
    edit(
        "buurtfeest-melden",
        body="Lees dit eerst.\n\n## Wat mag wel\n\n- muziek tot 23.00 uur\n- een tent\n\n"
        "Zie [de regels](https://www.voorbeeld.nl/regels).",
        cost_text="Het kost **niets**.",
        who="<script>alert(1)</script>Iedereen",
    )
    page = client.get("/producten/buurtfeest-melden").get_data(as_text=True)
    soup = BeautifulSoup(page, "html.parser")
    body = soup.select("main .rich-text")[0]
    assert body.find("h2").get_text() == "Wat mag wel"
    assert [li.get_text() for li in body.find_all("li")] == ["muziek tot 23.00 uur", "een tent"]
    assert body.find("a", href="https://www.voorbeeld.nl/regels")
    assert "<strong>niets</strong>" in page
    assert "<script>alert(1)</script>" not in page


def test_conditions_get_their_own_section_only_when_written(catalog, client):
    soup = soup_of(client.get("/producten/terrasvergunning"))
    assert soup.find(id="conditions-title") is None
    edit("terrasvergunning", conditions="Ja, als het terras **niet** op de stoep staat.")
    soup = soup_of(client.get("/producten/terrasvergunning"))
    section = soup.find(id="conditions-title").find_parent("section")
    assert "niet op de stoep" in section.get_text()


def test_staff_notes_and_national_codes_stay_off_the_page(catalog, client):
    edit(
        "uittreksel-brp",
        staff_notes="Intern: vraag naar het doel.",
        upl_uri="https://standaarden.overheid.nl/owms/terms/Uittreksel_BRP",
        sdg_code="A1",
    )
    page = client.get("/producten/uittreksel-brp").get_data(as_text=True)
    assert "vraag naar het doel" not in page
    # The codes are metadata in <head> (tests/catalog/test_product_codes.py), not text.
    assert "standaarden.overheid.nl" not in BeautifulSoup(page, "html.parser").body.get_text()


def test_english_fills_gaps_from_dutch_field_by_field(catalog, client):
    edit("uittreksel-brp", locale="en", conditions="")
    edit("uittreksel-brp", locale="nl", conditions="Alleen als u hier woont.")
    soup = soup_of(client.get("/producten/uittreksel-brp", headers={"Accept-Language": "en"}))
    assert soup.h1.get_text() == FIXTURE["uittreksel-brp"]["texts"]["en"]["name"]
    assert "Alleen als u hier woont." in soup.find(id="conditions-title").find_parent().get_text()


def test_the_start_button_follows_the_chosen_form(request_forms, client):
    edit("buurtfeest-melden", form_slug="parkeervergunning-bewoners")
    start = soup_of(client.get("/producten/buurtfeest-melden")).find("a", string="Start")
    assert start["href"] == "/aanvragen/parkeervergunning-bewoners"


def test_a_form_that_no_longer_exists_falls_back_to_the_products_own(request_forms, client):
    edit("buurtfeest-melden", form_slug="bestaat-niet")
    start = soup_of(client.get("/producten/buurtfeest-melden")).find("a", string="Start")
    assert start["href"] == "/aanvragen/buurtfeest-melden"


def test_the_start_button_follows_the_chosen_appointment_type(catalog, client):
    edit("reisdocument-aanvragen", appointment_type="rijbewijs-aanvragen")
    links = soup_of(client.get("/producten/reisdocument-aanvragen")).find_all(
        "a", string="Maak een afspraak"
    )
    assert [a["href"] for a in links] == ["/afspraak/rijbewijs-aanvragen"]


def test_a_report_category_leads_to_the_report_flow(catalog, client):
    edit("algemene-vraag", report_category="verlichting")
    start = soup_of(client.get("/producten/algemene-vraag")).find("a", string="Start")
    assert start["href"] == "/melding"
