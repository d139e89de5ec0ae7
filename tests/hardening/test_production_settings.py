"""PSEUDONYM_KEY keys every pseudonym of a BSN or KVK number, and a production start refuses
the local test provider: its client secrets, an http issuer, the provider itself."""

import hashlib
import hmac

import pytest
from sqlalchemy import select

from portal import create_app
from portal.auth.models import AuditEvent
from portal.auth.pseudonym import pseudonym
from portal.auth.settings import DEV_CLIENT_SECRET
from portal.config import ConfigError
from portal.extensions import db
from tests.conftest import test_config as base_config
from tests.support.auth import sign_in
from tests.support.production import set_production_sign_in

KEY = "k" * 40
FATIMA = "999990007"  # the persona "inwoner"


def keyed(identifier: str, key: str) -> str:
    return hmac.new(key.encode(), identifier.encode(), hashlib.sha256).hexdigest()[:32]


@pytest.fixture
def production(monkeypatch, database_url):
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("PUBLIC_URL", "https://mijn.voorbeeld.example")
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("DATABASE_URL", database_url)
    set_production_sign_in(monkeypatch)
    return monkeypatch


def test_pseudonym_key_from_the_environment_keys_the_audit_log(
    monkeypatch, database_url, oidc_provider, tmp_path
):
    monkeypatch.setenv("PSEUDONYM_KEY", KEY)
    app = create_app(
        {
            **base_config(database_url),
            "FILE_STORE_PATH": str(tmp_path / "files"),
            "OIDC_PROVIDER_URL": oidc_provider.url,
        }
    )
    with app.app_context():
        try:
            assert pseudonym(FATIMA) == keyed(FATIMA, KEY)
            sign_in(app.test_client(), "inwoner")
            event = db.session.scalars(
                select(AuditEvent).where(AuditEvent.action == "sign_in")
            ).one()
            assert event.actor == f"bsn:{keyed(FATIMA, KEY)}"
        finally:
            db.session.execute(AuditEvent.__table__.delete())
            db.session.commit()
            db.session.remove()
            db.engine.dispose()


def test_production_starts_with_real_brokers(production):
    app = create_app()
    assert app.config["PSEUDONYM_KEY"] == "p" * 40


def test_production_needs_a_pseudonym_key_of_its_own(production):
    production.delenv("PSEUDONYM_KEY")
    with pytest.raises(ConfigError, match="PSEUDONYM_KEY"):
        create_app()
    production.setenv("PSEUDONYM_KEY", "s" * 40)  # the SECRET_KEY
    with pytest.raises(ConfigError, match="PSEUDONYM_KEY"):
        create_app()


def test_production_refuses_the_test_providers_client_secret(production):
    production.setenv("OIDC_EHERKENNING_CLIENT_SECRET", DEV_CLIENT_SECRET)
    with pytest.raises(ConfigError, match="OIDC_EHERKENNING_CLIENT_SECRET"):
        create_app()


def test_production_refuses_an_http_issuer(production):
    production.setenv("OIDC_STAFF_ISSUER", "http://inloggen.voorbeeld.example/medewerkers")
    with pytest.raises(ConfigError, match="OIDC_STAFF_ISSUER must use https"):
        create_app()


@pytest.mark.parametrize(
    "issuer", ["https://127.0.0.1:5001/digid", "https://localhost/digid", "https://[::1]/digid"]
)
def test_production_refuses_the_local_test_provider(production, issuer):
    production.setenv("OIDC_DIGID_ISSUER", issuer)
    with pytest.raises(ConfigError, match="local test provider"):
        create_app()


def test_production_refuses_the_default_sign_in_settings(production):
    for means in ("DIGID", "EHERKENNING", "STAFF"):
        production.delenv(f"OIDC_{means}_ISSUER")
        production.delenv(f"OIDC_{means}_CLIENT_SECRET")
    with pytest.raises(ConfigError, match="OIDC_DIGID_ISSUER"):
        create_app()
