"""Who may open what: sign-in means, level of assurance, mandate scope, staff roles, and the
idle and absolute session limits."""

from datetime import UTC, datetime, timedelta

import pytest
from flask import Blueprint

from portal.auth import current_principal
from portal.auth.access import require, sign_in_required, staff_required
from portal.auth.models import AuditEvent, AuthSession
from portal.extensions import db
from tests.support.auth import sign_in

probe = Blueprint("probe", __name__)


@probe.get("/probe/resident")
@sign_in_required()
def resident_page():
    return f"subject={current_principal().subject.kind}"


@probe.get("/probe/substantieel")
@sign_in_required(means=("digid",), level="substantieel")
def personal_page():
    return "personal"


@probe.get("/probe/dienst/<slug>")
@sign_in_required(service=lambda slug: slug)
def service_page(slug):
    return f"service {slug}"


@probe.get("/probe/product/<slug>")
def product_page(slug):
    require(level="eh3" if slug == "terras" else None)
    return "product"


@probe.get("/probe/staff")
@staff_required(role="case_handler")
def staff_page():
    return "staff"


@probe.get("/probe/editor")
@staff_required(role="editor")
def editor_page():
    return "editor"


@pytest.fixture
def app(app):
    app.register_blueprint(probe)
    return app


def _audit(action):
    return db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == action)).all()


