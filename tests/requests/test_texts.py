"""The forms speak B1 Dutch: easy to read, short sentences, no officialese, "u"."""

import re

import pytest
from flask_babel import force_locale

from portal.requests.definition import definitions
from tests.catalog.test_texts import (
    MAX_SENTENCE_WORDS,
    MIN_READING_EASE,
    OFFICIALESE,
    reading_ease,
    sentences,
)


def form_texts(definition) -> list[str]:
    """Every text a person reads in the form, in Dutch."""
    texts = [definition.declaration, *definition.next_steps]
    for step in definition.all_steps:
        texts += [step.title, step.intro]
        texts += [fact.label for fact in step.facts] + [fact.required for fact in step.facts]
        for item in step.fields:
            texts += [item.label, item.hint, item.required]
            texts += [choice.label for choice in item.choices]
    with force_locale("nl"):
        return [str(text) for text in texts if text]


@pytest.fixture(params=sorted(definitions()), ids=str)
def texts(request, app):
    with app.test_request_context():
        yield request.param, form_texts(definitions()[request.param])


def test_a_form_is_easy_to_read(texts):
    slug, found = texts
    prose = " ".join(text if text.endswith((".", "?", "!")) else f"{text}." for text in found)
    assert reading_ease(prose) >= MIN_READING_EASE, slug


def test_sentences_in_forms_stay_short(texts):
    slug, found = texts
    long_ones = [
        s for text in found for s in sentences(text) if len(s.split()) > MAX_SENTENCE_WORDS
    ]
    assert long_ones == [], slug


def test_forms_use_no_officialese_and_say_u(texts):
    slug, found = texts
    joined = " ".join(found)
    officialese = [
        w for w in OFFICIALESE if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", joined, re.I)
    ]
    assert officialese == [], slug
    assert not re.search(r"(?<!\w)(je|jij|jouw|jullie)(?!\w)", joined, re.IGNORECASE), slug
