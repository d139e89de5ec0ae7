"""Fuzzing administration (settings, staff, teams, hours, norms) and the knowledge base."""

from tests.fuzz.crawl import forms_reachable
from tests.fuzz.harness import fuzz_forms


def test_administration_forms(signed_in):
    client = signed_in("beheerder")
    found = forms_reachable(client, ["/medewerkers/beheer/"], ("/medewerkers/beheer",))
    print(sorted(found))
    assert len(found) >= 5, sorted(found)
    assert fuzz_forms(client, found) == []


def test_knowledge_forms(signed_in):
    client = signed_in("klantcontact")
    starts = ["/medewerkers/kennisbank/"] + [
        f"/medewerkers/kennisbank/?q={word}" for word in ("paspoort", "afval", "parkeren", "wmo")
    ]
    found = forms_reachable(client, starts, ("/medewerkers/kennisbank",))
    print(sorted(found))
    assert len(found) >= 2, sorted(found)
    assert fuzz_forms(client, found) == []
