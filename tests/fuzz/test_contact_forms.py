"""Fuzzing the contact forms: questions, call-back requests and Mijn gegevens."""

from tests.fuzz.harness import fields_on, fuzz, fuzz_page


def test_question_form(signed_in):
    client = signed_in()
    assert fuzz_page(client, "/vraag") >= 1


def test_question_form_with_csrf_on(fuzz_app, signed_in):
    """The rest of the suite posts with CSRF off; here the token is one more field to fuzz:
    sent right, odd, left out or twice. A wrong token is refused (400), never a 500."""
    fuzz_app.config["WTF_CSRF_ENABLED"] = True
    client = signed_in("inwoner")
    html = client.get("/vraag").get_data(as_text=True)
    fields = fields_on(html, "/vraag", skipped=frozenset())
    assert "csrf_token" in [item.name for item in fields]
    answers: set[int] = set()
    assert fuzz(client, "/vraag", fields, after=lambda answer, _: answers.add(answer.status_code))
    # Both happened: a refused token and a token that got through to the form's own checks.
    assert 400 in answers, answers
    assert answers - {400}, answers


def test_callback_form(signed_in):
    client = signed_in("inwoner")
    assert fuzz_page(client, "/terugbellen") >= 1


def test_profile_contact_form(signed_in):
    client = signed_in("inwoner")
    assert fuzz_page(client, "/mijn-gegevens/contact") >= 1
