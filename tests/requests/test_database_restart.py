"""A database restart while residents use the portal (PostgreSQL only; SQLite has no server).

A restart cuts every connection the portal holds; here pg_terminate_backend cuts them. The
request that was using a connection gets the calm error page with 503 and nothing of it is
saved; the next request gets a fresh connection, because the pool pings before lending one.
"""

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from portal import create_app
from portal.cases.models import Case
from portal.extensions import db
from portal.notifications import outbox
from portal.notifications.models import OutboxEvent
from portal.requests.models import Draft
from tests.conftest import test_config as config_for


@pytest.fixture(autouse=True)
def _postgresql_only(database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("a database server to restart: PostgreSQL only")


def _to_check_page(walker):
    walker.begin("uittreksel-brp")
    walker.post({})
    walker.post({"soort": "huidig", "doel": "nederland"})
    walker.post({"email": "fatima@voorbeeld.example"})
    assert walker.step_name == "controleren"


def cut_connections(database_url: str) -> int:
    """What a restart does to the portal: every connection to its database is gone."""
    admin = make_url(database_url).set(drivername="postgresql")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        cut = conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()[0]
    return cut


def test_after_a_restart_the_next_request_succeeds(client, database_url, demo):
    assert client.get("/producten").status_code == 200
    db.session.remove()  # what the end of a request does: the connection goes back to the pool
    assert cut_connections(database_url) >= 1

    answer = client.get("/producten")

    assert answer.status_code == 200


def test_without_the_ping_a_restart_fails_a_request_with_the_error_page(database_url, demo):
    """The same restart without pool_pre_ping: why the setting is there, and what the
    request that meets a cut connection sees."""
    app = create_app({**config_for(database_url), "SQLALCHEMY_ENGINE_OPTIONS": {}})
    client = app.test_client()
    assert client.get("/producten").status_code == 200
    cut_connections(database_url)

    answer = client.get("/producten")

    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "30"
    page = answer.get_data(as_text=True)
    assert "Er ging iets mis bij ons" in page and "Probeer het over een paar minuten" in page
    with app.app_context():
        db.engine.dispose()


def test_a_submission_cut_off_midway_saves_nothing(signed_in, walker, database_url, monkeypatch):
    signed_in("inwoner")
    _to_check_page(walker)
    enqueue = outbox.enqueue

    def restart_then_enqueue(*args, **kwargs):
        # The case is written (flushed) by now; the database restarts before the commit.
        assert db.session.scalar(select(func.count()).select_from(Case)) == 1
        cut_connections(database_url)
        return enqueue(*args, **kwargs)

    monkeypatch.setattr(outbox, "enqueue", restart_then_enqueue)
    answer = walker.post({"verklaring": "y"})

    assert answer.status_code == 503
    assert "Er ging iets mis bij ons" in answer.get_data(as_text=True)
    monkeypatch.undo()
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Case)) == 0
    assert db.session.scalar(select(func.count()).select_from(OutboxEvent)) == 0
    draft = db.session.scalars(select(Draft)).one()
    assert draft.submitted_at is None and draft.answers["soort"] == "huidig"
    # The resident tries again once the database is back, and it works.
    walker.post({"verklaring": "y"})
    assert db.session.scalar(select(func.count()).select_from(Case)) == 1
