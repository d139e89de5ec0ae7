"""The text measures on their own: Flesch-Douma against a hand computation, sentences,
passive voice, "hebt u", officialese with its inflections, and the Markdown structure."""

import pytest

from portal.editor import jargon, readability, structure
from tests.editor.checks_support import CLEAN, HARD


def douma(words: int, sentences: int, syllables: int) -> float:
    return 206.835 - 0.93 * (words / sentences) - 77 * (syllables / words)


def test_the_score_is_flesch_douma_of_the_hand_counted_text():
    # Wij(1) stu-ren(2) u een brief | U kunt de brief le-zen(2) | Bel ons als u vra-gen(2) heeft
    assert readability.flesch_douma(CLEAN) == pytest.approx(douma(16, 3, 19), abs=1)
    assert readability.flesch_douma(HARD) == pytest.approx(douma(17, 2, 37), abs=1)
    assert readability.flesch_douma(HARD) < readability.B1_TARGET < readability.flesch_douma(CLEAN)


def test_abbreviations_and_amounts_do_not_end_a_sentence():
    text = "Neem bijv. uw paspoort mee. Het kost € 12.50 en wij zijn om 9.00 uur open."
    assert len(readability.sentences(text)) == 2


def test_a_heading_or_list_item_without_full_stop_ends_a_sentence():
    assert readability.sentences("Wat kost het\nEen paspoort kost geld") == [
        "Wat kost het.",
        "Een paspoort kost geld.",
    ]


def test_a_short_text_gets_no_score():
    assert readability.flesch_douma("Paspoort aanvragen") is None


def test_a_sentence_over_twenty_words_is_long():
    twenty = " ".join(["woord"] * 20) + "."
    twenty_one = " ".join(["woord"] * 21) + "."
    assert readability.long_sentences(twenty) == []
    assert readability.long_sentences(f"{twenty} {twenty_one}") == [twenty_one]


@pytest.mark.parametrize(
    "sentence",
    [
        "Uw aanvraag wordt door ons beoordeeld.",
        "De brief werd gisteren verstuurd.",
        "Het paspoort is aangevraagd.",
        "Als de aanvraag goedgekeurd wordt, krijgt u bericht.",
        "De stukken worden door de gemeente bekeken.",
    ],
)
def test_passive_sentences_are_found(sentence):
    assert readability.is_passive(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Wij beoordelen uw aanvraag.",
        "U bent verhuisd en wij zijn gestart.",
        "Het gemeentehuis is open van 9 tot 5.",
        "Het gebied is groot.",
        "De gegevens zijn van u.",
        "Een boom is omgevallen.",
        "Verkeersbord is kapot.",
        "Het bericht is kort.",
    ],
)
def test_active_sentences_are_not_passive(sentence):
    assert not readability.is_passive(sentence)


def test_hebt_u_is_found_in_both_orders():
    assert readability.hebt_u("Hebt u vragen? Als u een paspoort hebt, ...") == ["Hebt u"]
    assert readability.hebt_u("Wat u hebt gedaan.") == ["u hebt"]
    assert readability.hebt_u("Heeft u vragen? U heeft gelijk.") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("U krijgt een aanslag.", "aanslag"),
        ("Alle aanslagen zijn verstuurd.", "aanslagen"),
        ("Wij verstrekken u een pas.", "verstrekken"),
        ("Wij verstrekte gegevens.", "verstrekte"),
        ("De pas is verstrekt.", "verstrekt"),
        ("Hij retourneert het formulier.", "retourneert"),
        ("INDIEN u wilt.", "INDIEN"),
        ("Voor woonachtige inwoners.", "woonachtige"),
    ],
)
def test_officialese_is_found_as_a_whole_word_in_its_inflections(text, found):
    assert [form for _entry, form in jargon.find(text, jargon.default_entries())] == [found]


def test_part_of_a_longer_word_is_not_officialese():
    assert jargon.find("De aanslagbiljetten en reedsdoorn.", jargon.default_entries()) == []


def test_a_phrase_of_several_words_is_found_across_spaces():
    entries = [jargon.Entry("met betrekking tot", "over")]
    assert jargon.find("Een vraag met  betrekking\ntot afval.", entries)[0][1] == (
        "met  betrekking\ntot"
    )


def test_heading_order():
    codes = [p.code for p in structure.heading_problems("# Titel\n\n#### Kosten")]
    assert codes == ["heading_start", "heading_skip"]
    assert structure.heading_problems("## Wat\n\n### Kosten\n\n## Hoe\n\n### Stap") == []


@pytest.mark.parametrize(
    ("markdown", "code"),
    [
        ("[Klik hier](https://example.nl/a)", "link_vague"),
        ("[lees meer…](https://example.nl/a)", "link_vague"),
        ("[Meer informatie](https://example.nl/a)", "link_vague"),
        ("[hier](https://example.nl/a)", "link_vague"),
        ("[](https://example.nl/a)", "link_empty"),
        ("[https://example.nl/a](https://example.nl/a)", "link_bare"),
        ("<https://example.nl/a>", "link_bare"),
    ],
)
def test_vague_empty_and_bare_link_texts(markdown, code):
    assert [p.code for p in structure.link_problems(markdown)] == [code]


def test_a_link_text_that_says_where_it_goes_is_fine():
    assert structure.link_problems("[Vraag een paspoort aan](https://example.nl/a)") == []


def test_an_image_without_alt_text_is_found():
    found = structure.images_without_alt("![](/static/a.png) ![Een kaart](/static/b.png)")
    assert [p.excerpt for p in found] == ["/static/a.png"]
