"""The public catalogue pages, with and without htmx, in Dutch and English."""

from bs4 import BeautifulSoup

HTMX_SEARCH = {"HX-Request": "true", "HX-Target": "search-results"}


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text_of(response) -> str:
    return " ".join(soup_of(response).get_text(" ").split())


def test_all_products_are_listed_with_their_summaries(catalog, client):
    page = text_of(client.get("/producten"))
    assert "Uittreksel BRP" in page
    assert "Met een uittreksel laat u zien wie u bent" in page
    assert "Ik ga verhuizen" in page


def test_products_can_be_filtered_for_entrepreneurs(catalog, client):
    response = client.get("/producten?voor=ondernemers")
    page = text_of(response)
    assert "Terrasvergunning" in page
    assert "Uittreksel BRP" not in page
    filters = soup_of(response).find("nav", attrs={"aria-label": "Kies voor wie"})
    current = filters.find("a", attrs={"aria-current": "page"})
    assert current.get_text(strip=True) == "Voor ondernemers"


def test_an_unknown_filter_shows_everything(catalog, client):
    assert "Uittreksel BRP" in text_of(client.get("/producten?voor=iedereen"))


def test_a_product_page_says_who_what_costs_and_how_long(catalog, client):
    page = text_of(client.get("/producten/uittreksel-brp"))
    assert "Uittreksel BRP" in page
    assert "Hiervoor logt u in met DigiD op niveau Substantieel." in page
    assert "De DigiD app met ID-check" in page
    assert "€ 16,10" in page
    assert "binnen 1 werkdag" in page
    assert "Meestal: U krijgt het meteen" in page


def test_a_form_product_links_to_its_form(request_forms, client):
    response = client.get("/producten/parkeervergunning-bewoners")
    start = soup_of(response).find("a", string="Start")
    assert start["href"] == "/aanvragen/parkeervergunning-bewoners"


def test_without_an_online_form_the_page_says_how_to_reach_us(request_forms, client, monkeypatch):
    # No definition in forms/ (every product has one now): no button that leads nowhere.
    monkeypatch.setattr("portal.requests.definition.definition_for", lambda slug: None)
    response = client.get("/producten/buurtfeest-melden")
    assert soup_of(response).find("a", string="Start") is None
    assert "Online regelen kan op dit moment niet" in text_of(response)


def test_a_referral_names_the_partner_and_hands_over_the_question(request_forms, client):
    response = client.get("/producten/vraag-woz-belastingen")
    page = text_of(response)
    assert "Belastingsamenwerking Voorbeeldregio helpt u met deze vraag." in page
    assert soup_of(response).find("a", href="tel:0881234567")
    handover = soup_of(response).find("a", string="Geef mijn vraag door")
    assert handover["href"] == "/aanvragen/vraag-woz-belastingen"
    assert "U hoeft niet in te loggen." in page


def test_an_appointment_product_says_how_to_make_one(request_forms, client):
    response = client.get("/producten/reisdocument-aanvragen")
    page = text_of(response)
    assert "Maak een afspraak" in page
    assert "Stadhuisplein 1" in page
    assert soup_of(response).find("a", string="Start") is None


def test_an_entrepreneur_product_names_eherkenning(catalog, client):
    page = text_of(client.get("/producten/terrasvergunning"))
    assert "Hiervoor logt u in met eHerkenning op niveau EH3." in page
    assert "binnen 8 weken" in page


def test_unknown_and_withdrawn_products_are_not_found(catalog, client, unpublish):
    assert client.get("/producten/bestaat-niet").status_code == 404
    unpublish("buurtfeest-melden")
    assert client.get("/producten/buurtfeest-melden").status_code == 404


def test_life_events_are_listed(catalog, client):
    page = text_of(client.get("/levensgebeurtenissen"))
    for title in ("Ik ga verhuizen", "Ik heb een bedrijf", "Ik heb hulp nodig thuis"):
        assert title in page


def test_a_life_event_lists_its_products_in_order(catalog, client):
    response = client.get("/levensgebeurtenissen/ik-ga-verhuizen")
    links = [a.get_text(strip=True) for a in soup_of(response).select("main ol.card-list a")]
    assert links[:2] == ["Verhuizing doorgeven", "Parkeervergunning voor bewoners"]
    assert client.get("/levensgebeurtenissen/ik-ga-trouwen").status_code == 404


