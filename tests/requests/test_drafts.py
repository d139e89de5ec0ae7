"""Drafts: each completed step is kept; unsent requests are listed, resumed, deleted, and
expire after a stated time with a warning first."""

from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from portal.extensions import db
from portal.requests import services
from portal.requests.models import Draft
from tests.requests.conftest import PDF, date_parts, next_week, soup, text_of, upload


def _draft() -> Draft:
    return db.session.scalars(select(Draft)).one()


def _begin_parking(walker):
    walker.begin("parkeervergunning-bewoners")
    walker.post({})
    walker.post(
        {"kenteken": "AB-123-C", "eigenaar": "eigen", **date_parts("ingangsdatum", next_week())}
    )
    assert walker.step_name == "contact"


def test_every_completed_step_is_kept(signed_in, walker):
    signed_in("inwoner-midden")
    _begin_parking(walker)
    assert _draft().answers["kenteken"] == "AB-123-C"


def test_going_back_keeps_the_answers(signed_in, walker, client):
    signed_in("inwoner-midden")
    _begin_parking(walker)
    car_step = walker.location.replace("/contact", "/auto")
    page = soup(client.get(car_step))
    assert page.find("input", attrs={"name": "kenteken"})["value"] == "AB-123-C"
    assert page.find("input", attrs={"name": "eigenaar", "value": "eigen"}).has_attr("checked")


def test_unsent_requests_are_listed_and_can_be_resumed(signed_in, walker, client):
    signed_in("inwoner-midden")
    _begin_parking(walker)
    page = client.get("/mijn-aanvragen")
    assert "Parkeervergunning voor bewoners" in text_of(page)
    resume = soup(page).find("a", string="Verder gaan")["href"]
    response = client.get(resume)
    assert response.status_code == 302
    assert response.location.endswith("/contact")


def test_the_start_page_offers_to_go_on(signed_in, walker, client):
    signed_in("inwoner-midden")
    _begin_parking(walker)
    page = text_of(client.get("/aanvragen/parkeervergunning-bewoners"))
    assert "U bent hier al mee begonnen" in page


def test_a_draft_can_be_deleted(signed_in, walker, client):
    signed_in("inwoner-midden")
    _begin_parking(walker)
    url = f"/mijn-aanvragen/{_draft().token}/verwijderen"
    assert "Wilt u deze aanvraag verwijderen?" in text_of(client.get(url))
    response = client.post_form(url, {})
    assert response.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0
    assert "Wij hebben de aanvraag verwijderd." in text_of(client.get(response.location))


def test_a_draft_close_to_its_date_warns(signed_in, walker, client):
    signed_in("inwoner-midden")
    _begin_parking(walker)
    draft = _draft()
    draft.expires_at = services.now() + timedelta(days=3)
    db.session.commit()
    assert "Wij verwijderen deze aanvraag op" in text_of(client.get("/mijn-aanvragen"))
    assert "Let op: wij bewaren uw antwoorden nog tot" in text_of(walker.page())


def test_an_expired_draft_is_gone(signed_in, walker, client):
    signed_in("inwoner-midden")
    _begin_parking(walker)
    draft = _draft()
    draft.expires_at = services.now() - timedelta(minutes=1)
    db.session.commit()
    assert "Parkeervergunning" not in text_of(client.get("/mijn-aanvragen"))
    assert walker.page().status_code == 404
    assert services.purge_expired() == 1
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_saving_a_step_gives_the_draft_its_full_time_again(signed_in, walker):
    signed_in("inwoner-midden")
    _begin_parking(walker)
    draft = _draft()
    draft.expires_at = services.now() + timedelta(days=1)
    db.session.commit()
    walker.post({"email": "joost@voorbeeld.example"})
    assert _draft().expires_at > services.now() + timedelta(days=services.DEFAULT_DRAFT_DAYS - 1)


def test_drafts_are_private(signed_in, walker, client):
    signed_in("inwoner-midden")
    _begin_parking(walker)
    token = _draft().token
    client.post_form("/uitloggen", page="/")
    signed_in("inwoner")
    assert "Parkeervergunning" not in text_of(client.get("/mijn-aanvragen"))
    assert client.get(f"/mijn-aanvragen/{token}/verwijderen").status_code == 404


def test_the_clean_up_job_removes_expired_drafts_and_their_files(signed_in, walker, app):
    from portal.requests.jobs import purge_once

    signed_in("ondernemer")
    walker.begin("terrasvergunning")
    walker.post({})
    walker.post({"oppervlakte_m2": "24", "tafels": "6", "periode": "zomer"})
    walker.post({"tekening": upload(PDF, "terras.pdf")})
    draft = _draft()
    stored = Path(app.config["FILE_STORE_PATH"]) / draft.uploads[0].path
    assert stored.exists()
    draft.expires_at = services.now() - timedelta(days=1)
    db.session.commit()
    assert purge_once(app) == 1
    assert not stored.exists()


def test_starting_twice_without_answers_leaves_one_draft(signed_in, walker, client):
    signed_in("inwoner-midden")
    first = client.get("/aanvragen/parkeervergunning-bewoners/beginnen").location
    second = client.get("/aanvragen/parkeervergunning-bewoners/beginnen").location
    assert first == second
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 1


def test_the_draft_lifetime_comes_from_the_environment(monkeypatch):
    from portal.config import from_environment

    monkeypatch.delenv("REQUEST_DRAFT_DAYS", raising=False)
    assert from_environment()["REQUEST_DRAFT_DAYS"] == services.DEFAULT_DRAFT_DAYS == 30
    monkeypatch.setenv("REQUEST_DRAFT_DAYS", "10")
    assert from_environment()["REQUEST_DRAFT_DAYS"] == 10
