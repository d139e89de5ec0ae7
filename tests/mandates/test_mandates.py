"""Acting for someone: switching to oneself and to another mandate through the broker, the
searchable list, the represented person's page and the block he can set."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from flask import g
from sqlalchemy import select

from portal.auth.models import AuditEvent, AuthSession, MandateUse
from portal.auth.pseudonym import pseudonym
from portal.catalog import demo as catalog_demo
from portal.extensions import db
from portal.registries import demo as registries_demo
from tests.support.auth import sign_in as sign_in_persona

HENK = "999990111"


@pytest.fixture(autouse=True)
def brp(app):
    """The register's demo people, so pages say "Henk Bakker" and "Sanne Bakker"."""
    registries_demo.load()
    db.session.commit()


def _actions(result=None):
    query = select(AuditEvent.action).order_by(AuditEvent.id)
    if result:
        query = query.where(AuditEvent.result == result)
    return db.session.scalars(query).all()


def _other_client() -> None:
    """Test clients share the app context, so one `g`: forget the last client's CSRF token."""
    g.pop("csrf_token", None)


def _principal():
    (row,) = db.session.scalars(select(AuthSession)).all()
    return row.principal


def _switch_through_broker(client, mandate_id: str, persona_id: str):
    """Choose a mandate in the portal, sign in again at the provider, come back."""
    started = client.post_form("/namens/kiezen", {"machtiging": mandate_id})
    assert started.status_code == 302, started.get_data(as_text=True)[:300]
    authorize = started.headers["Location"]
    assert parse_qs(urlsplit(authorize).query)["machtiging"] == [mandate_id]
    assert "99999" not in authorize  # no BSN in the URL
    with requests.Session() as browser:
        assert browser.get(authorize, timeout=10).status_code == 200
        answer = browser.post(
            authorize, data={"persoon": persona_id, "actie": "inloggen"}, allow_redirects=False
        )
    back = urlsplit(answer.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


def test_header_offers_switching_while_acting_for_someone(sign_in, client):
    sign_in("dochter-namens-vader")
    page = client.get("/contact").get_data(as_text=True)
    assert "U regelt dit namens Henk Bakker" in page
    assert "Voor mijzelf regelen" in page
    assert "Voor iemand anders regelen" in page


def test_switch_to_self_replaces_the_principal_and_is_audited(sign_in, client):
    sign_in("dochter-namens-vader")
    old_key = db.session.scalar(select(AuthSession.id))
    response = client.post_form("/namens/mijzelf", page="/contact")
    assert response.status_code == 302
    principal = _principal()
    assert principal["represented"] is None
    assert principal["mandate_services"] == []
    assert principal["bsn"] == "999990068"
    assert db.session.scalar(select(AuthSession.id)) != old_key
    assert "mandate.switched_to_self" in _actions()
    page = client.get("/contact").get_data(as_text=True)
    assert "U regelt dit voor uzelf" in page
    assert "U regelt dit namens" not in page
    # Her own cases now, not her father's.
    assert (
        "namens" not in client.get("/mijn-overzicht").get_data(as_text=True).split("<main")[1][:400]
    )


def test_switch_to_self_needs_the_csrf_token(sign_in, client):
    sign_in("dochter-namens-vader")
    response = client.post("/namens/mijzelf")
    assert response.status_code == 400
    assert _principal()["represented"] is not None


def test_switch_to_another_mandate_goes_through_the_broker(sign_in, client):
    sign_in("dochter-namens-vader")
    response = _switch_through_broker(client, "m-sanne-truus", "dochter-namens-vader")
    assert response.status_code == 302
    principal = _principal()
    assert principal["represented"]["identifier"] == "999991280"
    assert principal["mandate_services"] == ["hulp-bij-het-huishouden"]
    assert principal["represented_name"] == "Truus Bakker"
    assert "U regelt dit namens Truus Bakker" in client.get("/contact").get_data(as_text=True)


def test_back_from_self_to_the_father(sign_in, client):
    sign_in("dochter-namens-vader")
    client.post_form("/namens/mijzelf", page="/contact")
    _switch_through_broker(client, "m-sanne-henk", "dochter-namens-vader")
    assert _principal()["represented"]["identifier"] == HENK
    assert "U regelt dit namens Henk Bakker" in client.get("/contact").get_data(as_text=True)


def test_an_unknown_mandate_id_is_refused_and_audited(sign_in, client):
    sign_in("dochter-namens-vader")
    response = client.post_form("/namens/kiezen", {"machtiging": "m-zuid-01"})
    assert response.status_code == 200
    assert ("mandate.switch_started", "refused") in db.session.execute(
        select(AuditEvent.action, AuditEvent.result)
    ).all()
    assert _principal()["represented"]["identifier"] == HENK


def test_the_list_of_25_clients_is_searchable_without_javascript(sign_in, client):
    sign_in("bewindvoerder-veel-clienten")
    page = client.get("/namens/kiezen").get_data(as_text=True)
    assert "U heeft 25 machtigingen" in page
    assert page.count('name="machtiging"') == 25
    assert "999991" not in page  # no BSN of any client on the page
    found = client.get("/namens/kiezen?zoek=kok").get_data(as_text=True)
    assert found.count('name="machtiging"') == 1
    assert "Regel zaken voor Olga Kok" in found
    none = client.get("/namens/kiezen?zoek=nobody").get_data(as_text=True)
    assert 'name="machtiging"' not in none
    assert "Wij vonden niemand met deze naam" in none


def test_a_search_that_is_too_long_says_so(sign_in, client):
    sign_in("bewindvoerder-veel-clienten")
    response = client.get("/namens/kiezen", query_string={"zoek": "x" * 101})
    page = response.get_data(as_text=True)
    assert "Typ hoogstens 100 tekens." in page
    assert "Er is een probleem" in page
    assert page.count('name="machtiging"') == 25


def test_the_bewindvoerder_switches_to_a_client(sign_in, client):
    sign_in("bewindvoerder-veel-clienten")
    _switch_through_broker(client, "m-zuid-15", "bewindvoerder-veel-clienten")
    principal = _principal()
    assert principal["represented"]["identifier"] == "999991152"
    assert principal["represented_name"] == "Olga Kok"


def test_the_product_page_offers_start_only_when_the_mandate_covers_it(sign_in, client):
    catalog_demo.load()
    db.session.commit()
    sign_in("buurman-namens-henk")
    covered = client.get("/producten/hulp-bij-het-huishouden").get_data(as_text=True)
    assert "mandate-not-covered" not in covered
    other = client.get("/producten/uittreksel-brp").get_data(as_text=True)
    assert "Uw machtiging geldt niet voor" in other
    assert ">Start<" not in other


def test_the_father_sees_who_acted_for_him_and_blocks_her(app, client):
    sign_in_persona(client, "dochter-namens-vader")
    client.get("/mijn-zaken")
    daughter = app.test_client()
    # The daughter stays signed in on her own client while the father uses another.
    daughter.set_cookie("session", client.get_cookie("session").value)
    father = app.test_client()
    sign_in_persona(father, "vader")
    page = father.get("/wie-regelt-zaken-voor-mij").get_data(as_text=True)
    assert "Sanne Bakker" in page
    assert "Logde in om zaken voor u te regelen" in page
    (row,) = db.session.scalars(select(MandateUse)).all()
    assert row.subject == f"person:{pseudonym(HENK)}"
    assert HENK not in row.subject and "999990068" not in row.actor

    _other_client()
    blocked = father.post_form(
        "/wie-regelt-zaken-voor-mij/stoppen",
        {"gemachtigde": str(row.id)},
        page="/wie-regelt-zaken-voor-mij",
    )
    assert blocked.status_code == 302
    db.session.refresh(row)
    assert row.blocked_at is not None

    refused = daughter.get("/mijn-zaken")
    assert refused.status_code == 403
    text = refused.get_data(as_text=True)
    assert "geen zaken meer regelen voor Henk Bakker" in text
    assert ("mandate.blocked", "refused") in db.session.execute(
        select(AuditEvent.action, AuditEvent.result)
    ).all()
    # She may go on for herself.
    _other_client()
    daughter.post_form("/namens/mijzelf", page="/mijn-zaken")
    assert daughter.get("/mijn-zaken").status_code == 200
    # And a new sign-in on the blocked mandate is refused too.
    again = sign_in_persona(app.test_client(), "dochter-namens-vader")
    assert again.status_code == 403
    assert "U kunt hier geen zaken meer regelen" in again.get_data(as_text=True)


def test_the_father_can_allow_her_again(app, client):
    sign_in_persona(client, "dochter-namens-vader")
    father = app.test_client()
    sign_in_persona(father, "vader")
    row = db.session.scalars(select(MandateUse)).one()
    for action, blocked in (("stoppen", True), ("toestaan", False)):
        _other_client()
        father.post_form(
            f"/wie-regelt-zaken-voor-mij/{action}",
            {"gemachtigde": str(row.id)},
            page="/wie-regelt-zaken-voor-mij",
        )
        db.session.refresh(row)
        assert (row.blocked_at is not None) is blocked
    assert client.get("/mijn-zaken").status_code == 200


def test_no_one_blocks_someone_elses_representative(app, client):
    sign_in_persona(client, "dochter-namens-vader")
    row = db.session.scalars(select(MandateUse)).one()
    other = app.test_client()
    sign_in_persona(other, "inwoner")
    _other_client()
    response = other.post_form(
        "/wie-regelt-zaken-voor-mij/stoppen",
        {"gemachtigde": str(row.id)},
        page="/wie-regelt-zaken-voor-mij",
    )
    assert response.status_code == 302
    db.session.refresh(row)
    assert row.blocked_at is None
    assert ("mandate.block", "refused") in db.session.execute(
        select(AuditEvent.action, AuditEvent.result)
    ).all()
    page = other.get("/wie-regelt-zaken-voor-mij").get_data(as_text=True)
    assert "Sanne Bakker" not in page


def test_the_representative_does_not_see_the_represented_persons_page(sign_in, client):
    sign_in("dochter-namens-vader")
    response = client.get("/wie-regelt-zaken-voor-mij")
    assert response.status_code == 403
    assert ("mandates.page", "refused") in db.session.execute(
        select(AuditEvent.action, AuditEvent.result)
    ).all()


def test_the_company_sees_its_accountant(app, client):
    sign_in_persona(client, "accountant-namens-bedrijf")
    assert "U regelt dit namens Café De Zon B.V." in client.get("/contact").get_data(as_text=True)
    company = app.test_client()
    sign_in_persona(company, "ondernemer")
    page = company.get("/wie-regelt-zaken-voor-mij").get_data(as_text=True)
    assert "Ilse Vermeulen" in page


def test_the_father_sees_both_names_on_what_she_did_for_him(app, client):
    from portal.auth.principal import Party, Principal
    from portal.cases import creation as case_creation
    from portal.cases import handling as case_handling

    catalog_demo.load()
    db.session.commit()
    sign_in_persona(client, "dochter-namens-vader")
    sanne = Principal.from_dict(_principal())
    case = case_creation.create_case(
        product_slug="hulp-bij-het-huishouden",
        party=Party("person", HENK),
        actor=sanne,
        answers={"vraag": "Hulp bij het schoonmaken."},
        idempotency_key="test-sanne-for-henk",
    )
    case_handling.send_message(case, "Mijn vader is dinsdag thuis.", sanne)
    db.session.commit()
    father = app.test_client()
    sign_in_persona(father, "vader")
    listing = father.get("/mijn-zaken").get_data(as_text=True)
    assert "Sanne Bakker namens u" in listing
    detail = father.get(f"/mijn-zaken/{case.number}").get_data(as_text=True)
    assert "Sanne Bakker namens u" in detail
    assert "Sanne Bakker namens Henk Bakker schreef" in detail
    # She herself sees the stored label, and her own messages as "U schreef".
    own = client.get(f"/mijn-zaken/{case.number}").get_data(as_text=True)
    assert "Sanne Bakker namens Henk Bakker" in own
    assert "U schreef" in own
