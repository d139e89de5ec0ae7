"""The request flow through the test client, signed in through the real OIDC flow."""

from sqlalchemy import select

from portal.cases.models import Case
from portal.extensions import db
from tests.requests.conftest import date_parts, next_week, text_of


def test_uittreksel_from_start_to_confirmation(signed_in, walker):
    client = signed_in("inwoner")
    start = client.get("/aanvragen/uittreksel-brp")
    assert start.status_code == 200
    walker.begin("uittreksel-brp")
    assert walker.step_name == "gegevens"
    page = text_of(walker.page())
    assert "Stap 1 van 3" in page
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
    assert case.contact == {"email": "fatima@voorbeeld.example", "telefoon": ""}


def test_parkeervergunning_asks_about_the_lease_only_when_needed(signed_in, walker):
    signed_in("inwoner-midden")
    walker.begin("parkeervergunning-bewoners")
    walker.post({})
    assert walker.step_name == "auto"
    answers = {"kenteken": "ab-123-c", "eigenaar": "eigen", **date_parts("ingangsdatum", next_week())}
    assert walker.post(answers).status_code == 302
    assert walker.step_name == "contact"
