"""Fuzzing the report flow (melding): what, category, questions, place, contact, check."""

import pytest

from portal.reports import antibot
from tests.fuzz.walk import walk


@pytest.fixture(autouse=True)
def patient(monkeypatch):
    """Posts come as fast as the test client sends them; the anti-bot wait would refuse all."""
    monkeypatch.setattr(antibot, "MIN_SECONDS", 0)


def test_report_flow_anonymous(signed_in):
    fuzzed = walk(signed_in(), "/melding", max_steps=12)
    print(fuzzed)
    assert len(fuzzed) >= 3, fuzzed


def test_report_flow_signed_in(signed_in):
    fuzzed = walk(signed_in("inwoner"), "/melding", max_steps=12)
    print(fuzzed)
    assert len(fuzzed) >= 3, fuzzed
