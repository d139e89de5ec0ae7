"""Suggesting a category from a description, without any outside service.

A small naive-Bayes model that anyone can follow. Each active subcategory gets two word
counts: the editors' words (the keywords of the subcategory and its main category, weighed
most, then the words of its names and hints in Dutch and English) and the words of earlier
reports filed under it (the last `TRAINING_REPORTS`). A description's words are scored against
both, mixed so that the editors' words keep a say however many reports there are.

Words meet through `portal.reports.wording` (accents, plurals, diminutives); a word that is
unknown as a whole is looked for as part of a compound ("straatlantaarn" holds "lantaarn") and
then as a likely typo of an editors' word ("lantarenpaal"). The model is built per app and
rebuilt at most every `REFRESH_SECONDS`, so a changed keyword or a new report counts soon
without every keystroke costing a query.
"""

from __future__ import annotations

import difflib
import math
import threading
import time
from collections import Counter
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from portal.extensions import db
from portal.reports.categories import all_categories
from portal.reports.models import Report
from portal.reports.wording import stem, words

REFRESH_SECONDS = 300
TRAINING_REPORTS = 5000
# How many times an editors' word counts, as if residents had used it that often.
KEYWORD_WEIGHT = 4
MAIN_KEYWORD_WEIGHT = 2
NAME_WEIGHT = 2
HINT_WEIGHT = 1
# The editors' share of a word's likelihood: all of it without reports, falling as reports
# come in (half at `REPORTS_FOR_HALF`), never below `MIN_KEYWORD_SHARE`.
REPORTS_FOR_HALF = 20
MIN_KEYWORD_SHARE = 0.3
SMOOTHING = 0.1
# How much a word found inside a compound or as a likely typo counts, against a whole word.
COMPOUND_WEIGHT = 0.8
TYPO_WEIGHT = 0.7
MIN_PART = 4
# Looking for typos is the slow part; a long text of unknown words gets this many looks.
MAX_TYPO_LOOKUPS = 30
MIN_SCORE = 0.01

_EXTENSION = "reports.classifier"
_lock = threading.Lock()


@dataclass(frozen=True)
class Suggestion:
    slug: str  # a subcategory slug
    score: float  # 0..1, higher is surer
    # The words of the description that led to it, shown to the resident ("want u schreef ...").
    because: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Feature:
    stem: str
    weight: float
    word: str  # as the resident wrote it (folded), for `because`


@dataclass
class _Model:
    slugs: tuple[str, ...]
    editors: dict[str, Counter]
    reports: dict[str, Counter]
    report_numbers: Counter
    # Total of each counter, counted once: `Counter.total()` walks every word.
    editor_totals: dict[str, int]
    report_totals: dict[str, int]
    vocabulary: frozenset[str]
    # Editors' words (as written, and their stem) that may be part of a longer word.
    parts: tuple[tuple[str, str], ...]
    built_at: float

    def keyword_share(self, slug: str) -> float:
        share = REPORTS_FOR_HALF / (REPORTS_FOR_HALF + self.report_numbers[slug])
        return max(MIN_KEYWORD_SHARE, share)

    def likelihood(self, term: str, slug: str) -> float:
        size = SMOOTHING * len(self.vocabulary)
        editors, reports = self.editors[slug], self.reports[slug]
        from_editors = (editors[term] + SMOOTHING) / (self.editor_totals[slug] + size)
        if not self.report_numbers[slug]:
            return from_editors
        from_reports = (reports[term] + SMOOTHING) / (self.report_totals[slug] + size)
        share = self.keyword_share(slug)
        return share * from_editors + (1 - share) * from_reports

    def knows(self, term: str, slug: str) -> bool:
        return self.editors[slug][term] > 0 or self.reports[slug][term] > 0


def _count(counter: Counter, text: str, weight: int, parts: dict[str, str]) -> None:
    for word in words(text):
        counter[stem(word)] += weight
        if len(word) >= MIN_PART:
            parts[word] = stem(word)


