"""Officialese and its plain alternative ("aanslag" → "belastingbrief"), and finding it in a
text: whole words, any case, also the simple inflections (aanslagen, verstrekt,
retourneerde, woonachtige). The webteam keeps the list (see `jargon_store`); DEFAULTS is
what a new portal starts with.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

DEFAULTS: tuple[tuple[str, str], ...] = (
    ("aanslag", "belastingbrief"),
    ("indien", "als"),
    ("middels", "met"),
    ("inzake", "over"),
    ("teneinde", "om"),
    ("alsmede", "en"),
    ("conform", "volgens"),
    ("verstrekken", "geven"),
    ("aanvrager", "u"),
    ("woonachtig", "wonen"),
    ("reeds", "al"),
    ("tevens", "ook"),
    ("alvorens", "voordat"),
    ("thans", "nu"),
    ("retourneren", "terugsturen"),
    ("ingevolge", "volgens"),
    ("beschikking", "besluit"),
    ("legitimatie", "identiteitsbewijs"),
)

VOWELS = set("aeiou")
# Verbs with these beginnings make their participle without "ge" (verstrekt, betaald).
NO_GE = ("be", "ge", "ver", "ont", "her", "er")


@dataclass(frozen=True)
class Entry:
    word: str
    plain: str


def default_entries() -> list[Entry]:
    return [Entry(word, plain) for word, plain in DEFAULTS]


def _verb_stem(verb: str) -> str:
    """ "verstrekken" → "verstrek", "retourneren" → "retourneer"."""
    stem = verb[:-2]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
        return stem[:-1]
    if len(stem) > 3 and stem[-1] not in VOWELS and stem[-2] in VOWELS and stem[-3] not in VOWELS:
        return stem[:-1] + stem[-2] + stem[-1]
    return stem


def forms(word: str) -> set[str]:
    """The word and the inflections a text is likely to use."""
    word = " ".join(word.lower().split())
    found = {word}
    if " " in word or len(word) < 3:
        return found
    if word.endswith("en") and len(word) > 5:
        stem = _verb_stem(word)
        found |= {stem + end for end in ("", "t", "te", "ten", "de", "den")}
        if not word.startswith(NO_GE):
            found |= {"ge" + stem + "t", "ge" + stem + "d"}
        return found
    # Nouns and adjectives: plural, inflected adjective.
    return found | {word + "s", word + "en", word + "e"}


@lru_cache(maxsize=512)
def _pattern(word: str) -> re.Pattern:
    alternatives = sorted(forms(word), key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alternatives)
    return re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])", re.IGNORECASE)


def find(text: str, entries: list[Entry]) -> list[tuple[Entry, str]]:
    """Each listed word in the text once, with the form it was found in."""
    found = []
    for entry in entries:
        match = _pattern(entry.word).search(text)
        if match:
            found.append((entry, match.group(0)))
    return found
