"""Fuzzing the product forms, second half: every step reached with plausible answers."""

from tests.fuzz.requests_support import fuzz_product_forms

SLUGS = ("terrasvergunning", "uittreksel-brp", "verhuizing-doorgeven", "vraag-woz-belastingen")


def test_product_forms(signed_in):
    fuzzed = fuzz_product_forms(signed_in, SLUGS)
    print(fuzzed)
    # The terrace permit asks for a drawing (a file) before its check page; files are not fuzzed.
    assert len(fuzzed["terrasvergunning"]) >= 2, fuzzed
    assert all(len(paths) >= 2 for paths in fuzzed.values()), fuzzed
