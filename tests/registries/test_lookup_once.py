"""The processing log holds one entry per register lookup: a lookup asked for twice in one
request (the sign-in asks a name for the page and for the deceased check) is written once,
and every request writes its own."""

import pytest
from sqlalchemy import select

from portal.catalog import demo as catalog_demo
from portal.extensions import db
from portal.registries import demo as registries_demo
from portal.registries import purposes
from portal.registries.models import ProcessingLogEntry
from portal.registries.services import RegistryUnavailable, lookup_person
from tests.support import principals

FATIMA = "999990007"
UNREACHABLE = "http://127.0.0.1:9"


def _entries() -> list[tuple[str, str, str]]:
    db.session.expire_all()
    query = select(ProcessingLogEntry).order_by(ProcessingLogEntry.id)
    return [(e.purpose, e.register, e.outcome) for e in db.session.scalars(query)]


@pytest.fixture
def demo(app):
    registries_demo.load()
    catalog_demo.load()
    db.session.commit()


@pytest.fixture
def brp_down(app):
    app.config.update(
        REGISTRY_BACKEND="http",
        REGISTRY_TIMEOUT_SECONDS=0.3,
        BRP_API_URL=UNREACHABLE,
        KVK_API_URL=UNREACHABLE,
        BAG_API_URL=UNREACHABLE,
    )


def test_a_register_that_is_down_is_asked_and_logged_once_per_request(app, brp_down):
    fatima = principals.resident(FATIMA)
    with app.test_request_context():
        for _ in range(2):
            with pytest.raises(RegistryUnavailable):
                lookup_person(FATIMA, purpose=purposes.MIJN_GEGEVENS, principal=fatima)
    assert _entries() == [("mijn-gegevens", "brp", "storing")]


def test_signing_in_while_the_brp_is_down_logs_the_name_lookup_once(sign_in, brp_down):
    sign_in("inwoner")
    assert _entries() == [("naam-na-inloggen", "brp", "storing")]


def test_every_request_logs_its_own_lookup(sign_in, demo):
    client = sign_in("inwoner")
    before = len(_entries())
    for _ in range(2):
        assert client.get("/mijn-gegevens").status_code == 200
    assert _entries()[before:] == [("mijn-gegevens", "brp", "gevonden")] * 2


def test_a_request_step_with_register_data_logs_one_lookup(sign_in, demo):
    client = sign_in("inwoner")
    start = client.get("/aanvragen/uittreksel-brp/beginnen")
    before = len(_entries())
    assert client.get(start.location).status_code == 200
    assert _entries()[before:] == [("aanvraag-invullen", "brp", "gevonden")]
