"""The place step "Waar is het?": search without JavaScript, choose, the own address, a point
from GPS or the map, places that are not ours, bad input, the htmx fragment, the photo route."""

from __future__ import annotations

import json
import re
import uuid
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.extensions import db
from portal.registries import demo
from portal.registries.models import ProcessingLogEntry
from portal.reports import drafts
from portal.reports.locations import LocationUnavailable
from portal.reports.models import ReportDraft

URL = "/melding/plek"
EARLIER_STEPS = {
    "description": "De lantaarnpaal brandt niet.",
    "category": "lantaarnpaal-kapot",
    "category_confirmed": True,
    "questions_done": True,
}
DORPSSTRAAT_12 = "adr-9999010000000001"
HX = {"HX-Request": "true", "HX-Target": "place-results", "HX-Current-URL": "http://localhost/"}

HASHED_MAP_SCRIPT = re.compile(r"js/reports-map(\.[0-9a-f]{12})?\.js$")


@pytest.fixture(autouse=True)
def demo_addresses(app):
    demo.load()
    db.session.commit()


def start_draft(client, **data) -> ReportDraft:
    """A draft with the steps before the place done, in the client's session."""
    created = drafts.now()
    draft = ReportDraft(
        token=uuid.uuid4().hex,
        data={**EARLIER_STEPS, **data},
        started_at=created,
        updated_at=created,
        expires_at=created + timedelta(hours=1),
    )
    db.session.add(draft)
    db.session.commit()
    with client.session_transaction() as session:
        session[drafts.SESSION_KEY] = draft.token
    return draft


def data_of(draft: ReportDraft) -> dict:
    db.session.expire_all()
    return db.session.get(ReportDraft, draft.id).data


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def choices(response) -> list[str]:
    page = soup(response)
    return [
        page.find("label", attrs={"for": r["id"]}).get_text()
        for r in page.select("input[type=radio]")
    ]


# --- the page -----------------------------------------------------------------------------


def test_without_the_earlier_steps_the_resident_goes_back_to_the_first(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.headers["Location"].endswith("/melding")
    start_draft(client, category_confirmed=None)
    assert client.get(URL).headers["Location"].endswith("/melding/categorie")


def test_the_page_asks_where_with_a_plain_search_form_and_no_map(client):
    start_draft(client)
    response = client.get(URL)
    page = soup(response)
    assert response.status_code == 200
    assert page.h1.get_text() == "Waar is het?"
    assert "Stap 3 van 5" in page.title.get_text()
    search = page.find("form", attrs={"role": "search"})
    assert search["method"] == "get"
    assert page.find("label", attrs={"for": "zoek"}).get_text() == "Adres of straat"
    assert search.find("button").get_text() == "Zoeken"
    assert page.find(id="place-status")["role"] == "status"
    # The first visit downloads no map: no Leaflet, no map script.
    assert "leaflet" not in response.get_data(as_text=True)
    assert "reports-map.js" not in response.get_data(as_text=True)
    assert page.find("a", string="Kies de plek op de kaart")["href"].endswith("?kaart=1#kaart")


def test_search_without_javascript_lists_places_to_choose_from(client):
    start_draft(client)
    response = client.get(URL, query_string={"zoek": "dorpsstr 12"})
    assert response.status_code == 200
    assert choices(response) == ["Dorpsstraat 12, 9999 AA Voorbeeld"]
    assert soup(response).find(id="place-status").get_text() == "1 plek gevonden"
    assert soup(response).find(id="zoek")["value"] == "dorpsstr 12"


def test_a_street_is_offered_as_a_place_without_a_number(client):
    start_draft(client)
    found = choices(client.get(URL, query_string={"zoek": "Parklaan"}))
    assert found[0] == "Parklaan, Voorbeeld (ergens in de straat)"


def test_choosing_a_result_keeps_the_place_and_goes_on(client):
    draft = start_draft(client, duplicates_seen=True)
    response = client.post_form(
        URL, {"actie": "kiezen", "plek": DORPSSTRAAT_12, "zoek": "dorpsstraat 12"}
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/melding/lijkt-op")
    location = data_of(draft)["location"]
    assert location["label"] == "Dorpsstraat 12, 9999 AA Voorbeeld"
    assert (location["source"], location["street"], location["area"]) == (
        "zoeken",
        "Dorpsstraat",
        "Centrum",
    )
    assert location["place_id"] == DORPSSTRAAT_12
    # A new place needs a new look at the reports nearby.
    assert "duplicates_seen" not in data_of(draft)


def test_a_chosen_place_is_shown_when_the_resident_comes_back(client):
    start_draft(client)
    client.post_form(URL, {"actie": "kiezen", "plek": DORPSSTRAAT_12})
    page = soup(client.get(URL))
    assert "U koos: Dorpsstraat 12, 9999 AA Voorbeeld." in page.get_text()
    assert page.find("a", string="Doorgaan met deze plek")


def test_continuing_without_a_choice_says_so_and_keeps_the_search(client):
    draft = start_draft(client)
    response = client.post_form(URL, {"actie": "kiezen", "zoek": "dorpsstraat"})
    page = soup(response)
    assert response.status_code == 422
    assert page.title.get_text().startswith("Fout: ")
    assert page.select_one("[data-error-summary] a")["href"] == "#plek-0"
    assert "Kies een adres of straat uit de lijst." in page.get_text()
    assert page.find(id="zoek")["value"] == "dorpsstraat"
    assert choices(response)[0] == "Dorpsstraat, Voorbeeld (ergens in de straat)"
    assert "location" not in data_of(draft)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Vul een adres of straat in."),
        ("d", "Typ minstens 2 tekens van het adres of de straat."),
        ("Dorpsstraat " + "1" * 100, "Gebruik hoogstens 100 tekens."),
    ],
)
def test_a_search_text_that_cannot_be_searched_gets_a_message_and_is_kept(client, typed, message):
    start_draft(client)
    response = client.get(URL, query_string={"zoek": typed})
    page = soup(response)
    assert response.status_code == 422
    assert message in page.find(id="zoek-error").get_text()
    assert page.select_one("[data-error-summary] a")["href"] == "#zoek"
    assert page.find(id="zoek")["value"] == typed.strip()
    assert page.find(id="zoek")["aria-invalid"] == "true"


