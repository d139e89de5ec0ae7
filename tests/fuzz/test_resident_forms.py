"""Fuzzing what a signed-in resident can post on their own pages: messages, tasks, feedback,
appointment proposals, managing an appointment."""

from tests.fuzz.crawl import forms_reachable
from tests.fuzz.harness import fuzz_forms

STARTS = ["/mijn-zaken", "/mijn-zaken?toon=afgerond", "/mijn-afspraken", "/mijn-overzicht"]


def test_own_case_forms(signed_in):
    client = signed_in("inwoner")
    found = forms_reachable(client, STARTS, ("/mijn-", "/afspraak/beheren", "/berichten"))
    print(sorted(found))
    assert "cases.send_message" in found, sorted(found)
    assert fuzz_forms(client, found) == []
