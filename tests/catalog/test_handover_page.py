"""The hand-over page: who helps with the WOZ and taxes, how and by when, without sign-in."""

from datetime import date

from bs4 import BeautifulSoup

from portal.catalog.handover import handover_for
from portal.catalog.services import get_product

PAGE = "/producten/vraag-woz-belastingen/wie-helpt-u"


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text_of(response) -> str:
    return " ".join(soup_of(response).get_text(" ").split())


def test_the_answer_date_counts_working_days_from_today(catalog):
    # Friday 18 December 2026 + 10 working days skips two weekends, Christmas and 1 January.
    found = handover_for(get_product("vraag-woz-belastingen"), on=date(2026, 12, 18))
    assert found.partner.answer_days == 10
    assert found.answer_by == date(2027, 1, 5)


def test_a_product_of_the_municipality_has_no_hand_over(catalog):
    assert handover_for(get_product("uittreksel-brp")) is None


def test_without_sign_in_the_page_says_who_how_and_by_when(catalog, client, monkeypatch):
    monkeypatch.setattr("portal.catalog.handover.today", lambda: date(2026, 12, 18))
    response = client.get(PAGE)
    assert response.status_code == 200
    page = text_of(response)
    assert "Belastingsamenwerking Voorbeeldregio helpt u." in page
    assert "U hoeft daarvoor niet in te loggen." in page
    soup = soup_of(response)
    assert soup.find("a", href="tel:0881234567")
    assert soup.find("a", href="https://www.belastingsamenwerking-voorbeeldregio.example")
    assert "Het nummer dat bovenaan de aanslag staat" in page
    assert "antwoordt binnen 10 werkdagen" in page
    assert "uiterlijk dinsdag 5 januari 2027 antwoord" in page
    assert "Daarvoor logt u in met DigiD." in page


def test_signed_in_the_page_offers_to_pass_the_question_on(catalog, client, sign_in):
    sign_in("inwoner")
    response = client.get(PAGE)
    page = text_of(response)
    assert "Belastingsamenwerking Voorbeeldregio helpt u." in page
    assert "U bent ingelogd." in page
    passing_on = soup_of(response).find("a", string="Geef mijn vraag door")
    assert passing_on["href"] == "/aanvragen/vraag-woz-belastingen"


def test_the_product_page_and_the_search_lead_to_it(catalog, client):
    product_page = soup_of(client.get("/producten/vraag-woz-belastingen"))
    assert product_page.find("a", href=PAGE)
    results = soup_of(client.get("/zoeken?q=woz"))
    assert results.find("a", href=PAGE)


def test_in_english_the_page_is_in_english(catalog, client):
    client.get("/taal/en")
    page = text_of(client.get(PAGE))
    assert "Question about the WOZ value or municipal taxes" in page
    assert "Vraag over de WOZ" not in page


def test_a_product_of_the_municipality_has_no_hand_over_page(catalog, client):
    assert client.get("/producten/uittreksel-brp/wie-helpt-u").status_code == 404
    assert client.get("/producten/bestaat-niet/wie-helpt-u").status_code == 404