def _build() -> _Model:
    dutch, english = all_categories("nl"), all_categories("en")
    by_slug = {category.slug: category for category in dutch}
    english_by_slug = {category.slug: category for category in english}
    editors: dict[str, Counter] = {}
    parts: dict[str, str] = {}
    for category in dutch:
        if not category.parent_slug:
            continue
        counter = editors[category.slug] = Counter()
        main = by_slug.get(category.parent_slug)
        for keyword in category.keywords:
            _count(counter, keyword, KEYWORD_WEIGHT, parts)
        for keyword in main.keywords if main else ():
            _count(counter, keyword, MAIN_KEYWORD_WEIGHT, parts)
        other = english_by_slug.get(category.slug, category)
        for name in {category.name, category.group_name, other.name, other.group_name}:
            _count(counter, name, NAME_WEIGHT, parts)
        for hint in {category.hint, other.hint}:
            _count(counter, hint, HINT_WEIGHT, parts)

    reports = {slug: Counter() for slug in editors}
    numbers: Counter = Counter()
    latest = (
        select(Report.category_slug, Report.description)
        .order_by(Report.id.desc())
        .limit(TRAINING_REPORTS)
    )
    for slug, description in db.session.execute(latest):
        if slug in reports:
            numbers[slug] += 1
            reports[slug].update(stem(word) for word in words(description or ""))

    vocabulary = set()
    for counter in (*editors.values(), *reports.values()):
        vocabulary.update(counter)
    return _Model(
        slugs=tuple(editors),
        editors=editors,
        reports=reports,
        report_numbers=numbers,
        editor_totals={slug: counter.total() for slug, counter in editors.items()},
        report_totals={slug: counter.total() for slug, counter in reports.items()},
        vocabulary=frozenset(vocabulary),
        parts=tuple(sorted(parts.items(), key=lambda item: -len(item[0]))),
        built_at=time.monotonic(),
    )


def _model() -> _Model:
    cached = current_app.extensions.get(_EXTENSION)
    if cached is not None and time.monotonic() - cached.built_at < REFRESH_SECONDS:
        return cached
    with _lock:
        model = _build()
        current_app.extensions[_EXTENSION] = model
    return model


def forget() -> None:
    """Rebuild the model on the next suggestion (after categories were edited, in tests)."""
    current_app.extensions.pop(_EXTENSION, None)


def _parts_of(word: str, model: _Model) -> list[_Feature]:
    """Editors' words inside a compound, longest first; a part inside a longer part found
    earlier does not count again ("lantaarnpaal" is not also "lantaarn" and "paal")."""
    found: dict[str, str] = {}
    for part, part_stem in model.parts:
        if part != word and part in word and not any(part in longer for longer in found):
            found[part] = part_stem
    return [_Feature(part_stem, COMPOUND_WEIGHT, word) for part_stem in found.values()]


def _features(description: str, model: _Model) -> list[_Feature]:
    features = []
    typo_candidates = [part for part, _ in model.parts]
    typo_lookups = 0
    for word in words(description):
        term = stem(word)
        if term in model.vocabulary:
            features.append(_Feature(term, 1.0, word))
            continue
        parts = _parts_of(word, model) if len(word) > MIN_PART else []
        if parts:
            features.extend(parts)
            continue
        if len(word) >= 5 and typo_lookups < MAX_TYPO_LOOKUPS:
            typo_lookups += 1
            close = difflib.get_close_matches(word, typo_candidates, n=1, cutoff=0.8)
            if close:
                features.append(_Feature(stem(close[0]), TYPO_WEIGHT, word))
    return features


def _because(features: list[_Feature], slug: str, model: _Model) -> tuple[str, ...]:
    """The resident's words that pulled most towards `slug`, against the average category."""
    pull: dict[str, float] = {}
    for feature in features:
        if not model.knows(feature.stem, slug):
            continue
        average = sum(model.likelihood(feature.stem, other) for other in model.slugs)
        average /= len(model.slugs)
        gain = feature.weight * math.log(model.likelihood(feature.stem, slug) / average)
        if gain > 0:
            pull[feature.word] = max(pull.get(feature.word, 0.0), gain)
    return tuple(sorted(pull, key=lambda word: -pull[word])[:3])


def suggest(description: str, limit: int = 3) -> list[Suggestion]:
    """The most likely subcategories for a description, best first; empty when nothing fits.

    Any input is allowed: text that is not a string, empty or without known words gives [].
    """
    if isinstance(description, bytes):
        description = description.decode("utf-8", errors="ignore")
    if not isinstance(description, str) or not isinstance(limit, int) or limit < 1:
        return []
    model = _model()
    features = _features(description, model) if model.slugs else []
    candidates = [slug for slug in model.slugs if any(model.knows(f.stem, slug) for f in features)]
    if not candidates:
        return []
    logs = {
        slug: sum(f.weight * math.log(model.likelihood(f.stem, slug)) for f in features)
        for slug in model.slugs
    }
    highest = max(logs.values())
    total = sum(math.exp(value - highest) for value in logs.values())
    ranked = sorted(candidates, key=lambda slug: -logs[slug])
    suggestions = []
    for slug in ranked[:limit]:
        score = math.exp(logs[slug] - highest) / total
        if score < MIN_SCORE and suggestions:
            break
        suggestions.append(Suggestion(slug, round(score, 2), _because(features, slug, model)))
    return suggestions
