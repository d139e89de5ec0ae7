"""The list of mandates a token offers, and searching it: plain functions."""

from portal.auth.claims import mandate_choices
from portal.auth.mandates import choice, search

CONFIG = {"OIDC_CLAIMS": {"mandates": "machtigingen"}}


def test_good_entries_are_kept_and_bad_ones_left_out():
    claims = {
        "machtigingen": [
            {"id": "m-1", "naam": "Henk Bakker", "diensten": ["uittreksel-brp"]},
            {"id": "bad id!", "naam": "X", "diensten": ["uittreksel-brp"]},
            {"id": "m-2", "naam": "", "diensten": ["uittreksel-brp"]},
            {"id": "m-3", "naam": "Y", "diensten": ["NOT VALID"]},
            "not a dict",
        ]
    }
    assert mandate_choices(claims, CONFIG) == [
        {"id": "m-1", "name": "Henk Bakker", "services": ["uittreksel-brp"]}
    ]


def test_no_list_means_no_choices():
    assert mandate_choices({}, CONFIG) == []
    assert mandate_choices({"machtigingen": "m-1"}, CONFIG) == []


def test_search_matches_every_word_in_any_case():
    choices = [
        {"id": "a", "name": "Olga Kok", "services": []},
        {"id": "b", "name": "Bram Kok", "services": []},
        {"id": "c", "name": "Anton de Wit", "services": []},
    ]
    assert [c["id"] for c in search(choices, "kok")] == ["a", "b"]
    assert [c["id"] for c in search(choices, "KOK olga")] == ["a"]
    assert search(choices, "") == choices
    assert search(choices, "niemand") == []
    assert choice(choices, "c")["name"] == "Anton de Wit"
    assert choice(choices, "z") is None
