"""check_item on known texts: each check names the field ("<locale>-<name>"), the B1
message names the alternative, and only an image without a description blocks."""

import pytest

from portal.editor.checks import check_item
from portal.editor.jargon import default_entries
from portal.editor.models import JargonWord
from portal.extensions import db
from tests.editor.checks_support import CLEAN, HARD, FakeKind, texts


@pytest.fixture(autouse=True)
def request_context(app):
    """Messages are translated, so the checks run in a request, as in the editor."""
    with app.test_request_context():
        yield


KIND = FakeKind()


def check(nl: dict, en: dict | None = None, jargon=None):
    return check_item(KIND, texts(nl, en), default_entries() if jargon is None else jargon)


def only(report, code):
    return [f for f in report.findings if f.code == code]


def test_scores_per_dutch_text_within_one_of_the_hand_computation():
    report = check({"intro": CLEAN, "body": HARD}, {"intro": CLEAN, "body": HARD})
    assert report.scores["nl-intro"] == pytest.approx(206.835 - 0.93 * 16 / 3 - 77 * 19 / 16, abs=1)
    assert report.scores["nl-body"] == pytest.approx(206.835 - 0.93 * 17 / 2 - 77 * 37 / 17, abs=1)
    assert set(report.scores) == {"nl-intro", "nl-body"}  # English and short texts: no score
    assert [f.field for f in only(report, "reading_score")] == ["nl-body"]


def test_a_jargon_word_is_flagged_with_its_alternative():
    report = check({"intro": "Indien u wilt, komen wij langs."}, {"intro": "x"})
    (finding,) = only(report, "jargon")
    assert finding.field == "nl-intro"
    assert finding.excerpt == "Indien"
    assert "„als”" in finding.message and "„Indien”" in finding.message


def test_the_webteams_own_list_is_used():
    db.session.add(JargonWord(locale="nl", word="derhalve", plain="daarom", updated_at=_now()))
    db.session.flush()
    report = check_item(KIND, texts({"intro": "Derhalve bellen wij. Indien nodig."}, {}))
    assert [f.excerpt for f in only(report, "jargon")] == ["Derhalve"]


def test_a_vague_link_in_markdown():
    report = check({"body": "Lees de regels. [Klik hier](https://example.nl/regels)."})
    (finding,) = only(report, "link_vague")
    assert (finding.field, finding.excerpt) == ("nl-body", "Klik hier")
    assert "Bekijk de openingstijden" in finding.message


def test_a_long_sentence_with_its_excerpt():
    sentence = " ".join(f"woord{i}" for i in range(25)) + "."
    (finding,) = only(check({"intro": sentence}), "long_sentence")
    assert "25 woorden" in finding.message
    assert finding.excerpt == " ".join(f"woord{i}" for i in range(12)) + " …"


def test_passive_voice_asks_for_active():
    (finding,) = only(check({"intro": "Uw aanvraag wordt door de gemeente beoordeeld."}), "passive")
    assert finding.message.startswith("Schrijf actief")
    assert finding.excerpt.startswith("Uw aanvraag wordt")


def test_hebt_u_asks_for_heeft_u():
    (finding,) = only(check({"intro": "Hebt u een vraag?"}), "hebt_u")
    assert finding.message == "Schrijf „heeft u” in plaats van „Hebt u”."


def test_heading_order_in_markdown():
    report = check({"body": "## Wat\n\nTekst.\n\n#### Kosten\n\nTekst."})
    (finding,) = only(report, "heading_skip")
    assert "###" in finding.message and finding.excerpt == "#### Kosten"


def test_only_an_image_without_alt_text_blocks():
    report = check(
        {"intro": HARD, "body": "![](/static/img/kaart.png)\n\n[hier](https://example.nl/a)"},
        {"body": "![](/static/img/kaart.png)"},
    )
    blocking = [f for f in report.findings if f.blocking]
    assert [(f.code, f.field) for f in blocking] == [
        ("image_alt", "nl-body"),
        ("image_alt", "en-body"),
    ]
    assert report.blocking
    assert not check({"intro": HARD, "body": "[hier](https://example.nl/a)"}).blocking


def test_english_missing_per_field_with_dutch_text():
    report = check(
        {"title": "Paspoort", "intro": "Een paspoort.", "notes": "Intern"}, {"title": "Passport"}
    )
    assert [f.field for f in only(report, "english_missing")] == ["en-intro"]


def test_language_checks_read_only_dutch():
    report = check({"title": "Titel"}, {"title": "Title", "intro": "Hebt u een aanslag? Indien."})
    assert only(report, "hebt_u") == only(report, "jargon") == []


def test_unchecked_fields_are_not_checked():
    assert check({"notes": "Indien hebt u een aanslag."}).findings == []


def test_findings_are_grouped_per_field_blocking_first():
    report = check({"intro": "Indien u wilt.", "body": "Tekst met ![](/static/a.png) erin."})
    groups = report.by_field()
    assert [g.field for g in groups] == ["nl-body", "nl-intro", "en-intro", "en-body"]
    assert groups[0].label == "Tekst (Nederlands)"
    assert groups[0].findings[0].code == "image_alt"


def test_lines_are_checked_as_text():
    report = check({"steps": ["Vul het formulier in.", "Indien nodig, bel ons."]})
    assert [f.field for f in only(report, "jargon")] == ["nl-steps"]


def test_huge_text_is_checked_in_bounded_time():
    report = check({"body": ("Dit is een zin. " * 200_000) + "![](/x.png)"})
    assert report.scores["nl-body"] > 60
    assert not report.blocking  # beyond the checked part


@pytest.mark.parametrize("data", [{}, {"texts": None}, {"texts": {"nl": {"intro": None}}}, "x"])
def test_odd_data_gives_an_empty_report(data):
    assert check_item(KIND, data, []).findings == []


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(tzinfo=None)
