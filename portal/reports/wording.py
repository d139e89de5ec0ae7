"""Residents' words made comparable: lower case, accents folded, punctuation dropped, common
words left out, and a small Dutch stemmer so "lantaarnpalen", "lantaarnpaaltje" and
"lantaarnpaal" count as one word.

The stemmer is deliberately simple and predictable (a few suffix rules after the Snowball
Dutch stemmer's ideas, plus diminutives, which Snowball leaves alone): it only has to make a
resident's words meet the editors' keywords, and both sides go through the same rules.
"""

from __future__ import annotations

import re
import unicodedata

# Longer input is cut: a 5,000-word description says nothing the first part did not.
MAX_CHARS = 4000

_VOWELS = frozenset("aeiouy")
_WORD = re.compile(r"[a-z0-9]+")
# "kliko's", "auto's": the apostrophe-s is a plural, not a word of its own.
_APOSTROPHE_S = re.compile(r"['’]s\b")

# Words that say nothing about the category, Dutch and English. "uit", "aan" and "weg" stay:
# "de lamp is uit" and "het bord is weg" do say something.
_STOPWORDS = """
    de het een en of is zijn was waren wordt worden werd word op in bij van voor met door
    naar om over onder tot al er te ik je jij u we wij ze zij hij hem haar ons onze mijn uw
    jullie dit dat die deze daar hier niet geen wel ook nog maar dan als wat wie waar hoe
    heel erg veel zeer meer alle allemaal zo nu toen sinds weer steeds even echt gewoon
    heeft hebben had hadden kan kunnen moet moeten zal zou zit zitten staat staan ligt
    liggen gaat gaan doet doen sta zie zien men iemand iets omdat want dus bijna graag
    t s m n d k mag hallo beste groet groeten gr dank bedankt alvast svp aub
    the a an are were be been of on at to and or it its this that there by for from with
    not no near outside our my your please has have had during after before over all
    very just some their they you he she can could would should will being
    every again when since still really
"""
STOPWORDS = frozenset(_STOPWORDS.split())


def fold(text: str) -> str:
    """Lower case without accents: "Geïnstalleerd Café" -> "geinstalleerd cafe"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _is_vowel(char: str) -> bool:
    return char in _VOWELS


def _undouble_consonant(word: str) -> str:
    """takk -> tak, loss -> los: what is left after -en or -e leaves a doubled consonant."""
    if len(word) >= 3 and word[-1] == word[-2] and not _is_vowel(word[-1]):
        return word[:-1]
    return word


def _undouble_vowel(word: str) -> str:
    """paal -> pal, boom -> bom, so that they meet "palen" -> "pal" and "bomen" -> "bom"."""
    if (
        len(word) >= 4
        and not _is_vowel(word[-1])
        and word[-2] == word[-3]
        and word[-2] in "aeou"
        and not _is_vowel(word[-4])
    ):
        return word[:-2] + word[-1]
    return word


def _strip_diminutive(word: str) -> str:
    """bankje(s) -> bank, paaltje -> paal, boompje -> boom, balletje -> ball."""
    if word.endswith("jes"):
        word = word[:-1]
    for ending in ("etje", "tje", "pje", "je"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def stem(word: str) -> str:
    """The stem that words of one family share. Short words are left alone."""
    if len(word) <= 3 or word.isdigit():
        return word
    word = _strip_diminutive(word)
    if word.endswith("en") and len(word) >= 5 and not _is_vowel(word[-3]):
        word = _undouble_consonant(word[:-2])
    elif word.endswith("s") and len(word) >= 5 and not _is_vowel(word[-2]) and word[-2] != "j":
        word = word[:-1]
    elif word.endswith("e") and len(word) >= 5 and not _is_vowel(word[-2]):
        word = _undouble_consonant(word[:-1])
    if word.endswith("dt"):  # brandt -> brand
        word = word[:-1]
    return _undouble_vowel(word)


def words(text: str) -> list[str]:
    """The meaningful words of a text, folded, in order; stopwords and numbers left out."""
    folded = _APOSTROPHE_S.sub("", fold(text[:MAX_CHARS]))
    return [
        word
        for word in _WORD.findall(folded)
        if len(word) >= 2 and word not in STOPWORDS and not word.isdigit()
    ]
