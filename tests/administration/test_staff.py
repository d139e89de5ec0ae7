"""Staff and teams through the pages: add, change, deactivate, each audited with the old and
the new value; bad input gets a B1 message next to the field and saves nothing."""

import pytest
from sqlalchemy import func, select

from portal.administration.models import StaffMember, Team
from portal.administration.staff import now
from portal.extensions import db
from tests.administration.conftest import BASE, audit_rows

NEW_MEMBER = {
    "staff_id": "a1b2-c3d4",
    "name": "Iris Kok",
    "email": "iris.kok@voorbeeld.example",
    "roles": ["editor", "kcc"],
    "team": "klantcontact",
    "active": "y",
}


def _members() -> list[StaffMember]:
    db.session.expire_all()
    return list(db.session.scalars(select(StaffMember)))


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_adding_a_staff_member_is_saved_and_audited(admin):
    response = admin.post_form(f"{BASE}/medewerkers/nieuw", NEW_MEMBER)
    assert response.status_code == 302
    (member,) = _members()
    assert (member.staff_id, member.name, member.team, member.active) == (
        "a1b2-c3d4",
        "Iris Kok",
        "klantcontact",
        True,
    )
    assert sorted(member.roles) == ["editor", "kcc"]
    (event,) = audit_rows("admin.staff_added")
    assert event.target == "a1b2-c3d4"
    assert event.detail == "—→Iris Kok (editor,kcc; klantcontact)"
    assert event.actor.startswith("staff:")
    listed = admin.get(f"{BASE}/medewerkers").get_data(as_text=True)
    assert "Iris Kok" in listed and "Redacteur, Klantcontact" in listed


def test_changing_roles_and_deactivating_writes_old_and_new(admin):
    admin.post_form(f"{BASE}/medewerkers/nieuw", NEW_MEMBER)
    (member,) = _members()
    changed = {**NEW_MEMBER, "roles": ["editor"], "team": ""}
    del changed["active"]
    response = admin.post_form(f"{BASE}/medewerkers/{member.id}", changed)
    assert response.status_code == 302
    (member,) = _members()
    assert (member.roles, member.team, member.active) == (["editor"], None, False)
    details = sorted(event.detail for event in audit_rows("admin.staff_changed"))
    assert details == ["roles: editor,kcc→editor", "team: klantcontact→—"]
    (deactivated,) = audit_rows("admin.staff_deactivated")
    assert (deactivated.target, deactivated.detail) == ("a1b2-c3d4", "ja→nee")


def test_saving_without_changes_writes_no_audit_row(admin):
    admin.post_form(f"{BASE}/medewerkers/nieuw", NEW_MEMBER)
    (member,) = _members()
    admin.post_form(f"{BASE}/medewerkers/{member.id}", NEW_MEMBER)
    assert audit_rows("admin.staff_changed") == []


def test_the_same_login_code_twice_is_refused(admin):
    admin.post_form(f"{BASE}/medewerkers/nieuw", NEW_MEMBER)
    response = admin.post_form(f"{BASE}/medewerkers/nieuw", {**NEW_MEMBER, "staff_id": "A1B2-C3D4"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Er staat al een medewerker met deze inlogcode in de lijst." in page
    assert len(_members()) == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", "Vul de naam in"),
        ({"staff_id": "   "}, "staff_id", "Vul de inlogcode in"),
        ({"name": "x" * 5000}, "name", "Dit is te lang. Gebruik maximaal 200 tekens."),
        ({"name": "Iris\x00Kok"}, "name", "Hier staat een teken dat niet mag."),
        ({"email": "geen-adres"}, "email", "Vul een e-mailadres in zoals naam@voorbeeld.nl"),
        ({"roles": ["root"]}, "roles", "Kies rollen uit de lijst"),
        ({"team": "bestaat-niet"}, "team", "Kies een team uit de lijst"),
    ],
)
def test_bad_staff_input_is_explained_and_nothing_is_saved(admin, change, field, message):
    response = admin.post_form(f"{BASE}/medewerkers/nieuw", {**NEW_MEMBER, **change})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page
    assert message in page
    assert "<title>Fout: " in page
    assert _members() == []
    assert audit_rows("admin.staff_added") == []


def test_typed_values_stay_after_an_error(admin):
    response = admin.post_form(f"{BASE}/medewerkers/nieuw", {**NEW_MEMBER, "email": "fout"})
    page = response.get_data(as_text=True)
    assert 'value="Iris Kok"' in page and 'value="a1b2-c3d4"' in page


@pytest.mark.parametrize(
    "path",
    ["/medewerkers/999999", "/medewerkers/99999999999999999999", "/teams/424242", "/medewerkers/0"],
)
def test_unknown_ids_are_404(admin, path):
    assert admin.get(BASE + path).status_code == 404


def test_missing_fields_do_not_break_the_page(admin):
    response = admin.post_form(f"{BASE}/medewerkers/nieuw", {})
    assert response.status_code == 422
    assert _members() == []


# --- Teams ----------------------------------------------------------------------------

NEW_TEAM = {
    "slug": "belastingen",
    "name": "Team Belastingen",
    "email": "belastingen@voorbeeld.example",
    "phone": "14 0123",
    "lead_email": "lead@voorbeeld.example",
    "active": "y",
}


def test_adding_and_changing_a_team_is_audited(admin):
    assert admin.post_form(f"{BASE}/teams/nieuw", NEW_TEAM).status_code == 302
    team = db.session.scalar(select(Team).where(Team.slug == "belastingen"))
    (added,) = audit_rows("admin.team_added")
    assert (added.target, added.detail) == (
        "belastingen",
        "—→Team Belastingen (belastingen@voorbeeld.example)",
    )
    changed = {**NEW_TEAM, "slug": "iets-anders", "lead_email": "nieuw@voorbeeld.example"}
    assert admin.post_form(f"{BASE}/teams/{team.id}", changed).status_code == 302
    db.session.expire_all()
    assert (team.slug, team.lead_email) == ("belastingen", "nieuw@voorbeeld.example")
    (event,) = audit_rows("admin.team_changed")
    assert event.detail == "lead_email: lead@voorbeeld.example→nieuw@voorbeeld.example"


def test_a_new_team_can_be_chosen_for_staff(admin):
    admin.post_form(f"{BASE}/teams/nieuw", NEW_TEAM)
    page = admin.get(f"{BASE}/medewerkers/nieuw").get_data(as_text=True)
    assert '<option value="belastingen">Team Belastingen</option>' in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"slug": "Met Spaties"}, "Gebruik alleen kleine letters, cijfers en streepjes"),
        ({"slug": ""}, "Vul de code van het team in"),
        ({"name": "\x00"}, "Hier staat een teken dat niet mag."),
        ({"lead_email": "x@"}, "Vul een e-mailadres in"),
    ],
)
def test_bad_team_input_is_refused(admin, change, message):
    response = admin.post_form(f"{BASE}/teams/nieuw", {**NEW_TEAM, **change})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _count(Team) == 0


def test_a_team_code_is_unique(admin):
    db.session.add(Team(slug="belastingen", name="Oud", updated_at=now()))
    db.session.commit()
    response = admin.post_form(f"{BASE}/teams/nieuw", NEW_TEAM)
    assert response.status_code == 422
    assert "Er is al een team met deze code." in response.get_data(as_text=True)
