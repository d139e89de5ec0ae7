"""Standard product identifiers: the demo products carry their UPL URI and SDG code where the
Uniforme Productnamenlijst has them, the product page gives them as metadata, and a case keeps
the codes its product had when it began."""

from bs4 import BeautifulSoup

from portal.auth.principal import Party
from portal.cases import creation as case_creation
from portal.cases import zgw_mapping
from portal.catalog import demo

UPL = "http://standaarden.overheid.nl/owms/terms/"


def test_the_demo_products_carry_official_upl_uris():
    products = {entry["slug"]: entry for entry in demo.read_fixture()["products"]}

    assert products["verhuizing-doorgeven"]["upl_uri"] == UPL + "verhuismelding"
    assert products["verhuizing-doorgeven"]["sdg_code"] == "D1"
    assert products["parkeervergunning-bewoners"]["sdg_code"] == "N1;D1"
    without = {slug for slug, entry in products.items() if not entry.get("upl_uri")}
    assert without == {"terugbelverzoek", "algemene-vraag", "vraag-woz-belastingen"}


def test_the_product_page_gives_the_codes_as_metadata(catalog, client):
    soup = BeautifulSoup(client.get("/producten/parkeervergunning-bewoners").text, "html.parser")

    assert soup.head.find("meta", attrs={"name": "DCTERMS.subject"})["content"] == (
        UPL + "parkeervergunning"
    )
    assert soup.head.find("meta", attrs={"name": "SDG.code"})["content"] == "N1;D1"
    assert "standaarden.overheid.nl" not in soup.body.get_text()


def test_a_case_keeps_its_products_codes(catalog):
    case = case_creation.create_case(
        product_slug="verhuizing-doorgeven",
        party=Party(kind="person", identifier="999990007"),
        actor=None,
        answers={"nieuw_adres": "Dorpsstraat 1"},
        idempotency_key="codes-1",
    )

    assert zgw_mapping.product_codes(case) == {"upl": UPL + "verhuismelding", "sdg": "D1"}
    assert zgw_mapping.case_reference(case)["zaaktype"] == zgw_mapping.zaaktype_url(
        "verhuizing-doorgeven"
    )
