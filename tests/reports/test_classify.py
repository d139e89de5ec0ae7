"""The category classifier: accuracy on labelled example descriptions, learning from earlier
reports, and no input that makes it fail."""

import csv
import difflib
import random
import string
from pathlib import Path

import pytest
from sqlalchemy import update

from portal.extensions import db
from portal.reports import categories, classify
from portal.reports.models import ReportCategory
from portal.reports.wording import stem, words
from tests.reports.factories import make_report

EXAMPLES = Path(__file__).parent / "data" / "classifier_examples.csv"
# Floors just under what the classifier reaches on the examples (see the printed figures).
TOP1_FLOOR = 0.83
TOP3_FLOOR = 0.95


@pytest.fixture
def loaded(app):
    categories.load()
    classify.forget()
    yield
    classify.forget()


def read_examples() -> list[tuple[str, str]]:
    with EXAMPLES.open(encoding="utf-8", newline="") as file:
        return [(row["description"], row["slug"]) for row in csv.DictReader(file)]


def test_examples_are_many_varied_and_name_real_subcategories(loaded):
    examples = read_examples()
    known = {category.slug for category in categories.subcategories("nl")}

    assert len(examples) >= 120
    assert {slug for _, slug in examples} == known
    assert len({description for description, _ in examples}) == len(examples)


def test_accuracy_on_the_example_descriptions(loaded):
    examples = read_examples()
    top1 = top3 = 0
    misses = []
    for description, expected in examples:
        slugs = [suggestion.slug for suggestion in classify.suggest(description)]
        top1 += slugs[:1] == [expected]
        top3 += expected in slugs
        if slugs[:1] != [expected]:
            misses.append(f"  {description!r}: {expected} -> {slugs}")

    n = len(examples)
    print(f"\nclassifier on {n} examples: top-1 {top1 / n:.1%}, top-3 {top3 / n:.1%}")
    print("\n".join(misses))
    assert top1 / n >= TOP1_FLOOR
    assert top3 / n >= TOP3_FLOOR


def test_suggestions_are_ordered_scored_and_explained(loaded):
    suggestions = classify.suggest("De straatlantaarn bij ons huis brandt niet meer", limit=3)

    best = suggestions[0]
    assert best.slug == "lantaarnpaal-kapot"
    assert 0 < best.score <= 1
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)
    assert "straatlantaarn" in best.because and "brandt" in best.because


def test_limit_bounds_the_list(loaded):
    assert len(classify.suggest("kapot bord en kapotte bank", limit=1)) == 1


def test_earlier_reports_teach_it_a_new_word(loaded):
    assert classify.suggest("Die bladkorf weer") == []
    for place in ("kerk", "school", "markt"):
        make_report("afvalbak-vol", description=f"De bladkorf bij de {place} zit propvol")
    classify.forget()

    best = classify.suggest("Die bladkorf weer")[0]

    assert best.slug == "afvalbak-vol"
    assert best.because[0] == "bladkorf"


def test_an_inactive_category_is_not_suggested_even_with_reports(loaded):
    make_report("graffiti", description="Graffiti op de muur van de school")
    db.session.execute(
        update(ReportCategory).where(ReportCategory.slug == "graffiti").values(active=False)
    )
    classify.forget()

    assert "graffiti" not in [s.slug for s in classify.suggest("Graffiti op de muur")]


@pytest.mark.parametrize(
    "description",
    ["", "   ", "?!", "ok", "asdfgh", "12345", "de het een", "🙂🙂🙂", "\x00\x01", "<script>"],
)
def test_short_or_meaningless_input_gives_no_suggestions(loaded, description):
    assert classify.suggest(description) == []


@pytest.mark.parametrize(
    ("description", "limit"),
    [(None, 3), (42, 3), (b"lamp kapot", 3), ("lamp", 0), ("lamp", -1), ("lamp", "3")],
)
def test_odd_input_never_raises(loaded, description, limit):
    assert isinstance(classify.suggest(description, limit), list)


def test_a_very_long_description_is_handled_quickly(loaded):
    description = " ".join(["lantaarnpaal knippert straatlantaarnpalen"] * 2000)

    assert classify.suggest(description)[0].slug == "lantaarnpaal-kapot"


def test_without_categories_there_is_nothing_to_suggest(app):
    classify.forget()

    assert classify.suggest("De lantaarnpaal brandt niet") == []


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("lantaarnpalen", "lantaarnpal"),
        ("lantaarnpaal", "lantaarnpal"),
        ("paaltje", "pal"),
        ("bankjes", "bank"),
        ("boompje", "bom"),
        ("takken", "tak"),
        ("tegels", "tegel"),
        ("losse", "los"),
        ("brandt", "brand"),
        ("gras", "gras"),
    ],
)
def test_dutch_words_of_one_family_share_a_stem(word, expected):
    assert stem(word) == expected


def test_words_are_folded_and_stopwords_dropped():
    assert words("Geïnstalleerde CAFÉ-lamp, kliko's en de... 42!") == [
        "geinstalleerde",
        "cafe",
        "lamp",
        "kliko",
    ]


def test_a_long_text_of_unknown_words_looks_for_typos_a_bounded_number_of_times(
    loaded, monkeypatch
):
    rng = random.Random(5)
    text = " ".join("".join(rng.choices(string.ascii_lowercase, k=9)) for _ in range(5000))
    looks = []
    real = difflib.get_close_matches

    def counted(*args, **kwargs):
        looks.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)

    classify.suggest(text)

    assert 0 < len(looks) <= classify.MAX_TYPO_LOOKUPS