def test_anonymous_goes_to_sign_in_and_comes_back(client):
    response = client.get("/probe/resident?x=1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/inloggen?next=/probe/resident?x%3D1"
    assert client.get("/probe/staff").headers["Location"].startswith("/medewerkers/inloggen")
    back = sign_in(client, "inwoner", next_url="/probe/resident?x=1")
    assert back.headers["Location"] == "/probe/resident?x=1"
    assert client.get("/probe/resident?x=1").get_data(as_text=True) == "subject=person"


def test_htmx_requests_are_told_where_to_sign_in(client):
    response = client.get("/probe/resident", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response.headers["HX-Redirect"].startswith("/inloggen")


# persona, page, expected status
MATRIX = [
    ("inwoner", "/probe/resident", 200),
    ("inwoner", "/probe/substantieel", 200),
    ("inwoner", "/probe/staff", 403),
    ("inwoner-basis", "/probe/resident", 403),  # Basis opens no personal data at all
    ("inwoner-basis", "/probe/substantieel", 403),
    ("inwoner-midden", "/probe/substantieel", 403),
    ("ondernemer", "/probe/resident", 200),
    ("ondernemer", "/probe/substantieel", 403),
    ("ondernemer", "/probe/product/terras", 200),
    ("ondernemer-eh2", "/probe/product/terras", 403),
    ("ondernemer", "/probe/staff", 403),
    ("dochter-namens-vader", "/probe/dienst/uittreksel-brp", 200),
    ("dochter-namens-vader", "/probe/dienst/parkeervergunning", 403),
    ("bewindvoerder", "/probe/dienst/verhuizing-doorgeven", 200),
    ("bewindvoerder", "/probe/dienst/terrasvergunning", 403),
    ("inwoner", "/probe/dienst/parkeervergunning", 200),
    ("behandelaar", "/probe/staff", 200),
    ("behandelaar", "/probe/editor", 403),
    ("behandelaar", "/probe/resident", 403),
    ("redacteur", "/probe/staff", 403),
    ("redacteur", "/probe/editor", 200),
    ("beheerder", "/probe/staff", 200),
]


@pytest.mark.parametrize(("persona", "path", "status"), MATRIX)
def test_access_matrix(client, persona, path, status):
    sign_in(client, persona)
    assert client.get(path).status_code == status


def test_low_level_gets_an_explanation_and_a_way_up(client):
    sign_in(client, "inwoner-basis")
    page = client.get("/probe/substantieel").get_data(as_text=True)
    assert "U moet op een veiligere manier inloggen" in page
    assert "DigiD Basis" in page and "DigiD Substantieel" in page
    assert "/inloggen/digid?next=/probe/substantieel&amp;niveau=substantieel" in page
    assert len(_audit("access.level_too_low")) == 1


def test_mandate_refusal_explains_and_is_audited(client):
    sign_in(client, "dochter-namens-vader")
    page = client.get("/probe/dienst/parkeervergunning").get_data(as_text=True)
    assert "Uw machtiging geldt hier niet voor" in page
    (event,) = _audit("mandate.refused")
    assert event.target == "parkeervergunning"
    assert event.acting_for.startswith("person:") and "999990111" not in event.acting_for


def test_mandate_use_is_audited_once_per_service(client):
    sign_in(client, "dochter-namens-vader")
    client.get("/probe/dienst/uittreksel-brp")
    client.get("/probe/dienst/uittreksel-brp")
    assert [e.target for e in _audit("mandate.used")] == ["uittreksel-brp"]


def _age_session(**delta):
    row = db.session.scalars(db.select(AuthSession)).one()
    if "idle" in delta:
        row.last_seen_at = datetime.now(UTC) - delta["idle"]
    if "age" in delta:
        row.created_at = datetime.now(UTC) - delta["age"]
    db.session.commit()


def test_fifteen_minutes_idle_ends_the_session_and_keeps_the_place(client):
    sign_in(client, "inwoner")
    _age_session(idle=timedelta(minutes=14))
    assert client.get("/probe/resident").status_code == 200
    _age_session(idle=timedelta(minutes=16))
    response = client.get("/probe/resident?stap=2")
    assert response.status_code == 302
    assert response.headers["Location"] == "/inloggen?next=/probe/resident?stap%3D2&verlopen=1"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "U bent uitgelogd omdat u een tijd niets deed" in page
    assert db.session.scalars(db.select(AuthSession)).all() == []
    assert [e.result for e in _audit("session.ended")] == ["idle"]


def test_a_public_page_says_the_session_ended(client):
    sign_in(client, "inwoner")
    _age_session(idle=timedelta(minutes=20))
    page = client.get("/contact").get_data(as_text=True)
    assert "U bent uitgelogd omdat u 15 minuten niets deed" in page


def test_the_absolute_maximum_ends_even_an_active_session(client):
    sign_in(client, "inwoner")
    _age_session(age=timedelta(minutes=121), idle=timedelta(minutes=1))
    assert client.get("/probe/resident").status_code == 302
    assert [e.result for e in _audit("session.ended")] == ["too_old"]


def test_staying_signed_in_renews_the_idle_time(client):
    sign_in(client, "inwoner")
    _age_session(idle=timedelta(minutes=13))
    token_page = client.get("/contact").get_data(as_text=True)
    assert 'id="session-timeout"' in token_page
    from tests.support.client import csrf_token_from

    response = client.post(
        "/sessie/verlengen",
        headers={"Accept": "application/json", "X-CSRFToken": csrf_token_from(token_page)},
    )
    assert response.json["signed_in"] is True
    assert 890 <= response.json["seconds_left"] <= 900


def test_extend_after_the_session_ended_says_so(client):
    from tests.support.client import csrf_token_from

    sign_in(client, "inwoner")
    token = csrf_token_from(client.get("/contact").get_data(as_text=True))
    _age_session(idle=timedelta(minutes=16))
    response = client.post(
        "/sessie/verlengen", headers={"Accept": "application/json", "X-CSRFToken": token}
    )
    assert response.status_code == 401, response.get_data(as_text=True)[:2000]
    assert response.json == {"signed_in": False}


def test_staff_and_residents_never_share_pages(client):
    sign_in(client, "beheerder")
    page = client.get("/probe/resident").get_data(as_text=True)
    assert "Deze pagina is voor inwoners en ondernemers" in page


def test_clean_sessions_command_removes_only_expired_sessions(client, runner):
    sign_in(client, "inwoner")
    other = client.application.test_client()
    sign_in(other, "ondernemer")
    rows = db.session.scalars(db.select(AuthSession).order_by(AuthSession.means)).all()
    rows[0].last_seen_at = datetime.now(UTC) - timedelta(minutes=30)
    db.session.commit()
    result = runner.invoke(args=["clean-sessions"])
    assert "1 sessions removed" in result.output
    assert [r.means for r in db.session.scalars(db.select(AuthSession))] == ["eherkenning"]
