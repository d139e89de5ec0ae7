"""On English pages a case's stored Dutch texts are English: the product's name, the names the
portal gave the receipt and decision letters, and "namens"."""

import pytest
from bs4 import BeautifulSoup
from flask_babel import force_locale

from portal.cases import display, files, handling
from portal.catalog import demo as catalog_demo
from portal.extensions import db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def text_of(response) -> str:
    return " ".join(BeautifulSoup(response.get_data(as_text=True), "html.parser").stripped_strings)


@pytest.fixture
def english(client, sign_in):
    catalog_demo.load()
    db.session.commit()
    sign_in("inwoner")
    client.get("/taal/en")
    return client


@pytest.fixture
def parking_case(new_case):
    case = new_case("parkeervergunning-bewoners")
    db.session.commit()
    return case


def test_the_case_list_names_the_product_in_english(english, parking_case):
    page = text_of(english.get("/mijn-zaken"))
    assert "Residents' parking permit" in page
    assert "Parkeervergunning voor bewoners" not in page


def test_the_case_page_names_the_product_in_english(english, parking_case):
    page = english.get(f"/mijn-zaken/{parking_case.number}")
    heading = BeautifulSoup(page.get_data(as_text=True), "html.parser").h1
    assert heading.get_text(strip=True) == "Residents' parking permit"


def test_a_product_no_longer_in_the_catalogue_keeps_its_stored_name(english, new_case):
    new_case("vraag-over-woz")
    db.session.commit()
    assert "Vraag over de WOZ" in text_of(english.get("/mijn-zaken"))


def test_the_receipt_downloads_with_an_english_name(english, parking_case):
    receipt = parking_case.documents[0]
    assert receipt.name.startswith("Ontvangstbevestiging ")
    response = english.get(f"/mijn-zaken/{parking_case.number}/documenten/{receipt.id}")
    disposition = response.headers["Content-Disposition"]
    assert f"Confirmation of receipt {parking_case.number}.pdf" in disposition
    page = text_of(english.get(f"/mijn-zaken/{parking_case.number}"))
    assert f"Confirmation of receipt {parking_case.number}.pdf" in page


def test_a_decision_the_portal_named_is_english_and_a_chosen_name_stays(
    english, parking_case, handler
):
    number = parking_case.number
    named = files.store_bytes(PDF, name=f"Besluit {number}.pdf", content_type="application/pdf")
    chosen = files.store_bytes(PDF, name="brief-kenteken.pdf", content_type="application/pdf")
    decision = handling.attach_document(parking_case, named, "besluit", actor=handler())
    handling.attach_document(parking_case, chosen, "bijlage", actor=handler())
    db.session.commit()
    response = english.get(f"/mijn-zaken/{number}/documenten/{decision.id}")
    assert f"Decision {number}.pdf" in response.headers["Content-Disposition"]
    page = text_of(english.get(f"/mijn-zaken/{number}"))
    assert f"Decision {number}.pdf" in page
    assert "brief-kenteken.pdf" in page


def test_namens_is_english_on_english_pages(app):
    with app.test_request_context(), force_locale("en"):
        assert display.actor_label("Sanne Bakker namens Henk Bakker") == (
            "Sanne Bakker on behalf of Henk Bakker"
        )
        assert display.actor_label("Een gemachtigde namens Henk Bakker") == (
            "An authorised representative on behalf of Henk Bakker"
        )
        assert display.actor_label("Gemeente Voorbeeld") == "Gemeente Voorbeeld"


def test_namens_stays_dutch_on_dutch_pages(app):
    with app.test_request_context(), force_locale("nl"):
        assert display.actor_label("Sanne Bakker namens Henk Bakker") == (
            "Sanne Bakker namens Henk Bakker"
        )
