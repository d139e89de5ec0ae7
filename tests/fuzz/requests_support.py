"""Walking and fuzzing the declarative product forms (forms/*.py), step by step."""

from portal.requests.definition import definitions
from tests.fuzz.walk import walk

# Who may fill in each form: a company for the terrace permit, a resident for the others.
COMPANY_FORMS = ("terrasvergunning",)


def fuzz_product_forms(signed_in, slugs: tuple[str, ...]) -> dict[str, list[str]]:
    fuzzed = {}
    for slug in slugs:
        assert slug in definitions(), slug
        client = signed_in("ondernemer" if slug in COMPANY_FORMS else "inwoner")
        fuzzed[slug] = walk(client, f"/aanvragen/{slug}/beginnen", max_steps=14)
    return fuzzed
