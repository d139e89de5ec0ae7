"""Search finds products by the words people use, whatever their case, accents or typos."""

import pytest

from portal.catalog.search import clean_query, normalize, query_terms
from portal.catalog.services import search


def first(q: str, locale: str = "nl") -> str | None:
    results = search(q, locale=locale)
    return results[0].slug if results else None


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("paspoort", "reisdocument-aanvragen"),
        ("PASPOORT", "reisdocument-aanvragen"),
        ("id-kaart", "reisdocument-aanvragen"),
        ("mijn pas is verlopen", "reisdocument-aanvragen"),
        ("ik ga verhuizen", "verhuizing-doorgeven"),
        ("adreswijziging", "verhuizing-doorgeven"),
        ("kapotte lantaarnpaal", "melding-openbare-ruimte"),
        ("gat in de weg", "melding-openbare-ruimte"),
        ("woz", "vraag-woz-belastingen"),
        ("bezwaar aanslag", "vraag-woz-belastingen"),
        ("schoonmaken", "hulp-bij-het-huishouden"),
        ("bbq op straat", "buurtfeest-melden"),
        ("terugbellen", "terugbelverzoek"),
        ("parkeren", "parkeervergunning-bewoners"),
        ("uittreksel", "uittreksel-brp"),
    ],
)
def test_words_people_use_find_the_product(catalog, q, expected):
    assert first(q) == expected


def test_accents_do_not_matter(catalog):
    assert first("cafe") == first("café") == "terrasvergunning"


def test_a_small_typo_still_finds_the_product(catalog):
    assert first("pasport") == "reisdocument-aanvragen"
    assert first("lantarenpaal") == "melding-openbare-ruimte"


def test_a_product_matching_more_words_comes_first(catalog):
    slugs = [product.slug for product in search("paspoort aanvragen")]
    assert slugs[0] == "reisdocument-aanvragen"
    assert len(slugs) > 1  # "aanvragen" alone matches other products too


def test_words_from_the_other_language_still_work(catalog):
    assert first("passport", locale="nl") == "reisdocument-aanvragen"
    results = search("paspoort", locale="en")
    assert results[0].name == "Apply for a passport or identity card"


def test_nonsense_and_empty_queries_find_nothing(catalog):
    assert search("xyzzy qwerty") == []
    assert search("") == []
    assert search("   ") == []


def test_withdrawn_products_are_not_found(catalog, unpublish):
    unpublish("reisdocument-aanvragen")
    assert "reisdocument-aanvragen" not in [p.slug for p in search("paspoort")]


def test_normalize_drops_case_accents_and_punctuation():
    assert normalize("  Café—Ëén, ID-kaart! ") == "cafe een id kaart"


def test_filler_words_are_ignored_unless_they_are_all_there_is():
    assert query_terms("Ik wil een paspoort") == ["paspoort"]
    assert query_terms("ik wil") == ["ik", "wil"]
    assert query_terms("paspoort paspoort") == ["paspoort"]


def test_long_numbers_are_taken_out_of_a_query():
    assert clean_query("paspoort 999990007") == ("paspoort", True)
    assert clean_query("kvk 9000 1234") == ("kvk", True)
    assert clean_query("  paspoort   kwijt ") == ("paspoort kwijt", False)
    assert clean_query("14 0123") == ("14 0123", False)
