"""Plain-language measures of a Dutch text: the Flesch-Douma score, long sentences, passive
voice and "hebt u". Pure functions on plain text (Markdown already stripped).

Flesch-Douma is Flesch's formula with Douma's Dutch weights:
206.835 − 0.93 × (words / sentences) − 77 × (syllables / words); 60 and up is B1.
textstat computes it (syllables with the Dutch hyphenation dictionary). Before it counts,
abbreviations ("bijv.") and amounts ("9.00 uur") lose their dots, so they do not end a
sentence, and a line without end punctuation (a heading, a list item) ends one.
"""

import re

from textstat.textstat import textstatistics

B1_TARGET = 60.0
LONG_SENTENCE_WORDS = 20
# Below this a score says nothing: a title of two long words scores "moeilijk".
MIN_WORDS_FOR_SCORE = 10

# An own instance, so another module choosing a language for textstat does not change ours.
_stats = textstatistics()
_stats.set_lang("nl")

ABBREVIATIONS = (
    "bijv.",
    "bv.",
    "b.v.",
    "o.a.",
    "d.w.z.",
    "enz.",
    "etc.",
    "z.o.z.",
    "i.p.v.",
    "m.b.t.",
    "t.a.v.",
    "n.a.v.",
    "o.b.v.",
    "e.d.",
    "incl.",
    "excl.",
    "ca.",
    "nr.",
    "tel.",
    "dhr.",
    "mevr.",
    "mr.",
    "drs.",
    "ir.",
    "dr.",
    "jl.",
    "a.s.",
    "zgn.",
)
_ABBREVIATION = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(a) for a in ABBREVIATIONS) + r")", re.IGNORECASE
)
_NUMBER_DOT = re.compile(r"(\d)\.(\d)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

# Forms of "worden" make a sentence passive with a past participle; forms of "zijn" do so
# too ("Het paspoort is aangevraagd"), except with verbs that take "zijn" in the active
# ("Wij zijn verhuisd").
WORDEN = {"word", "wordt", "worden", "werd", "werden", "geworden"}
ZIJN = {"is", "zijn", "was", "waren"}
# A past participle: ge…d/t/en, also after a separable part (aangevraagd, ingevuld), or
# be-/ver-/ont-/her-…d/t (betaald, verstuurd), plus a few strong ones.
_PARTICIPLE = re.compile(
    r"^(?:[a-z]{2,5})?(ge[a-z]{2,}(?:d|t|en))$|^((?:be|ver|ont|her)[a-z]{3,}(?:d|t))$"
)
# A participle does not follow these: "het verkeersbord", "een bericht" are nouns.
DETERMINERS = {"de", "het", "een", "dit", "dat", "deze", "die", "uw", "ons", "onze", "elk", "elke"}
STRONG_PARTICIPLES = {"ontvangen", "verzonden", "besproken", "verkregen", "vergeten", "bedoeld"}
# Words that look like a participle but are not one here (nouns, conjunctions) or that go
# with "zijn" in the active voice.
NOT_PASSIVE = {
    "aangezien",
    "bericht",
    "berichten",
    "beleid",
    "bestand",
    "verband",
    "verschillend",
    "gebied",
    "gebieden",
    "gelden",
    "geleden",
    "gelegen",
    "gemeenten",
    "gemiddeld",
    "gesprekken",
    "gevallen",
    "gebruiken",
    "gevolgen",
    "gegevens",
    "gegaan",
    "gekomen",
    "gebleven",
    "geworden",
    "gebeurd",
    "gestorven",
    "geweest",
    "gestegen",
    "gedaald",
    "geboren",
    "gestart",
    "gestopt",
    "gelukt",
    "mislukt",
    "verhuisd",
    "vertrokken",
    "verdwenen",
    "begonnen",
    "verlopen",
    "verbonden",
    "verplicht",
    "bekend",
    "besloten",
}
# "… wordt beoordeeld door de gemeente": who acts comes last, after "door".
_BY_SOMEONE = re.compile(r"\bdoor\s+(de|het|een|ons|onze|u|uw|hen|ze|zij)\b", re.IGNORECASE)
_HEBT_U = re.compile(r"\bhebt\s+u\b", re.IGNORECASE)
_U_HEBT = re.compile(r"\bu\s+hebt\b", re.IGNORECASE)


def normalize(text: str) -> str:
    """One line of sentences, each ending in punctuation, for counting."""
    text = _ABBREVIATION.sub(lambda m: m.group(1).replace(".", ""), text)
    text = _NUMBER_DOT.sub(r"\1,\2", text)
    lines = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        lines.append(line if line[-1] in ".!?:;" else line + ".")
    return " ".join(lines)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(normalize(text)) if s.strip()]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def flesch_douma(text: str) -> float | None:
    """The score, or None when the text is too short for a score to mean anything."""
    counted = normalize(text)
    if len(words(counted)) < MIN_WORDS_FOR_SCORE:
        return None
    return round(float(_stats.flesch_reading_ease(counted)), 1)


def long_sentences(text: str) -> list[str]:
    return [s for s in sentences(text) if len(words(s)) > LONG_SENTENCE_WORDS]


def _is_participle(word: str) -> bool:
    if word in STRONG_PARTICIPLES:
        return True
    match = _PARTICIPLE.match(word)
    # "omgevallen" is "gevallen" after a separable part: the same verb.
    return bool(match) and (match.group(1) or match.group(2)) not in NOT_PASSIVE


def is_passive(sentence: str) -> bool:
    lowered = [w.lower() for w in words(sentence)]
    worden = any(w in WORDEN for w in lowered)
    if worden and _BY_SOMEONE.search(sentence):
        return True
    # The first word of a sentence and a word after "de", "een" … are nouns here.
    participle = any(
        _is_participle(w) and lowered[i - 1] not in DETERMINERS
        for i, w in enumerate(lowered)
        if i > 0
    )
    return participle and (worden or any(w in ZIJN for w in lowered))


def passive_sentences(text: str) -> list[str]:
    return [s for s in sentences(text) if is_passive(s)]


def hebt_u(text: str) -> list[str]:
    """Each "hebt u" or "u hebt": the municipality's B1 style writes "heeft u"."""
    return [m.group(0) for m in (*_HEBT_U.finditer(text), *_U_HEBT.finditer(text))]


def excerpt(sentence: str, limit: int = 12) -> str:
    """The first words of a sentence, so the editor can find it."""
    found = sentence.split()
    return " ".join(found[:limit]) + (" …" if len(found) > limit else "")
