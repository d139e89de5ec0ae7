"""Mijn gegevens in the browser's place: residents, representatives and companies see what
the registers say, with the source named; a register that is down does not break the page."""

import re

import pytest
from sqlalchemy import select

from portal.auth.models import AuditEvent
from portal.extensions import db
from portal.registries.models import ProcessingLogEntry
from tests.registries.conftest import http_config
from tests.support.auth import sign_in
from tests.support.principals import representative, sign_in_principal

FATIMA, SANNE, HENK = "999990007", "999990068", "999990111"
BRP = "Uit de Basisregistratie Personen (BRP)"
KVK = "Uit het Handelsregister van de KVK"


def text_of(response) -> str:
    html = response.get_data(as_text=True)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize(
    "path",
    [
        "/mijn-gegevens",
        "/mijn-gegevens/bedrijf",
        "/mijn-gegevens/klopt-er-iets-niet",
        "/mijn-gegevens/wie-heeft-gekeken",
        "/mijn-gegevens/contact",
    ],
)
def test_every_page_asks_to_sign_in_first(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/inloggen" in response.location


def test_a_resident_sees_name_birth_date_address_and_household(client, demo_data):
    sign_in(client, "inwoner")
    response = client.get("/mijn-gegevens")
    assert response.status_code == 200
    page = text_of(response)
    assert "Fatima el Amrani" in page
    assert "17 mei 1988" in page
    assert "Dorpsstraat 12, 9999 AA Voorbeeld" in page
    assert "Partner Youssef el Amrani" in page
    assert "Kind Noor el Amrani, geboren op 9 maart 2016" in page
    assert page.count(BRP) == 5
    assert FATIMA not in response.get_data(as_text=True)


def test_looking_is_written_to_the_processing_log(client, demo_data):
    sign_in(client, "inwoner")
    client.get("/mijn-gegevens")
    [entry] = db.session.scalars(
        select(ProcessingLogEntry).where(ProcessingLogEntry.purpose == "mijn-gegevens")
    ).all()
    assert (entry.register, entry.outcome, entry.actor_kind) == ("brp", "gevonden", "resident")
    assert FATIMA not in entry.subject and FATIMA not in entry.actor


def test_a_low_level_of_assurance_is_not_enough(client, demo_data):
    sign_in(client, "inwoner-basis")
    response = client.get("/mijn-gegevens")
    assert response.status_code == 403
    assert "Kees" not in text_of(response)


def test_a_daughter_sees_her_fathers_data_on_his_mandate(client, demo_data):
    sign_in(client, "dochter-namens-vader")
    page = text_of(client.get("/mijn-gegevens"))
    assert "Henk Bakker" in page
    assert "12 juni 1941" in page
    assert "Molenweg 7, 9999 AD Voorbeeld" in page
    assert "Kind Sanne Bakker" in page
    assert "Lindelaan" not in page  # nothing of her own data


@pytest.mark.parametrize(
    "path", ["/mijn-gegevens", "/mijn-gegevens/wie-heeft-gekeken", "/mijn-gegevens/contact"]
)
def test_a_mandate_without_personal_data_shows_why_not(client, demo_data, path):
    sign_in_principal(
        client, representative(SANNE, "Sanne Bakker", HENK, services=("uittreksel-brp",))
    )
    response = client.get(path)
    assert response.status_code == 403
    page = text_of(response)
    assert "U kunt deze gegevens niet bekijken" in page
    assert "Uw machtiging geldt niet voor het bekijken van persoonsgegevens" in page
    assert "Molenweg" not in page
    refused = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "mandate.refused")
    ).all()
    assert [event.target for event in refused] == ["persoonsgegevens"]
    assert db.session.scalar(select(ProcessingLogEntry.id)) is None  # no register was asked


def test_using_the_mandate_is_audited(client, demo_data):
    sign_in(client, "dochter-namens-vader")
    client.get("/mijn-gegevens")
    used = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "mandate.used"))
    assert "persoonsgegevens" in [event.target for event in used]


def test_an_administrator_sees_the_client_not_the_company(client, demo_data):
    sign_in(client, "bewindvoerder")
    page = text_of(client.get("/mijn-gegevens"))
    assert "Piet Smit" in page
    assert "Beukenhof 8-2, 9999 AF Voorbeeld" in page
    response = client.get("/mijn-gegevens/bedrijf")
    assert response.status_code == 302
    assert response.location.endswith("/mijn-gegevens")


def test_a_company_is_sent_to_its_company_page(client, demo_data):
    sign_in(client, "ondernemer")
    response = client.get("/mijn-gegevens")
    assert response.status_code == 302
    assert response.location.endswith("/mijn-gegevens/bedrijf")


def test_a_company_sees_its_branches_and_the_one_it_signed_in_for(client, demo_data):
    sign_in(client, "ondernemer")
    response = client.get("/mijn-gegevens/bedrijf")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    page = text_of(response)
    assert "Café De Zon B.V." in page and "90001234" in page
    assert "Marktplein 1, 9999 AJ Voorbeeld" in page
    assert "Café De Zon Stationsstraat" in page
    assert KVK in page
    assert "U bent ingelogd voor de vestiging Café De Zon (vestigingsnummer 000012345678)" in page
    [current] = re.findall(r'<li[^>]*aria-current="true"[^>]*>(.*?)</li>', html, re.S)
    assert "000012345678" in current and "000012345679" not in current


def test_the_page_still_works_when_the_person_register_is_down(client, demo_data, registry_stub):
    demo_data.config.update(http_config(registry_stub))
    registry_stub.mode = "down"
    sign_in(client, "inwoner")
    response = client.get("/mijn-gegevens")
    assert response.status_code == 200
    page = text_of(response)
    assert "Wij kunnen de gegevens nu niet ophalen" in page
    assert "Dit ligt niet aan u" in page
    assert "Contactgegevens" in page  # the rest of the page is there


def test_the_page_still_works_when_the_company_register_is_slow(client, demo_data, registry_stub):
    demo_data.config.update(http_config(registry_stub))
    registry_stub.mode = "slow"
    sign_in(client, "ondernemer")
    response = client.get("/mijn-gegevens/bedrijf")
    assert response.status_code == 200
    assert "Wij kunnen de gegevens nu niet ophalen" in text_of(response)


def test_the_corrections_page_explains_per_source(client, demo_data):
    sign_in(client, "inwoner")
    page = text_of(client.get("/mijn-gegevens/klopt-er-iets-niet"))
    assert "Basisregistratie Personen" in page and "balie Burgerzaken" in page
    sign_in(client, "ondernemer")
    page = text_of(client.get("/mijn-gegevens/klopt-er-iets-niet"))
    assert "Geef de wijziging door aan de KVK" in page


def test_who_looked_is_told_in_plain_words(client, demo_data):
    sign_in(client, "inwoner")
    client.get("/mijn-gegevens")
    page = text_of(client.get("/mijn-gegevens/wie-heeft-gekeken"))
    assert "U zelf" in page
    assert "Waarom Om de gegevens te laten zien op de pagina Mijn gegevens." in page
    assert "Basisregistratie Personen (BRP)" in page


def test_a_representative_is_named_in_the_log_of_whom_they_act_for(client, demo_data):
    sign_in(client, "dochter-namens-vader")
    client.get("/mijn-gegevens")
    page = text_of(client.get("/mijn-gegevens/wie-heeft-gekeken"))
    assert "Wie U, namens Henk Bakker Waarom Om de gegevens te laten zien" in page
    assert "Iemand anders" not in page
