"""Fuzzing booking an appointment: who and where, time, details, check."""

from tests.fuzz.walk import walk


def test_booking_anonymous(signed_in):
    fuzzed = walk(signed_in(), "/afspraak/paspoort-id-ophalen", max_steps=8)
    print(fuzzed)
    assert len(fuzzed) >= 2, fuzzed


def test_booking_signed_in(signed_in):
    fuzzed = walk(signed_in("inwoner"), "/afspraak/paspoort-id-aanvragen", max_steps=8)
    print(fuzzed)
    assert len(fuzzed) >= 2, fuzzed