def test_nothing_found_says_what_to_try(client):
    start_draft(client)
    response = client.get(URL, query_string={"zoek": "Kalverstraat 1"})
    page = soup(response)
    assert response.status_code == 200
    assert "Wij vinden geen adres of straat bij ‘Kalverstraat 1’" in page.get_text()
    assert page.find(id="zoek")["value"] == "Kalverstraat 1"


def test_when_the_search_is_down_the_page_says_so_and_keeps_the_text(client, monkeypatch):
    class Down:
        def suggest(self, query, limit=7):
            raise LocationUnavailable("test")

    monkeypatch.setattr("portal.reports.place.location_service", lambda: Down())
    start_draft(client)
    response = client.get(URL, query_string={"zoek": "Dorpsstraat 12"})
    page = soup(response)
    assert response.status_code == 200
    assert "Het zoeken naar adressen werkt nu niet." in page.get_text()
    assert page.find(id="zoek")["value"] == "Dorpsstraat 12"


@pytest.mark.parametrize("place_id", ["adr-0000000000000000", "weg-kalverstraat", "x" * 500])
def test_an_unknown_place_id_gets_a_message(client, place_id):
    draft = start_draft(client)
    response = client.post_form(URL, {"actie": "kiezen", "plek": place_id})
    assert response.status_code == 422
    assert "Wij vinden deze plek niet meer." in response.get_data(as_text=True)
    assert "location" not in data_of(draft)


# --- the own address ----------------------------------------------------------------------


def test_a_signed_in_resident_is_offered_their_address_and_the_lookup_is_logged(client, sign_in):
    sign_in("inwoner")
    start_draft(client)
    page = soup(client.get(URL))
    assert "Uw adres is Dorpsstraat 12, 9999 AA Voorbeeld." in page.get_text()
    logged = db.session.scalars(
        select(ProcessingLogEntry).where(ProcessingLogEntry.purpose == "melding-plek")
    ).all()
    assert len(logged) == 1
    assert (logged[0].register, logged[0].outcome) == ("brp", "gevonden")
    assert logged[0].subject != "999990007"  # a pseudonym, never the BSN


def test_choosing_the_own_address_keeps_it(client, sign_in):
    sign_in("inwoner")
    draft = start_draft(client)
    response = client.post_form(URL, {"actie": "eigen-adres"})
    assert response.status_code == 303
    location = data_of(draft)["location"]
    assert (location["source"], location["label"]) == (
        "eigen-adres",
        "Dorpsstraat 12, 9999 AA Voorbeeld",
    )


def test_an_anonymous_resident_is_not_offered_an_address(client):
    start_draft(client)
    assert "Uw adres is" not in client.get(URL).get_data(as_text=True)
    response = client.post_form(URL, {"actie": "eigen-adres"})
    assert response.status_code == 422
    assert "Wij kunnen uw adres nu niet ophalen." in response.get_data(as_text=True)


