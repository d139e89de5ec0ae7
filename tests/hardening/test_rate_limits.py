"""Rate limits: what a person can make the portal do again and again is counted, per account
when signed in and per address otherwise, and the next try gets a calm 429 page that says when
to try again. Limits are set low by `tests/hardening/conftest.py`."""

import re
import socket
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from portal.cases.models import Case
from portal.catalog import demo as catalog_demo
from portal.extensions import db
from portal.notifications.models import OutboxEvent
from portal.ratelimits import files_sent
from portal.registries import demo as registries_demo
from portal.reports import antibot, categories
from tests.hardening.conftest import limited_app_for
from tests.questions.ask_support import send as send_question
from tests.reports.test_flow import ready_to_check
from tests.support.auth import sign_in

OTHER_ADDRESS = {"REMOTE_ADDR": "192.0.2.44"}


@pytest.fixture
def demo_data(limited_app):
    registries_demo.load()
    catalog_demo.load()
    categories.load()
    db.session.commit()


@pytest.fixture
def patient(monkeypatch):
    monkeypatch.setattr(antibot, "MIN_SECONDS", 0)


def heading(response) -> str:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").h1.get_text(strip=True)


def text_of(response) -> str:
    return " ".join(BeautifulSoup(response.get_data(as_text=True), "html.parser").stripped_strings)


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def assert_too_many(response) -> None:
    assert response.status_code == 429
    assert heading(response) == "Te veel pogingen"
    seconds = int(response.headers["Retry-After"])
    assert 0 < seconds <= 3600
    assert re.search(r"Probeer het over \d+ minu(ut|ten) opnieuw", text_of(response))


def test_sign_in_starts_stop_at_the_limit_with_a_page_that_says_when(limited_client):
    for _ in range(3):
        assert limited_client.get("/inloggen/digid").status_code == 302
    refused = limited_client.get("/medewerkers/inloggen/start")
    assert_too_many(refused)
    assert int(refused.headers["Retry-After"]) <= 60


def test_sign_in_starts_are_counted_per_address(limited_client):
    for _ in range(3):
        limited_client.get("/inloggen/digid")
    other = limited_client.get("/inloggen/digid", environ_base=OTHER_ADDRESS)
    assert other.status_code == 302


def save_email(client, address: str):
    data = {"email": address, "phone": "", "language": "nl"}
    return client.post_form("/mijn-gegevens/contact", data)


def test_confirmation_mail_is_limited_per_account(limited_app, limited_client, demo_data):
    sign_in(limited_client, "inwoner")
    for number in range(2):
        assert save_email(limited_client, f"iemand{number}@voorbeeld.example").status_code == 302
    refused = save_email(limited_client, "slachtoffer@voorbeeld.example")
    assert_too_many(refused)
    assert count(OutboxEvent) == 2

    neighbour = limited_app.test_client()  # same address, another account
    with limited_app.app_context():  # a g of its own, as a second browser has
        sign_in(neighbour, "inwoner-midden")
        assert save_email(neighbour, "buurman@voorbeeld.example").status_code == 302


def test_a_form_sent_back_with_a_mistake_does_not_count(limited_client, demo_data):
    sign_in(limited_client, "inwoner")
    for _ in range(4):
        assert save_email(limited_client, "geen-adres").status_code == 422
    assert save_email(limited_client, "goed@voorbeeld.example").status_code == 302


def test_anonymous_questions_are_limited(limited_client, demo_data, patient):
    for _ in range(2):
        assert send_question(limited_client).status_code in (302, 303)
    assert_too_many(send_question(limited_client))
    assert count(Case) == 2


def test_anonymous_reports_are_limited(limited_client, demo_data, patient):
    for _ in range(2):
        ready_to_check(limited_client)
        assert limited_client.post_form("/melding/controleren").status_code in (302, 303)
    ready_to_check(limited_client)
    assert_too_many(limited_client.post_form("/melding/controleren"))
    assert count(Case) == 2


def test_back_office_search_is_limited(limited_client, demo_data):
    sign_in(limited_client, "klantcontact")
    for _ in range(3):
        assert limited_client.get("/medewerkers/kennisbank/?q=paspoort").status_code == 200
    assert_too_many(limited_client.get("/medewerkers/kennisbank/?q=paspoort"))


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_portal_keeps_serving_when_redis_is_down(database_url, oidc_provider, tmp_path, caplog):
    app = limited_app_for(
        database_url,
        oidc_provider,
        tmp_path,
        RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{closed_port()}/0",
    )
    client = app.test_client()
    with app.app_context():
        answers = [client.get("/inloggen/digid").status_code for _ in range(3)]
        db.session.remove()
        db.engine.dispose()
    assert answers == [302, 302, 302]
    assert "Rate limit storage unreachable" in caplog.text


def test_limits_are_off_in_other_tests(client):
    for _ in range(15):
        assert client.get("/inloggen/digid").status_code == 302


def test_uploads_count_per_file_and_a_step_without_files_costs_nothing(limited_app):
    two_files = {"a": (BytesIO(b"%PDF-1"), "a.pdf"), "b": (BytesIO(b"1"), "b.pdf")}
    with limited_app.test_request_context(method="POST", data=two_files):
        assert files_sent() == 2
    with limited_app.test_request_context(method="POST", data={"naam": "x"}):
        assert files_sent() == 0
