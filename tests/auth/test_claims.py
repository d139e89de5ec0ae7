"""Claim mapping and validation: pure functions, no provider needed."""

from datetime import UTC, datetime

import pytest

from portal.auth.claims import ClaimError, is_valid_bsn, principal_from_claims
from portal.auth.settings import CLAIM_DEFAULTS, DEFAULT_LEVELS

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
SMARTCARD = "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard"
BASIS = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
EH3 = "urn:etoegang:core:assurance-class:loa3"
MIDDEN = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"
CONFIG = {"OIDC_CLAIMS": CLAIM_DEFAULTS, "OIDC_LEVELS": DEFAULT_LEVELS}


def _resident(**claims):
    return principal_from_claims("digid", {"acr": SMARTCARD, **claims}, CONFIG, NOW)


@pytest.mark.parametrize("bsn", ["999990007", "999990032", "999990068", "111222333", "123456782"])
def test_valid_bsns_pass_the_eleven_check(bsn):
    assert is_valid_bsn(bsn)


@pytest.mark.parametrize(
    "bsn", ["999990008", "12345678", "1234567890", "abcdefghi", "000000000", "", None, 999990007]
)
def test_invalid_bsns_fail(bsn):
    assert not is_valid_bsn(bsn)


def test_resident_claims_become_a_principal():
    principal = _resident(bsn="999990007")
    assert principal.bsn == "999990007"
    assert principal.level == "substantieel"
    assert principal.subject.identifier == "999990007"
    assert not principal.acts_for_other
    assert principal.covers("anything")


def test_level_basis_is_recognised():
    principal = principal_from_claims("digid", {"bsn": "999990032", "acr": BASIS}, CONFIG, NOW)
    assert principal.level == "basis"


@pytest.mark.parametrize(
    ("claims", "code"),
    [
        ({}, "missing"),
        ({"bsn": ""}, "missing"),
        ({"bsn": "999990008"}, "invalid_bsn"),
        ({"bsn": 999990007}, "malformed"),
        ({"bsn": "999990007", "acr": "urn:unknown"}, "unknown_level"),
        ({"bsn": "999990007", "acr": EH3}, "unknown_level"),
        ({"bsn": "999990007", "namens_bsn": "999990111"}, "missing"),
        ({"bsn": "999990007", "namens_bsn": "123", "machtiging_diensten": ["x"]}, "invalid_bsn"),
        ({"bsn": "999990007", "namens_bsn": "999990111", "machtiging_diensten": 5}, "malformed"),
        (
            {"bsn": "999990007", "namens_bsn": "999990111", "machtiging_diensten": ["A B"]},
            "malformed",
        ),
    ],
)
def test_missing_or_malformed_claims_are_refused(claims, code):
    with pytest.raises(ClaimError) as raised:
        _resident(**claims)
    assert raised.value.code == code


def test_mandate_scope():
    principal = _resident(
        bsn="999990068", namens_bsn="999990111", machtiging_diensten=["uittreksel-brp"]
    )
    assert principal.acts_for_other
    assert principal.subject.identifier == "999990111"
    assert principal.own_party.identifier == "999990068"
    assert principal.covers("uittreksel-brp")
    assert not principal.covers("parkeervergunning")
    assert not principal.covers("persoonsgegevens")


def test_claim_names_are_configuration():
    config = {
        "OIDC_CLAIMS": {**CLAIM_DEFAULTS, "bsn": "urn:nl-eid-gdi:1.0:id:BSN", "level": "loa"},
        "OIDC_LEVELS": DEFAULT_LEVELS,
    }
    claims = {"urn:nl-eid-gdi:1.0:id:BSN": "999990007", "loa": SMARTCARD}
    assert principal_from_claims("digid", claims, config, NOW).bsn == "999990007"
    with pytest.raises(ClaimError):
        principal_from_claims("digid", {"bsn": "999990007", "acr": SMARTCARD}, config, NOW)


def test_company_claims():
    principal = principal_from_claims(
        "eherkenning",
        {"kvk": "90001234", "vestiging": "000012345678", "acting_subject": "a1", "acr": EH3},
        CONFIG,
        NOW,
    )
    assert principal.subject.kind == "company"
    assert principal.subject.branch == "000012345678"
    assert principal.level == "eh3"


@pytest.mark.parametrize(
    ("claims", "code"),
    [
        ({"acting_subject": "a1", "acr": EH3}, "missing"),
        ({"kvk": "9000123", "acting_subject": "a1", "acr": EH3}, "invalid_kvk"),
        ({"kvk": "90001234", "acr": EH3}, "missing"),
        ({"kvk": "90001234", "vestiging": "12", "acting_subject": "a1", "acr": EH3}, "malformed"),
        ({"kvk": "90001234", "acting_subject": "a1", "acr": SMARTCARD}, "unknown_level"),
    ],
)
def test_bad_company_claims(claims, code):
    with pytest.raises(ClaimError) as raised:
        principal_from_claims("eherkenning", claims, CONFIG, NOW)
    assert raised.value.code == code


def test_staff_roles_are_filtered():
    staff = principal_from_claims(
        "staff",
        {"sub": "s1", "acr": MIDDEN, "roles": ["case_handler", "root"], "team": "wmo"},
        CONFIG,
        NOW,
    )
    assert staff.roles == ("case_handler",)
    assert staff.has_role("case_handler") and not staff.has_role("editor")
    assert staff.subject is None


def test_staff_without_a_known_role_is_left_to_the_roster():
    # The roster (portal.auth.staff_roster) fills the roles or refuses the sign-in.
    staff = principal_from_claims(
        "staff", {"sub": "s1", "acr": MIDDEN, "roles": ["root"]}, CONFIG, NOW
    )
    assert staff.roles == () and not staff.has_role("case_handler")
    with pytest.raises(ClaimError):
        principal_from_claims("staff", {"sub": "s1", "acr": MIDDEN, "roles": "admin"}, CONFIG, NOW)


def test_principal_round_trips_through_storage():
    principal = _resident(
        bsn="999990068", namens_bsn="999990111", machtiging_diensten=["uittreksel-brp"]
    )
    from portal.auth.principal import Principal

    assert Principal.from_dict(principal.to_dict()) == principal
