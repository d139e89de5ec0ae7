"""The request flow through the test client, signed in through the real OIDC flow."""

from sqlalchemy import select

from portal.cases.models import Case
from portal.extensions import db
from tests.requests.conftest import HENK, PDF, date_parts, next_week, text_of, upload


def test_uittreksel_from_start_to_confirmation(signed_in, walker):
    client = signed_in("inwoner")
    start = client.get("/aanvragen/uittreksel-brp")
    assert start.status_code == 200
    walker.begin("uittreksel-brp")
    assert walker.step_name == "gegevens"
    page = text_of(walker.page())
    assert "Stap 1 van 4" in page
    assert "Fatima el Amrani" in page
    assert walker.post({}).status_code == 302
    assert walker.step_name == "soort"
    assert walker.post({"soort": "huidig", "doel": "nederland"}).status_code == 302
    assert walker.step_name == "contact"
    response = walker.post({"email": "fatima@voorbeeld.example", "telefoon": ""})
    assert response.status_code == 302
    assert walker.step_name == "controleren"
    check = text_of(walker.page())
    assert "Controleer uw antwoorden" in check
    assert "Met mijn gegevens van nu" in check
    response = walker.post({"verklaring": "y"})
    assert response.status_code == 303
    confirmation = client.get(response.location)
    assert "Uw zaaknummer is Z-" in text_of(confirmation)
    case = db.session.scalars(select(Case)).one()
    assert case.product_slug == "uittreksel-brp"
    assert case.answers["naam"] == "Fatima el Amrani"
    assert case.answers["soort"] == "Met mijn gegevens van nu"
    assert case.contact == {
        "email": "fatima@voorbeeld.example",
        "telefoon": "",
        "kanaal": "email",  # the case's e-mails go to the typed address
    }


def test_parkeervergunning_asks_about_the_lease_only_when_needed(signed_in, walker):
    signed_in("inwoner-midden")
    walker.begin("parkeervergunning-bewoners")
    walker.post({})
    assert walker.step_name == "auto"
    answers = {
        "kenteken": "ab-123-c",
        "eigenaar": "eigen",
        **date_parts("ingangsdatum", next_week()),
    }
    assert walker.post(answers).status_code == 302
    assert walker.step_name == "contact"


def test_verhuizing_to_a_crowded_address_is_flagged_but_received_as_normal(signed_in, walker):
    client = signed_in("inwoner-midden")
    walker.begin("verhuizing-doorgeven")
    walker.post({})
    assert walker.step_name == "nieuw-adres"
    response = walker.post({"postcode": "9999 ag", "huisnummer": "30", "toevoeging": ""})
    assert response.status_code == 302, text_of(response)
    assert walker.step_name == "wanneer"
    walker.post({"met_wie": "alleen", **date_parts("verhuisdatum", next_week())})
    walker.post({"email": "joost@voorbeeld.example", "telefoon": "06 12345678"})
    check = text_of(walker.page())
    assert "Havenkade 30, 9999 AG Voorbeeld" in check
    response = walker.post({"verklaring": "y"})
    confirmation = text_of(client.get(response.location))
    assert "Wij hebben uw aanvraag ontvangen" in confirmation
    assert "mensen" not in confirmation
    case = db.session.scalars(select(Case)).one()
    assert case.review_reason == "Op het nieuwe adres staan al 9 mensen ingeschreven."
    assert case.answers["nieuw_adres"] == "Havenkade 30, 9999 AG Voorbeeld"


def test_an_unknown_new_address_is_refused_with_a_clear_message(signed_in, walker):
    signed_in("inwoner-midden")
    walker.begin("verhuizing-doorgeven")
    walker.post({})
    response = walker.post({"postcode": "9999 AH", "huisnummer": "99"})
    assert response.status_code == 422
    assert "Wij vinden dit adres niet." in text_of(response)


def test_terrasvergunning_prefills_the_company_and_takes_a_drawing(signed_in, walker):
    client = signed_in("ondernemer")
    walker.begin("terrasvergunning")
    page = text_of(walker.page())
    assert "Café De Zon B.V." in page and "90001234" in page
    assert "Marktplein 1, 9999 AJ Voorbeeld" in page
    walker.post({})
    walker.post({"oppervlakte_m2": "24", "tafels": "6", "periode": "zomer"})
    assert walker.step_name == "tekening"
    response = walker.post({"tekening": upload(PDF, "terras.pdf")})
    assert response.status_code == 302, text_of(response)
    walker.post({"email": "ahmed@cafedezon.example"})
    response = walker.post({"verklaring": "y"})
    assert response.status_code == 303
    case = db.session.scalars(select(Case)).one()
    assert case.party_kind == "company" and case.party_branch == "000012345678"
    assert case.answers["tekening"] == "terras.pdf"
    attachment = [d for d in case.documents if d.kind == "bijlage"]
    assert [(d.name, d.content_type) for d in attachment] == [("terras.pdf", "application/pdf")]
    assert client.get(response.location).status_code == 200


def test_hulp_bij_het_huishouden_for_a_father_uses_his_data(signed_in, walker):
    client = signed_in("dochter-namens-vader")
    walker.begin("hulp-bij-het-huishouden")
    page = text_of(walker.page())
    assert "Henk Bakker" in page and "Molenweg 7" in page
    walker.post({})
    walker.post(
        {"vraag": "Mijn vader kan niet meer stofzuigen.", "hulp_nu": "mensen", "bellen": "ochtend"}
    )
    response = walker.post({"email": "", "telefoon": ""})
    assert response.status_code == 422
    assert "Vul uw telefoonnummer in." in text_of(response)
    walker.post({"email": "sanne@voorbeeld.example", "telefoon": "06 12345678"})
    response = walker.post({"verklaring": "y"})
    confirmation = text_of(client.get(response.location))
    assert "Wmo-team belt u binnen 5 werkdagen" in confirmation
    case = db.session.scalars(select(Case)).one()
    assert (case.party_identifier, case.actor_kind) == (HENK, "representative")


def test_woz_question_is_handed_over_to_the_partner(signed_in, walker):
    client = signed_in("inwoner")
    walker.begin("vraag-woz-belastingen")
    walker.post({"onderwerp": "woz", "vraag": "Mijn WOZ-waarde is te hoog."})
    walker.post({"email": "fatima@voorbeeld.example"})
    response = walker.post({"verklaring": "y"})
    confirmation = text_of(client.get(response.location))
    assert "doorgestuurd naar Belastingsamenwerking Voorbeeldregio" in confirmation
    case = db.session.scalars(select(Case)).one()
    assert case.answers["doorgestuurd_naar"] == "Belastingsamenwerking Voorbeeldregio"
    assert case.team == "belastingen-partner"


def test_an_administrator_with_eherkenning_acts_for_a_client(signed_in, walker):
    signed_in("bewindvoerder")
    walker.begin("verhuizing-doorgeven")
    page = text_of(walker.page())
    assert "Piet Smit" in page and "Beukenhof 8-2" in page
    walker.post({})
    walker.post({"postcode": "9999AH", "huisnummer": "4"})
    walker.post({"met_wie": "alleen", **date_parts("verhuisdatum", next_week())})
    walker.post({"email": "lisa@bewindvoering-noord.example"})
    check = text_of(walker.page())
    assert "Nieuw adres Nieuwe Gracht 4, 9999 AH Voorbeeld" in check
    walker.post({"verklaring": "y"})
    case = db.session.scalars(select(Case)).one()
    assert (case.party_kind, case.party_identifier) == ("person", "999990147")
    assert case.actor_kind == "representative" and case.review_reason is None
