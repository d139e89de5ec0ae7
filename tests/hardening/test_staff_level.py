"""Staff sign-in checks the level of assurance (acr) the way resident sign-in does: a token
without one, or with a level below two factors, never makes anyone staff, let alone an
administrator."""

import pytest
from bs4 import BeautifulSoup

from portal.testprovider import personas
from tests.support.auth import sign_in


def admin_persona(monkeypatch, acr: str) -> str:
    persona = personas.Persona(
        id=f"beheerder-acr-{acr.rsplit(':', 1)[-1] or 'geen'}",
        realm=personas.MEDEWERKERS,
        label="Noor Smit",
        description="Beheerder; het token zegt niet of weinig over hoe veilig zij inlogde.",
        claims={"name": "Noor Smit", "email": "noor.smit@voorbeeld.example", "roles": ["admin"]},
        acr=acr,
    )
    # The provider runs in this process and reads the persona list per request.
    monkeypatch.setattr(personas, "PERSONAS", [*personas.PERSONAS, persona])
    return persona.id


def heading(response) -> str:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").h1.get_text(strip=True)


@pytest.mark.parametrize(
    ("acr", "said"),
    [
        ("", "Wij missen gegevens om u in te laten loggen"),
        (personas.DIGID_BASIS, "U bent niet veilig genoeg ingelogd"),
        ("urn:unknown", "Wij weten niet hoe veilig u bent ingelogd"),
    ],
)
def test_a_staff_token_without_a_good_enough_level_is_refused(client, monkeypatch, acr, said):
    refused = sign_in(client, admin_persona(monkeypatch, acr))
    assert refused.status_code == 400
    assert heading(refused) == said
    assert client.get("/medewerkers/beheer/").status_code in (302, 303, 401, 403)
    assert client.get("/medewerkers/zaken").status_code in (302, 303, 401, 403)


def test_a_staff_token_with_two_factors_signs_in(client):
    response = sign_in(client, "beheerder")
    assert response.status_code == 302
    assert "/inloggen" not in response.headers["Location"]