# --- a point: GPS or the map --------------------------------------------------------------


def test_a_gps_point_is_kept_with_the_nearest_address_as_its_name(client):
    draft = start_draft(client)
    response = client.post_form(
        URL, {"actie": "punt", "bron": "gps", "lat": "52.300300", "lon": "6.093900"}
    )
    assert response.status_code == 303
    location = data_of(draft)["location"]
    assert (location["latitude"], location["longitude"]) == (52.3003, 6.0939)
    assert (location["source"], location["street"]) == ("gps", "Dorpsstraat")


def test_a_pin_far_from_addresses_is_kept_as_a_point(client):
    draft = start_draft(client)
    client.post_form(URL, {"actie": "punt", "bron": "kaart", "lat": "52.2880", "lon": "6.1100"})
    location = data_of(draft)["location"]
    assert location["label"] == "52.28800, 6.11000" and location["source"] == "kaart"


@pytest.mark.parametrize(
    ("lat", "lon", "organisation"),
    [
        ("52.3090", "6.1050", "ProRail"),
        ("52.3000", "6.1200", "Rijkswaterstaat"),
        ("52.3000", "6.0830", "Waterschap Voorbeelddelta"),
        ("52.3190", "6.1000", "Gemeente Noordveen"),
    ],
)
def test_a_place_outside_the_municipality_is_not_accepted_and_says_who_to_tell(
    client, lat, lon, organisation
):
    draft = start_draft(client)
    response = client.post_form(URL, {"actie": "punt", "bron": "kaart", "lat": lat, "lon": lon})
    page = soup(response)
    assert response.status_code == 422
    answer = page.find(id="andere-organisatie")
    assert answer["role"] == "alert"
    assert "Deze plek hoort niet bij Gemeente Voorbeeld" in answer.get_text()
    assert f"Daar zorgt {organisation} voor." in answer.get_text()
    assert answer.find("a", href=lambda h: h and h.startswith("tel:"))
    assert "location" not in data_of(draft)


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        ("", ""),
        ("abc", "6.1"),
        ("NaN", "6.1"),
        ("inf", "-inf"),
        ("95", "6.1"),
        ("52.3", "200"),
        ("1" * 5000, "6.1"),
        ("52.3", None),
    ],
)
def test_a_bad_point_gets_a_message_never_an_error_page(client, lat, lon):
    draft = start_draft(client)
    form = {"actie": "punt", "bron": "gps", "lat": lat}
    if lon is not None:
        form["lon"] = lon
    response = client.post_form(URL, form)
    assert response.status_code == 422
    assert "Wij konden deze plek niet lezen." in response.get_data(as_text=True)
    assert "location" not in data_of(draft)


def test_an_unknown_action_changes_nothing(client):
    draft = start_draft(client)
    response = client.post_form(URL, {"actie": "iets"})
    assert response.status_code == 303 and response.headers["Location"].endswith(URL)
    assert data_of(draft) == {**EARLIER_STEPS}


# --- htmx ---------------------------------------------------------------------------------