def test_search_returns_a_full_page_with_results_and_a_count(catalog, client):
    response = client.get("/zoeken?q=paspoort")
    soup = soup_of(response)
    assert soup.find("html")
    assert soup.find(id="search-q")["value"] == "paspoort"
    assert soup.find(id="search-count").get_text(strip=True) == "1 resultaat voor ‘paspoort’"
    assert soup.find(id="search-count")["role"] == "status"
    assert soup.select_one("#search-results a")["href"] == "/producten/reisdocument-aanvragen"
    assert "Zoeken naar ‘paspoort’" in soup.title.get_text()


def test_search_with_htmx_returns_only_the_results(catalog, client):
    response = client.get("/zoeken?q=aanvragen", headers=HTMX_SEARCH)
    soup = soup_of(response)
    assert soup.find("html") is None
    assert soup.find("h1") is None
    count = soup.find(id="search-count")
    assert count["hx-swap-oob"] == "innerHTML"
    assert "resultaten voor ‘aanvragen’" in count.get_text()
    assert soup.find("h2", attrs={"tabindex": "-1"})
    assert soup.title.get_text().startswith("Zoeken naar ‘aanvragen’")


def test_htmx_requests_for_other_targets_get_the_full_page(catalog, client):
    restore = {**HTMX_SEARCH, "HX-History-Restore-Request": "true"}
    assert soup_of(client.get("/zoeken?q=woz", headers=restore)).find("html")
    boosted = {"HX-Request": "true", "HX-Boosted": "true", "HX-Target": "main"}
    assert soup_of(client.get("/zoeken?q=woz", headers=boosted)).find("html")


def test_no_results_says_what_to_do_next(catalog, client):
    response = client.get("/zoeken?q=xyzzy")
    page = text_of(response)
    assert "Geen resultaten voor ‘xyzzy’" in page
    assert "Probeer een ander woord" in page
    assert "Veel gezocht" in page
    assert "Verhuizing doorgeven" in page
    assert soup_of(response).find("a", href="/vraag")
    assert soup_of(response).find("a", href="tel:140123")


def test_an_empty_search_shows_popular_products(catalog, client):
    response = client.get("/zoeken")
    assert "Veel gezocht" in text_of(response)
    assert soup_of(response).find(id="search-count").get_text(strip=True) == ""


def test_what_was_typed_is_escaped_and_kept(catalog, client):
    response = client.get("/zoeken", query_string={"q": '<script>alert("x")</script>'})
    html = response.get_data(as_text=True)
    assert "<script>alert" not in html
    assert soup_of(response).find(id="search-q")["value"] == '<script>alert("x")</script>'


def test_a_very_long_search_is_shortened_not_refused(catalog, client):
    response = client.get("/zoeken", query_string={"q": "paspoort " * 100})
    assert response.status_code == 200
    assert len(soup_of(response).find(id="search-q")["value"]) <= 100


def test_pages_follow_the_chosen_language(catalog, client):
    client.get("/taal/en")
    assert "Report a change of address" in text_of(client.get("/producten/verhuizing-doorgeven"))
    assert "Apply for a passport" in text_of(client.get("/zoeken?q=paspoort"))


def test_a_bsn_typed_into_search_is_taken_out_of_the_address(catalog, client):
    response = client.get("/zoeken?q=paspoort+999990007")
    assert response.status_code == 303
    assert response.location == "/zoeken?q=paspoort&nummer=weg"
    page = client.get(response.location)
    assert "999990007" not in page.get_data(as_text=True)
    assert "Uw BSN of een ander nummer is hier niet nodig" in text_of(page)
    assert "Paspoort of ID-kaart aanvragen" in text_of(page)


def test_with_htmx_a_bsn_is_taken_out_of_the_pushed_address(catalog, client):
    response = client.get("/zoeken?q=999990007", headers=HTMX_SEARCH)
    assert response.status_code == 200
    assert response.headers["HX-Push-Url"] == "/zoeken?nummer=weg"
    assert "999990007" not in response.get_data(as_text=True)
    assert "Uw BSN of een ander nummer is hier niet nodig" in text_of(response)
