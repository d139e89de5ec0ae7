"""Who may open functional administration: the beheerder sees every page; a redacteur, a
behandelaar and a teamleider are refused with a 403 page, and the refusal is audited."""

import pytest

from portal.administration.models import StaffMember, Team
from portal.administration.staff import now
from portal.extensions import db
from portal.testprovider import persona
from tests.administration.conftest import BASE, audit_rows
from tests.administration.factories import make_category, make_product
from tests.appointments.factories import make_location

PAGES = [
    "/",
    "/medewerkers",
    "/medewerkers/nieuw",
    "/medewerkers/{member}",
    "/teams",
    "/teams/nieuw",
    "/teams/{team}",
    "/termijnen",
    "/termijnen/product/paspoort",
    "/termijnen/melding/gat-in-de-weg",
    "/openingstijden",
    "/openingstijden/gemeentehuis",
    "/sluitingen/nieuw",
    "/instellingen",
]


@pytest.fixture
def pages(app) -> list[str]:
    member = StaffMember(staff_id="s-1", name="Iris Kok", roles=["editor"], updated_at=now())
    team = Team(slug="burgerzaken", name="Team Burgerzaken", updated_at=now())
    db.session.add_all([member, team])
    make_product("paspoort")
    make_category("gat-in-de-weg")
    make_location()
    db.session.commit()
    return [BASE + page.format(member=member.id, team=team.id) for page in PAGES]


def test_the_administrator_sees_every_page(admin, pages):
    for path in pages:
        response = admin.get(path)
        assert response.status_code == 200, path


@pytest.mark.parametrize("persona_id", ["redacteur", "behandelaar", "teamleider"])
def test_other_staff_are_refused_and_the_refusal_is_audited(sign_in, pages, persona_id):
    client = sign_in(persona_id)
    for path in pages:
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Beheer" not in response.get_data(as_text=True).split("<main", 1)[1][:50]
    refused = audit_rows("access.role_missing")
    actor = f"staff:{persona(persona_id).sub}"
    assert [(row.target, row.result, row.actor) for row in refused] == [
        (path, "refused", actor) for path in pages
    ]


def test_a_refused_change_changes_nothing(sign_in, pages):
    client = sign_in("teamleider")
    response = client.post_form(f"{BASE}/instellingen", {"target_mark": "9"}, page="/")
    assert response.status_code == 403
    assert audit_rows("admin.setting_changed") == []


def test_residents_and_visitors_do_not_get_in(client, sign_in, pages):
    assert client.get(f"{BASE}/").status_code == 302
    resident = sign_in("inwoner")
    assert resident.get(f"{BASE}/").status_code == 403
