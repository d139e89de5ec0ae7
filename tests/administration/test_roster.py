"""The roster at staff sign-in: when the broker sends no roles (or no team), the roster's
are used; an inactive roster member is refused even with broker roles; nothing → "no_role"."""

from sqlalchemy import select

from portal.administration.models import StaffMember
from portal.administration.staff import now
from portal.auth.models import AuditEvent, AuthSession
from portal.extensions import db
from portal.testprovider import persona
from tests.support.auth import sign_in


def _roster(staff_id: str, roles: list[str], team: str | None = None, active: bool = True):
    db.session.add(
        StaffMember(
            staff_id=staff_id,
            name="Iris Kok",
            roles=roles,
            team=team,
            active=active,
            updated_at=now(),
        )
    )
    db.session.commit()


def _signed_in_principal() -> dict | None:
    db.session.expire_all()
    rows = db.session.scalars(select(AuthSession)).all()
    assert len(rows) <= 1
    return rows[0].principal if rows else None


def _failures() -> list[str]:
    query = select(AuditEvent.detail).where(
        AuditEvent.action == "sign_in", AuditEvent.result == "failed"
    )
    return list(db.session.scalars(query))


def test_without_broker_roles_the_roster_gives_roles_and_team(client, roleless_persona):
    _roster(roleless_persona.sub, ["editor", "kcc"], team="webteam")
    response = sign_in(client, roleless_persona.id)
    assert response.status_code == 302
    principal = _signed_in_principal()
    assert sorted(principal["roles"]) == ["editor", "kcc"]
    assert principal["team"] == "webteam"
    assert principal["staff_id"] == roleless_persona.sub


def test_without_broker_roles_and_without_roster_the_sign_in_fails(client, roleless_persona):
    response = sign_in(client, roleless_persona.id)
    assert response.status_code == 400
    assert "U heeft geen rol in dit systeem" in response.get_data(as_text=True)
    assert _signed_in_principal() is None
    assert _failures() == ["staff:no_role:roles"]


def test_a_roster_entry_without_roles_does_not_help(client, roleless_persona):
    _roster(roleless_persona.sub, [], team="webteam")
    assert sign_in(client, roleless_persona.id).status_code == 400
    assert _signed_in_principal() is None


def test_an_inactive_roster_member_without_broker_roles_is_refused(client, roleless_persona):
    _roster(roleless_persona.sub, ["editor"], active=False)
    assert sign_in(client, roleless_persona.id).status_code == 400
    assert _failures() == ["staff:no_role:roster_inactive"]


def test_an_inactive_roster_member_is_refused_even_with_broker_roles(client):
    # Marking someone inactive is the municipality saying "no longer": a broker that still
    # sends roles does not undo that.
    _roster(persona("redacteur").sub, ["editor"], active=False)
    response = sign_in(client, "redacteur")
    assert response.status_code == 400
    assert "U heeft geen rol in dit systeem" in response.get_data(as_text=True)
    assert _signed_in_principal() is None
    assert _failures() == ["staff:no_role:roster_inactive"]


def test_broker_roles_win_over_the_roster_and_the_roster_fills_only_the_team(client):
    # The broker sends roles (editor) and a team (webteam) for Tom Peters; the roster says
    # otherwise and is not used for what the broker sent.
    _roster(persona("redacteur").sub, ["admin"], team="burgerzaken")
    assert sign_in(client, "redacteur").status_code == 302
    principal = _signed_in_principal()
    assert principal["roles"] == ["editor"]
    assert principal["team"] == "webteam"


def test_the_roster_fills_a_missing_team(client, roleless_persona, monkeypatch):
    from dataclasses import replace

    from portal.testprovider import personas

    with_roles = replace(roleless_persona, claims={**roleless_persona.claims, "roles": ["kcc"]})
    monkeypatch.setattr(
        personas, "PERSONAS", [p for p in personas.PERSONAS if p.id != with_roles.id] + [with_roles]
    )
    _roster(with_roles.sub, ["admin"], team="klantcontact")
    assert sign_in(client, with_roles.id).status_code == 302
    principal = _signed_in_principal()
    assert principal["roles"] == ["kcc"]
    assert principal["team"] == "klantcontact"


def test_an_administrator_can_deactivate_and_the_next_sign_in_fails(sign_in, app):
    # Through the pages: the beheerder adds Tom Peters as inactive.
    from tests.support.auth import sign_in as sign_in_persona

    admin = sign_in("beheerder")
    response = admin.post_form(
        "/medewerkers/beheer/medewerkers/nieuw",
        {"staff_id": persona("redacteur").sub, "name": "Tom Peters", "team": ""},
    )
    assert response.status_code == 302
    other = app.test_client()
    assert sign_in_persona(other, "redacteur").status_code == 400
