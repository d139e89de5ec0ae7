"""Fuzzing the back office: cases, reports, questions and call-backs, appointment proposals."""

from tests.fuzz.crawl import forms_reachable
from tests.fuzz.harness import fuzz_forms


def test_case_and_report_forms(signed_in):
    client = signed_in("beheerder")
    areas = ["/medewerkers/zaken", "/medewerkers/meldingen"]
    found = forms_reachable(client, areas, tuple(areas))
    print(sorted(found))
    assert len(found) >= 10, sorted(found)
    assert fuzz_forms(client, found) == []
