"""The personas are plain demo data with valid test BSNs."""

import pytest

from portal.testprovider.personas import PERSONAS, persona, personas_for


def passes_11_check(bsn: str) -> bool:
    digits = [int(d) for d in bsn]
    weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    return len(digits) == 9 and sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


def all_bsns() -> list[str]:
    return [
        value
        for who in PERSONAS
        for key, value in who.claims.items()
        if key in {"bsn", "namens_bsn"}
    ]


@pytest.mark.parametrize("bsn", all_bsns())
def test_every_bsn_passes_the_11_check(bsn):
    assert passes_11_check(bsn)


def test_ids_are_unique():
    assert len({who.id for who in PERSONAS}) == len(PERSONAS)


def test_each_realm_has_its_personas():
    assert len(personas_for("digid")) == 18
    assert len(personas_for("eherkenning")) == 5
    assert len(personas_for("medewerkers")) == 8


def test_persona_finds_by_id():
    assert persona("bewindvoerder").claims["namens_bsn"] == "999990147"


def test_unknown_persona_raises_key_error():
    with pytest.raises(KeyError):
        persona("niemand")


def test_sub_is_stable_unique_and_never_the_bsn():
    subs = {who.sub for who in PERSONAS}

    assert len(subs) == len(PERSONAS)
    assert persona("inwoner").sub == persona("inwoner").sub
    assert not subs & set(all_bsns())


def test_mandate_holders_list_their_mandates_without_bsns():
    from portal.testprovider.server import user_info

    claims = user_info(persona("bewindvoerder-veel-clienten"))
    assert len(claims["machtigingen"]) == 25
    assert claims["machtiging"] == "m-zuid-01"
    assert "999991" not in str(claims["machtigingen"])
    switched = persona("dochter-namens-vader").acting_for(
        persona("dochter-namens-vader").mandate("m-sanne-truus")
    )
    assert switched.claims["namens_bsn"] == "999991280"
    assert switched.claims["machtiging_diensten"] == ["hulp-bij-het-huishouden"]
    assert switched.sub == persona("dochter-namens-vader").sub
