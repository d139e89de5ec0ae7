"""Product texts are plain Dutch (B1): easy to read, short sentences, no officialese."""

import re

import pytest
import textstat

from portal.catalog import demo
from portal.catalog.texts import HANDLING_TEXTS, NO_SIGN_IN, SIGN_IN_TEXTS

# Flesch-Douma: 60-70 is normal text, 70 and up is easy (QUALITY.md).
MIN_READING_EASE = 60
MAX_SENTENCE_WORDS = 20
# Words of the civil service that B1 replaces with everyday ones ("als", "met", "over", ...).
OFFICIALESE = (
    "indien",
    "middels",
    "inzake",
    "teneinde",
    "alsmede",
    "dient te",
    "dienen te",
    "ten behoeve van",
    "conform",
    "derhalve",
    "onderhavig",
    "bovengenoemd",
    "reeds",
    "tevens",
    "alvorens",
    "ingevolge",
    "krachtens",
    "woonachtig",
    "ter zake",
    "ten aanzien van",
    "thans",
    "voornoemd",
    "hetgeen",
    "verstrekken",
    "aanvrager",
    "bijv.",
)
PROSE_FIELDS = ("summary", "body", "who", "cost_text", "norm_text", "contact_text")
FIXTURE = demo.read_fixture()


def dutch_texts() -> list[tuple[str, str]]:
    texts = []
    for product in FIXTURE["products"]:
        nl = product["texts"]["nl"]
        texts += [(f"{product['slug']}.{name}", nl[name]) for name in PROSE_FIELDS if nl[name]]
        texts += [(f"{product['slug']}.needs", need) for need in nl["needs"]]
    for event in FIXTURE["life_events"]:
        texts.append((f"{event['slug']}.intro", event["texts"]["nl"]["intro"]))
    return texts


def code_texts() -> list[tuple[str, str]]:
    texts = [(f"handling level {level}", str(text)) for level, text in HANDLING_TEXTS.items()]
    texts += [(f"sign-in {level}", str(text)) for level, text in SIGN_IN_TEXTS.items()]
    return [*texts, ("no sign-in", str(NO_SIGN_IN))]


def reading_ease(text: str) -> float:
    textstat.set_lang("nl")
    return textstat.flesch_reading_ease(text)


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.?!])\s+", text.strip()) if part]


@pytest.mark.parametrize(
    ("where", "text"),
    [pytest.param(w, t, id=w) for w, t in dutch_texts() if not w.endswith(".needs")],
)
def test_product_texts_are_easy_to_read(where, text):
    assert reading_ease(text) >= MIN_READING_EASE, f"{where}: {text}"


@pytest.mark.parametrize(("where", "text"), [pytest.param(w, t, id=w) for w, t in code_texts()])
def test_texts_about_levels_are_easy_to_read(where, text):
    assert reading_ease(text) >= MIN_READING_EASE, f"{where}: {text}"


def test_sentences_stay_short():
    long_ones = [
        f"{where}: {sentence}"
        for where, text in dutch_texts() + code_texts()
        for sentence in sentences(text)
        if len(sentence.split()) > MAX_SENTENCE_WORDS
    ]
    assert long_ones == []


def test_no_officialese():
    found = [
        f"{where}: {word!r}"
        for where, text in dutch_texts() + code_texts()
        for word in OFFICIALESE
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
    ]
    assert found == []


def test_the_officialese_check_finds_officialese():
    text = "Indien u een vergunning wenst, dient u middels dit formulier te betalen."
    assert reading_ease(text) < reading_ease("Wilt u een vergunning? Vul dit formulier in.")
    assert [word for word in OFFICIALESE if re.search(rf"(?<!\w){word}(?!\w)", text, re.I)] == [
        "indien",
        "middels",
    ]


def test_texts_speak_to_the_reader_as_u():
    informal = [
        where
        for where, text in dutch_texts()
        if re.search(r"(?<!\w)(je|jij|jouw|jullie)(?!\w)", text, re.IGNORECASE)
    ]
    assert informal == []
