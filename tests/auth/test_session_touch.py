"""A signed-in request renews the idle time, but writes the session at most once a minute
(`sessions.TOUCH_SECONDS`); "Ingelogd blijven" always writes; the idle limit counts from the
last write, so a session never lasts longer than 15 minutes after the last request."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from portal.auth import sessions
from portal.auth.models import AuthSession
from portal.extensions import db
from tests.support.auth import sign_in
from tests.support.client import csrf_token_from
from tests.support.queries import count_queries


def _row() -> AuthSession:
    db.session.expire_all()
    return db.session.scalars(select(AuthSession)).one()


def _seen(row: AuthSession) -> datetime:
    return row.last_seen_at.replace(tzinfo=UTC)


def _set_last_seen(ago: timedelta) -> datetime:
    row = _row()
    row.last_seen_at = datetime.now(UTC) - ago
    db.session.commit()
    return _seen(row)


def test_a_request_within_the_minute_writes_nothing(client):
    sign_in(client, "inwoner")
    before = _set_last_seen(timedelta(seconds=20))
    with count_queries() as counted:
        assert client.get("/mijn-overzicht").status_code == 200
    assert not [s for s in counted.statements if s.lstrip().upper().startswith("UPDATE")]
    assert sum("auth_sessions" in s for s in counted.statements) == 1, counted.report()
    assert _seen(_row()) == before


def test_a_request_after_the_minute_renews_the_idle_time(client):
    sign_in(client, "inwoner")
    before = _set_last_seen(timedelta(seconds=sessions.TOUCH_SECONDS + 5))
    assert client.get("/mijn-overzicht").status_code == 200
    assert _seen(_row()) > before + timedelta(seconds=sessions.TOUCH_SECONDS)


def test_staying_signed_in_always_renews(client):
    sign_in(client, "inwoner")
    before = _set_last_seen(timedelta(seconds=10))
    token = csrf_token_from(client.get("/contact").get_data(as_text=True))
    assert _seen(_row()) == before
    answer = client.post(
        "/sessie/verlengen", headers={"Accept": "application/json", "X-CSRFToken": token}
    )
    assert answer.status_code == 200 and answer.get_json()["signed_in"] is True
    assert _seen(_row()) > before
    assert answer.get_json()["seconds_left"] >= 15 * 60 - 5


def test_the_idle_limit_counts_from_the_last_write(client):
    sign_in(client, "inwoner")
    _set_last_seen(timedelta(minutes=15, seconds=1))
    assert client.get("/mijn-overzicht").status_code in (302, 303)
    assert db.session.scalars(select(AuthSession)).first() is None


def test_the_countdown_reads_the_stored_time(client):
    sign_in(client, "inwoner")
    _set_last_seen(timedelta(seconds=40))
    page = client.get("/mijn-overzicht").get_data(as_text=True)
    left = int(page.split('data-seconds-left="')[1].split('"')[0])
    assert 15 * 60 - 45 <= left <= 15 * 60 - 38
