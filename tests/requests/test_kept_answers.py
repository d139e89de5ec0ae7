"""Answers typed on a step survive the idle time-out: a step posted after the session ended
keeps them server side, and the same person sees them again after signing in; anyone else
never does, and after a while they are gone."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from portal.auth.models import AuthSession
from portal.extensions import db
from portal.requests import kept
from portal.requests.definition import definition_for
from portal.requests.models import Draft, KeptAnswers
from portal.requests.services import now
from tests.requests.conftest import soup, text_of
from tests.support.auth import sign_in
from tests.support.client import csrf_token_from

PRODUCT = "uittreksel-brp"
TYPED = {"email": "bewaard@voorbeeld.example", "telefoon": "0687654321"}


def _at_contact_step(signed_in, walker) -> tuple[object, str]:
    client = signed_in("inwoner")
    walker.begin(PRODUCT)
    walker.post({})
    walker.post({"soort": "huidig", "doel": "nederland"})
    assert walker.step_name == "contact"
    return client, walker.location


def _idle(minutes: int = 16) -> None:
    for row in db.session.scalars(select(AuthSession)):
        row.last_seen_at = datetime.now(UTC) - timedelta(minutes=minutes)
    db.session.commit()


def _post_after_time_out(client, step_url: str, data: dict):
    token = csrf_token_from(client.get(step_url).get_data(as_text=True))
    _idle()
    return client.post(step_url, data={**data, "csrf_token": token})


def _kept_rows() -> list[KeptAnswers]:
    db.session.expire_all()
    return list(db.session.scalars(select(KeptAnswers)))


def test_a_step_posted_after_the_time_out_keeps_what_was_typed(signed_in, walker):
    client, step_url = _at_contact_step(signed_in, walker)
    response = _post_after_time_out(client, step_url, TYPED)
    assert response.status_code == 302
    assert response.headers["Location"].startswith(f"/inloggen?next={step_url}")
    (row,) = _kept_rows()
    assert row.step_name == "contact"
    assert row.values == {"email": [TYPED["email"]], "telefoon": [TYPED["telefoon"]]}
    draft = db.session.scalars(select(Draft)).one()
    assert "email" not in draft.answers  # kept aside, not saved as an answer


def test_the_same_person_gets_them_back_in_the_step_once(signed_in, walker):
    client, step_url = _at_contact_step(signed_in, walker)
    _post_after_time_out(client, step_url, TYPED)
    back = sign_in(client, "inwoner", next_url=step_url)
    assert back.headers["Location"] == step_url
    page = client.get(step_url)
    fields = soup(page)
    assert fields.find("input", attrs={"name": "email"})["value"] == TYPED["email"]
    assert fields.find("input", attrs={"name": "telefoon"})["value"] == TYPED["telefoon"]
    assert "Wij hebben ze voor u vastgehouden" in text_of(page)
    assert _kept_rows() == []
    again = soup(client.get(step_url)).find("input", attrs={"name": "email"})
    assert again.get("value") != TYPED["email"]


def test_someone_else_signing_in_in_that_browser_sees_nothing(signed_in, walker):
    client, step_url = _at_contact_step(signed_in, walker)
    _post_after_time_out(client, step_url, TYPED)
    sign_in(client, "inwoner-midden", next_url=step_url)
    response = client.get(step_url)
    assert TYPED["email"] not in response.get_data(as_text=True)
    assert len(_kept_rows()) == 1  # still waiting for its owner, until it expires


def test_answers_kept_too_long_ago_are_dropped(signed_in, walker, app):
    client, step_url = _at_contact_step(signed_in, walker)
    _post_after_time_out(client, step_url, TYPED)
    (row,) = _kept_rows()
    row.kept_at = now() - timedelta(minutes=kept.KEPT_MINUTES + 1)
    db.session.commit()
    sign_in(client, "inwoner", next_url=step_url)
    page = client.get(step_url).get_data(as_text=True)
    assert TYPED["telefoon"] not in page
    assert _kept_rows() == []


def test_the_clean_up_removes_rows_nobody_came_back_for(signed_in, walker):
    client, step_url = _at_contact_step(signed_in, walker)
    _post_after_time_out(client, step_url, TYPED)
    assert kept.purge_expired() == 0
    (row,) = _kept_rows()
    row.kept_at = now() - timedelta(minutes=kept.KEPT_MINUTES + 1)
    db.session.commit()
    assert kept.purge_expired() == 1


def test_a_post_without_a_session_at_all_keeps_nothing(signed_in, walker):
    client, step_url = _at_contact_step(signed_in, walker)
    token = csrf_token_from(client.get(step_url).get_data(as_text=True))
    with client.session_transaction() as cookie:
        cookie.pop("auth_key")
    assert client.post(step_url, data={**TYPED, "csrf_token": token}).status_code == 302
    assert _kept_rows() == []


def test_an_active_session_saves_as_usual_and_keeps_nothing(signed_in, walker):
    client, step_url = _at_contact_step(signed_in, walker)
    token = csrf_token_from(client.get(step_url).get_data(as_text=True))
    client.post(step_url, data={**TYPED, "csrf_token": token})
    assert _kept_rows() == []


def test_what_is_kept_is_bounded(demo):
    definition = definition_for(PRODUCT)
    step = definition.step("contact")
    draft = Draft(token="t" * 32, product_slug=PRODUCT)
    posted = MultiDict(
        [("email", "x" * 100_000), ("telefoon", "1"), ("csrf_token", "abc"), ("other", "y")]
    )
    assert kept.keep(draft, step, posted)
    (row,) = _kept_rows()
    assert set(row.values) == {"email", "telefoon"}
    assert len(row.values["email"][0]) <= 300
    nothing = MultiDict([("other", "y")])
    assert not kept.keep(draft, definition.step("soort"), nothing)
