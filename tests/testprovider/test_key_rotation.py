"""Rotating a realm's signing key while the provider runs: over HTTP, as a developer would."""

import threading

import pytest
import requests
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from werkzeug.serving import make_server

from portal.testprovider import create_provider_app
from tests.testprovider.conftest import REALM_IDS, ProviderServer, client_config


@pytest.fixture
def provider():
    """A provider of this module's own: rotating keys must not touch the shared one."""
    app = create_provider_app([client_config(r) for r in REALM_IDS])
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield ProviderServer(f"http://127.0.0.1:{server.server_port}", server)
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


def kids(provider, realm: str) -> list[str]:
    jwks = requests.get(f"{provider.issuer(realm)}/jwks", timeout=5).json()
    return [key["kid"] for key in jwks["keys"]]


def rotate(provider, realm: str, keep_old: str = "1") -> dict:
    response = requests.post(
        f"{provider.issuer(realm)}/rotate_key", data={"keep_old": keep_old}, timeout=5
    )
    assert response.status_code == 200
    return response.json()


def test_a_rotation_signs_with_the_new_key_and_publishes_both(rp, provider):
    _, before = rp.tokens_for("digid", "inwoner")
    [old] = kids(provider, "digid")
    rotated = rotate(provider, "digid")
    assert kids(provider, "digid") == [rotated["kid"], old]

    _, after = rp.tokens_for("digid", "inwoner")
    header = jwt.decode(after["id_token"], _published(provider, "digid")).header
    assert header["kid"] == rotated["kid"]
    # The token from before the rotation still checks out while the old key is published.
    assert rp.verify_id_token("digid", before["id_token"])["sub"]
    # Other realms keep their key.
    assert len(kids(provider, "eherkenning")) == 1


def test_a_rotation_without_overlap_withdraws_the_old_key(rp, provider):
    _, before = rp.tokens_for("digid", "inwoner")
    rotated = rotate(provider, "digid", keep_old="0")
    assert kids(provider, "digid") == [rotated["kid"]]
    with pytest.raises(JoseError):
        rp.verify_id_token("digid", before["id_token"])
    _, after = rp.tokens_for("digid", "inwoner")
    assert rp.verify_id_token("digid", after["id_token"])["bsn"] == "999990007"


def _published(provider, realm: str) -> KeySet:
    return KeySet.import_key_set(requests.get(f"{provider.issuer(realm)}/jwks", timeout=5).json())
