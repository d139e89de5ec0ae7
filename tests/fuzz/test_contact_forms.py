"""Fuzzing the contact forms: questions, call-back requests and Mijn gegevens."""

from tests.fuzz.harness import fuzz_page


def test_question_form(signed_in):
    client = signed_in()
    assert fuzz_page(client, "/vraag") >= 1


def test_callback_form(signed_in):
    client = signed_in("inwoner")
    assert fuzz_page(client, "/terugbellen") >= 1


def test_profile_contact_form(signed_in):
    client = signed_in("inwoner")
    assert fuzz_page(client, "/mijn-gegevens/contact") >= 1
