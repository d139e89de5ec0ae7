"""The report "Teksten die aandacht nodig hebben" over published content: a fake kind
with known live texts, so the expected counts are known independently."""

import pytest

from portal.editor.attention import attention
from tests.editor.checks_support import CLEAN, HARD, texts
from tests.editor.checks_support import fake_kind as fake_kind

IMAGE = "![](/static/img/kaart.png)"


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


@pytest.fixture
def live(fake_kind):
    fake_kind.live = {
        # 1 image without alt (blocking), 1 vague link; English complete.
        "kaart": (
            True,
            texts(
                {"title": "Kaart", "body": f"{IMAGE} [hier](https://example.nl/a)"},
                {"title": "Map", "body": "A map."},
            ),
        ),
        # hard text (score < 60), passive, "indien" (jargon), English missing for intro.
        "moeilijk": (True, texts({"title": "Moeilijk", "intro": HARD}, {"title": "Hard"})),
        "goed": (True, texts({"title": "Goed", "intro": CLEAN}, {"title": "Good", "intro": CLEAN})),
        # Not published: never in the report, whatever it says.
        "concept": (False, texts({"title": "Concept", "body": IMAGE})),
    }
    return fake_kind


def test_published_items_with_findings_worst_first(live):
    result = attention("proefsoort")
    assert result.checked == 3
    assert [item.key for item in result.items] == ["kaart", "moeilijk"]
    kaart, moeilijk = result.items
    assert (kaart.total, kaart.blocking) == (2, 1)
    assert moeilijk.per_check() == [
        ("reading_score", 1),
        ("passive", 1),  # "wordt … verstuurd"
        ("jargon", 1),
        ("english_missing", 1),
    ]
    assert moeilijk.report.worst_score == pytest.approx(31.3, abs=1)
    assert kaart.report.worst_score is None


def test_filter_by_check(live):
    assert [i.key for i in attention("proefsoort", "jargon").items] == ["moeilijk"]
    assert [i.key for i in attention("proefsoort", "image_alt").items] == ["kaart"]
    assert attention("proefsoort", "hebt_u").items == []


def test_filter_by_kind_leaves_out_other_kinds(live):
    assert attention("bestaat-niet").items == []
    assert "proefsoort" in {i.kind.name for i in attention().items}


def test_a_kind_that_cannot_be_read_is_named_and_the_rest_still_shows(live, monkeypatch):
    def broken():
        raise RuntimeError("database gone")

    monkeypatch.setattr(live, "list_live", broken)
    result = attention("proefsoort")
    assert result.unreadable == ["Proefteksten"]
    assert result.items == []
