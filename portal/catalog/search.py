"""Finding products by what people type: "paspoort", "verhuisd", "kapotte lantaarnpaal".

The catalogue is small (tens of products), so matching happens in Python over the texts of
every language: the same code then works on SQLite and PostgreSQL, ignores accents and case
("cafe" finds "café"), and a Dutch word still works when the page is shown in English.

Each word is matched against the name, the words people use (synonyms), the summary and the
rest of the text, with that order of weight. A product that matches more of the words comes
first; a word of five letters or more may have one small typo ("pasport").

`match` scores any other `Searchable` (an FAQ answer, a notice) with the same rules, so the
contact centre's knowledge search finds them the way residents find products.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from portal.catalog import models

# Words that say nothing about what someone wants to arrange.
_STOPWORDS_TEXT = """
ik je u wij we mijn uw een de het en of in op van voor met aan bij om te naar wil wilt hoe wat
waar wie kan kun kunt moet hebben heb heeft is er dat die dit
i a an the and or of to for in on at my me how what where can do want need
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
NAME, SYNONYM, SUMMARY, TEXT = 10, 8, 3, 1
PHRASE_BONUS = 12
MIN_PREFIX = 3
MIN_FUZZY = 5
FUZZY_RATIO = 0.8
MAX_QUERY = 100
# A BSN has 9 digits, a KVK number 8: long numbers are never product words, and a search
# query ends up in URLs, page titles and access logs, where such numbers must not be.
LONG_NUMBER = re.compile(r"\d[\d .-]{6,}\d")


def normalize(text: str) -> str:
    """Lower case, accents removed, anything but letters and digits turned into spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


def clean_query(q: str) -> tuple[str, bool]:
    """The query with spaces tidied and long numbers taken out; True if one was taken out."""
    without = LONG_NUMBER.sub(" ", q)
    return " ".join(without.split())[:MAX_QUERY], without != q


def sort_key(text: str) -> str:
    return normalize(text)


def query_terms(q: str) -> list[str]:
    words = normalize(q[:MAX_QUERY]).split()
    meaningful = [word for word in words if word not in STOPWORDS]
    return list(dict.fromkeys(meaningful or words))


def _word_matches(term: str, words: Iterable[str], fuzzy: bool) -> float:
    """1 for a whole word or the start of one, 0.5 for a near miss, else 0."""
    words = list(words)
    for word in words:
        if word == term or (len(term) >= MIN_PREFIX and word.startswith(term)):
            return 1.0
    if fuzzy and len(term) >= MIN_FUZZY:
        for word in words:
            close_length = abs(len(word) - len(term)) <= 2
            if close_length and SequenceMatcher(None, term, word).ratio() >= FUZZY_RATIO:
                return 0.5
    return 0.0


@dataclass(frozen=True)
class Searchable:
    """Anything found with the same words and weights as a product (an FAQ answer, a
    notice): what it is called, the words people use for it, a short summary and the rest
    of its text, in every language it has."""

    names: tuple[str, ...]
    synonyms: tuple[str, ...] = ()
    summaries: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()


def _words(texts: Iterable[str]) -> list[str]:
    return " ".join(normalize(text) for text in texts).split()


class _Entry:
    """One item's searchable words, weighted by where they come from."""

    def __init__(self, item: Searchable) -> None:
        self.fields = [
            (NAME, _words(item.names), True),
            (SYNONYM, _words(item.synonyms), True),
            (SUMMARY, _words(item.summaries), False),
            (TEXT, _words(item.texts), False),
        ]
        self.phrases = {normalize(text) for text in (*item.names, *item.synonyms)}

    def score(self, terms: list[str], phrase: str) -> tuple[int, float]:
        matched, total = 0, 0.0
        for term in terms:
            best = max(
                weight * _word_matches(term, words, fuzzy) for weight, words, fuzzy in self.fields
            )
            if best:
                matched += 1
                total += best
        if phrase and phrase in self.phrases:
            total += PHRASE_BONUS
        return matched, total


def _product(row: models.Product) -> Searchable:
    texts = row.texts
    return Searchable(
        names=tuple(t.name for t in texts),
        synonyms=tuple(s for t in texts for s in t.synonyms),
        summaries=tuple(t.summary for t in texts),
        texts=tuple(" ".join([t.body, *t.needs]) for t in texts),
    )


def _phrase(q: str) -> str:
    return " ".join(normalize(q[:MAX_QUERY]).split())


def match(q: str, item: Searchable) -> tuple[int, float]:
    """(words of `q` found, weight) for one item; (0, 0.0) when no word matched. Sort on
    both, highest first, to rank items the way `rank` ranks products."""
    terms = query_terms(q)
    return _Entry(item).score(terms, _phrase(q)) if terms else (0, 0.0)


def rank(q: str, rows: Iterable[models.Product], locale: str) -> list[str]:
    """Slugs of the products that match `q`, best first; names in `locale` break ties."""
    terms = query_terms(q)
    if not terms:
        return []
    phrase = _phrase(q)
    scored = []
    for row in rows:
        matched, total = _Entry(_product(row)).score(terms, phrase)
        if matched:
            names = {t.locale: t.name for t in row.texts}
            name = names.get(locale) or next(iter(names.values()), row.slug)
            scored.append((-matched, -total, sort_key(name), row.slug))
    return [slug for *_, slug in sorted(scored)]
