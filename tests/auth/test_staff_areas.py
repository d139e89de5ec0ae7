"""Staff land on the first area their roles open, and the header names exactly those areas."""

import pytest

from tests.support.auth import sign_in

LANDINGS = [
    ("behandelaar", "/medewerkers/zaken"),
    ("redacteur", "/medewerkers/redactie/"),
    ("teamleider", "/medewerkers/dashboard/"),
    ("klantcontact", "/medewerkers/zaken"),
    ("beheerder", "/medewerkers/zaken"),
]


@pytest.mark.parametrize(("persona_id", "landing"), LANDINGS)
def test_staff_land_on_their_first_area(client, persona_id, landing):
    response = sign_in(client, persona_id)
    assert response.status_code == 302
    assert response.headers["Location"].startswith(landing)


def test_a_next_page_still_wins(client):
    response = sign_in(client, "redacteur", next_url="/medewerkers/redactie/?x=1")
    assert response.headers["Location"] == "/medewerkers/redactie/?x=1"


@pytest.mark.parametrize(
    ("persona_id", "shown", "hidden"),
    [
        ("redacteur", ["Redactie"], ["Werkvoorraad", "Kennisbank", "Dashboard", "Beheer"]),
        ("klantcontact", ["Werkvoorraad", "Kennisbank"], ["Redactie", "Dashboard", "Beheer"]),
        ("teamleider", ["Dashboard"], ["Werkvoorraad", "Redactie", "Beheer"]),
        ("beheerder", ["Werkvoorraad", "Redactie", "Kennisbank", "Dashboard", "Beheer"], []),
    ],
)
def test_the_header_shows_the_areas_of_the_roles(client, persona_id, shown, hidden):
    sign_in(client, persona_id)
    nav = client.get("/").get_data(as_text=True).split('class="account-nav"')[1].split("</nav>")[0]
    for label in shown:
        assert f">{label}</a>" in nav
    for label in hidden:
        assert f">{label}</a>" not in nav
