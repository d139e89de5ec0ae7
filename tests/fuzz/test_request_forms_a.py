"""Fuzzing the product forms, first half: every step reached with plausible answers."""

from tests.fuzz.requests_support import fuzz_product_forms

SLUGS = ("buurtfeest-melden", "hulp-bij-het-huishouden", "parkeervergunning-bewoners")


def test_product_forms(signed_in):
    fuzzed = fuzz_product_forms(signed_in, SLUGS)
    print(fuzzed)
    # Each form is fuzzed from its first step up to the check page.
    assert all(any(p.endswith("/controleren") for p in paths) for paths in fuzzed.values()), fuzzed
