"""Discovery and JWKS per realm: each realm is its own issuer."""

import pytest
import requests
from authlib.oidc.discovery import OpenIDProviderMetadata

from portal.testprovider import personas as p
from tests.testprovider.conftest import REALM_IDS

ACR_VALUES = {
    "digid": [p.DIGID_BASIS, p.DIGID_MIDDEN, p.DIGID_SUBSTANTIEEL, p.DIGID_HOOG],
    "eherkenning": [p.EH2, p.EH2_PLUS, p.EH3, p.EH4],
    "medewerkers": [p.STAFF_ACR],
}


@pytest.mark.parametrize("realm", REALM_IDS)
def test_discovery_names_the_realm_as_issuer(provider, realm):
    metadata = provider.discovery(realm)

    issuer = provider.issuer(realm)
    assert metadata["issuer"] == issuer
    assert metadata["authorization_endpoint"] == f"{issuer}/authorize"
    assert metadata["token_endpoint"] == f"{issuer}/token"
    assert metadata["userinfo_endpoint"] == f"{issuer}/userinfo"
    assert metadata["jwks_uri"] == f"{issuer}/jwks"
    assert metadata["end_session_endpoint"] == f"{issuer}/end_session"


@pytest.mark.parametrize("realm", REALM_IDS)
def test_discovery_is_valid_openid_provider_metadata(provider, realm):
    OpenIDProviderMetadata(provider.discovery(realm)).validate()


@pytest.mark.parametrize("realm", REALM_IDS)
def test_discovery_promises_code_flow_with_s256_and_rs256(provider, realm):
    metadata = provider.discovery(realm)

    assert metadata["response_types_supported"] == ["code"]
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert metadata["id_token_signing_alg_values_supported"] == ["RS256"]
    assert set(metadata["token_endpoint_auth_methods_supported"]) == {
        "client_secret_basic",
        "client_secret_post",
    }
    assert metadata["acr_values_supported"] == ACR_VALUES[realm]


@pytest.mark.parametrize("realm", REALM_IDS)
def test_jwks_has_one_public_rsa_signing_key(provider, realm):
    keys = requests.get(provider.discovery(realm)["jwks_uri"], timeout=5).json()["keys"]

    assert len(keys) == 1
    assert keys[0]["kty"] == "RSA"
    assert keys[0]["use"] == "sig"
    assert keys[0]["kid"]
    assert "d" not in keys[0]
