"""Who may use the knowledge search: role kcc (admin passes), refusals audited, and a kcc
member cannot reach the editor's pages."""

import pytest
from sqlalchemy import select

from portal.auth.models import AuditEvent
from portal.extensions import db

KB = "/medewerkers/kennisbank"
PAGES = [
    "/",
    "/?q=paspoort",
    "/product/reisdocument-aanvragen",
    "/product/reisdocument-aanvragen/zaak",
    "/product/reisdocument-aanvragen/terugbellen",
    "/vraag-en-antwoord/paspoort-kwijt",
    "/mededeling/kerst-gesloten",
    "/mijn-contacten",
]


@pytest.mark.parametrize("persona", ["klantcontact", "beheerder"])
def test_kcc_and_admin_get_in(client, sign_in, knowledge, persona):
    sign_in(persona)
    for path in PAGES:
        assert client.get(KB + path).status_code == 200, path


@pytest.mark.parametrize("persona", ["redacteur", "behandelaar", "teamleider"])
def test_staff_without_the_role_are_refused_and_audited(client, sign_in, knowledge, persona):
    sign_in(persona)
    for path in PAGES:
        assert client.get(KB + path).status_code == 403, path
    post = client.post(f"{KB}/product/reisdocument-aanvragen", data={"answered": "ja"})
    assert post.status_code in (400, 403)
    refused = db.session.scalars(select(AuditEvent).where(AuditEvent.result == "refused")).all()
    assert {e.target.split("?")[0] for e in refused} >= {
        KB + "/",
        KB + "/product/reisdocument-aanvragen",
        KB + "/mijn-contacten",
    }


def test_a_resident_or_nobody_is_not_let_in(client, sign_in, knowledge):
    assert client.get(KB + "/").status_code in (302, 303)
    sign_in("inwoner")
    assert client.get(KB + "/").status_code in (302, 303, 403)


def test_a_kcc_member_cannot_reach_the_editor(client, sign_in, knowledge):
    sign_in("klantcontact")
    assert client.get("/medewerkers/redactie/").status_code == 403
    refused = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.result == "refused", AuditEvent.target.like("/medewerkers/redactie%")
        )
    ).all()
    assert refused