def test_suggestions_while_typing_come_as_a_fragment_with_the_count(client):
    start_draft(client)
    response = client.get(f"{URL}/suggesties", query_string={"zoek": "lindelaan 45"}, headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html
    fragment = BeautifulSoup(html, "html.parser")
    assert fragment.find(id="place-status")["hx-swap-oob"] == "innerHTML"
    assert fragment.find(id="place-status").get_text() == "2 plekken gevonden"
    assert len(fragment.select("input[type=radio]")) == 2
    assert fragment.find("input", attrs={"name": "csrf_token"})


def test_a_short_text_while_typing_is_no_error_yet(client):
    start_draft(client)
    response = client.get(f"{URL}/suggesties", query_string={"zoek": "d"}, headers=HX)
    assert "Fout" not in response.get_data(as_text=True)
    assert not BeautifulSoup(response.get_data(as_text=True), "html.parser").select("input")


def test_the_suggestions_address_without_htmx_gives_the_whole_page(client):
    start_draft(client)
    response = client.get(f"{URL}/suggesties", query_string={"zoek": "lindelaan 45"})
    assert soup(response).h1.get_text() == "Waar is het?"
    assert len(choices(response)) == 2


def test_suggestions_without_a_draft_send_htmx_to_the_start(client):
    response = client.get(f"{URL}/suggesties", query_string={"zoek": "kerkweg"}, headers=HX)
    assert response.status_code == 204 and response.headers["HX-Redirect"].endswith("/melding")


# --- the map ------------------------------------------------------------------------------


def test_the_map_opens_on_request_with_its_script_and_the_form_for_the_pin(client):
    start_draft(client)
    response = client.get(URL, query_string={"kaart": "1", "zoek": "kerkweg"})
    page = soup(response)
    assert page.find("script", src=lambda s: s and HASHED_MAP_SCRIPT.search(s))
    picker = page.find(attrs={"data-report-map": "pick"})
    assert picker["data-form"] == "kaart-form"
    assert re.search(r"vendor/leaflet/leaflet(\.[0-9a-f]{12})?\.js$", picker["data-leaflet-js"])
    assert picker["data-tile-url"] == ""
    kaart_form = page.find(id="kaart-form")
    assert kaart_form.find("input", attrs={"name": "zoek"})["value"] == "kerkweg"
    assert (
        page.find(attrs={"data-js-hide": True})
        .get_text()
        .startswith("De kaart werkt alleen met JavaScript.")
    )


def test_the_map_background_has_the_boundary_and_the_demo_streets(client):
    data = client.get("/melding/kaart/achtergrond.json").get_json()
    assert len(data["boundary"]) >= 3
    assert {zone["kind"] for zone in data["not_ours"]} == {"railway", "motorway", "water"}
    assert "Dorpsstraat" in {street["name"] for street in data["streets"]}


def test_a_tile_service_is_allowed_by_the_csp_and_geolocation_by_the_permissions(app, client):
    app.config["MAP_TILE_URL"] = (
        "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
    )
    response = client.get("/melding/kaart/achtergrond.json")
    assert (
        "img-src 'self' data: https://service.pdok.nl"
        in response.headers["Content-Security-Policy"]
    )
    assert "geolocation=(self)" in response.headers["Permissions-Policy"]


# --- the photo route ----------------------------------------------------------------------


def test_the_photo_route_postpones_the_place_to_the_photos(client):
    draft = start_draft(client)
    assert soup(client.get(URL)).find(
        "button", string="Ik weet het adres niet. Ik voeg een foto toe met de plek."
    )
    response = client.post_form(URL, {"actie": "foto"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/melding/fotos")
    assert data_of(draft)["place_from_photo"] is True


def test_when_the_photos_gave_no_place_the_page_says_so_and_offers_no_photo_route(client):
    draft = start_draft(client, place_from_photo=True, photos_done=True)
    page = soup(client.get(URL))
    assert "Op uw foto’s vonden wij geen plek." in page.get_text()
    assert not page.find(
        "button", string="Ik weet het adres niet. Ik voeg een foto toe met de plek."
    )
    response = client.post_form(URL, {"actie": "foto"})
    assert response.headers["Location"].endswith(URL)
    assert "location" not in data_of(draft)


def test_the_map_view_macro_lists_its_markers_as_links_next_to_the_map(app):
    from flask import render_template_string

    markers = [
        {"lat": 52.3, "lon": 6.1, "label": "Lantaarnpaal – Marktplein", "url": "/melding/1"},
        {"lat": 52.301, "lon": 6.099, "label": "Afval <b> – Kerkweg", "url": ""},
    ]
    with app.test_request_context("/"):
        html = render_template_string(
            '{% import "reports/_map.html" as maps %}{{ maps.scripts() }}'
            '{{ maps.view(markers, "kaart-test") }}',
            markers=markers,
        )
    page = BeautifulSoup(html, "html.parser")
    assert page.find("script", src=lambda s: s and HASHED_MAP_SCRIPT.search(s))
    container = page.find(id="kaart-test")
    assert container["data-report-map"] == "view" and container.has_attr("hidden")
    assert [m["label"] for m in json.loads(container["data-markers"])] == [
        "Lantaarnpaal – Marktplein",
        "Afval <b> – Kerkweg",
    ]
    items = page.select(".report-map-view__list li")
    assert items[0].find("a", href="/melding/1").get_text() == "Lantaarnpaal – Marktplein"
    assert items[1].get_text() == "Afval <b> – Kerkweg"  # text, not markup


def test_back_goes_to_the_questions_only_when_the_category_has_them(client):
    from portal.reports import questions

    with_questions = next(iter(questions.all_questions()))
    start_draft(client, category=with_questions)
    assert soup(client.get(URL)).find("a", string="Terug")["href"] == "/melding/vragen"
    start_draft(client, category="geen-vragen")
    assert soup(client.get(URL)).find("a", string="Terug")["href"] == "/melding/categorie"
