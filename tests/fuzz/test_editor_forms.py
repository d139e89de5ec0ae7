"""Fuzzing the editor: every kind's edit form, new items, reviews and the word list."""

from tests.fuzz.crawl import forms_reachable
from tests.fuzz.harness import fuzz_forms


def test_editor_forms(signed_in):
    client = signed_in("beheerder")
    found = forms_reachable(client, ["/medewerkers/redactie/"], ("/medewerkers/redactie",))
    print(sorted(found))
    assert len(found) >= 3, sorted(found)
    assert fuzz_forms(client, found) == []
