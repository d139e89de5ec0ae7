"""Plain language in the catalogue: "heeft u", and jargon explained on the page that uses it."""

import re

import pytest
from bs4 import BeautifulSoup

from portal.catalog import demo
from portal.editor.readability import hebt_u

# A word residents may not know → words that explain it; one of them must be on the page.
JARGON = {
    "WOZ": ("de waarde van uw huis volgens de gemeente",),
    "aanslag": ("de brief waarin staat hoeveel belasting u betaalt", "de brief over de belasting"),
    "kwijtschelding": ("Kwijtschelding betekent",),
    "BRP": ("de lijst van alle inwoners", "Die lijst heet de BRP"),
    "Wmo": ("De Wmo is de wet",),
    "EH3": ("inloggen voor bedrijven, met een extra controle",),
}
SLUGS = [entry["slug"] for entry in demo.read_fixture()["products"]]


def _resident_texts(entry: dict) -> list[str]:
    texts = []
    for key, value in entry["texts"]["nl"].items():
        if key == "synonyms":
            continue  # words people search with, never shown as sentences
        texts += value if isinstance(value, list) else [value]
    return texts


def text_of(response) -> str:
    return " ".join(BeautifulSoup(response.get_data(as_text=True), "html.parser").stripped_strings)


def test_the_catalogue_says_heeft_u_not_hebt_u():
    fixture = demo.read_fixture()
    texts = [text for entry in fixture["products"] for text in _resident_texts(entry)]
    texts += [text for entry in fixture["life_events"] for text in entry["texts"]["nl"].values()]
    assert [found for text in texts for found in hebt_u(text)] == []


@pytest.mark.parametrize("slug", SLUGS)
def test_jargon_on_a_product_page_is_explained_there(catalog, client, slug):
    page = text_of(client.get(f"/producten/{slug}"))
    unexplained = [
        word
        for word, explanations in JARGON.items()
        if re.search(rf"\b{word}", page) and not any(text in page for text in explanations)
    ]
    assert unexplained == []


def test_the_woz_is_explained_in_english_too(catalog, client):
    client.get("/taal/en")
    page = text_of(client.get("/producten/vraag-woz-belastingen"))
    assert "the value of your home according to the municipality" in page
