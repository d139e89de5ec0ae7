"""The knowledge search: products by synonym, FAQ answers by their synonyms in both
languages, running notices only, and what happens to long numbers and odd input."""

import logging
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from portal.extensions import db
from portal.knowledge import search
from portal.knowledge.logs import HideLongNumbers
from tests.knowledge.conftest import PASSPORT, _now, add_faq, add_notice

URL = "/medewerkers/kennisbank/"


@pytest.fixture
def kcc(client, sign_in, knowledge):
    sign_in("klantcontact")
    return client


def _result_links(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [a["href"].split("?")[0] for a in soup.select("main .card a")]


def test_a_product_is_found_by_a_word_only_its_synonyms_hold(knowledge):
    found = search.find("legitimatie", "nl")
    assert [hit.key for hit in found.products] == [PASSPORT]


def test_an_faq_answer_is_found_by_its_synonym(knowledge):
    found = search.find("vermissing", "nl")
    assert [hit.key for hit in found.faqs] == ["paspoort-kwijt"]
    assert found.products == []


def test_an_faq_answer_is_found_in_english_too(knowledge):
    faq = add_faq("afval-kalender", "Wanneer wordt mijn afval opgehaald?", "Kijk in de app.")
    from portal.catalog.models import FaqText

    faq.texts.append(
        FaqText(
            locale="en",
            question="When is my waste collected?",
            answer="Look in the app.",
            synonyms=["rubbish"],
        )
    )
    db.session.commit()
    assert [hit.key for hit in search.find("rubbish", "nl").faqs] == ["afval-kalender"]


def test_a_running_notice_is_found_and_one_that_ended_is_not(knowledge):
    assert [hit.key for hit in search.find("gesloten", "nl").notices] == ["kerst-gesloten"]
    assert search.find("parkeerautomaten", "nl").notices == []


def test_a_notice_that_has_not_started_is_not_found(knowledge):
    add_notice(
        "later",
        "Nieuwe openingstijden zomer",
        "Vanaf juli anders.",
        starts=_now() + timedelta(days=3),
        ends=None,
    )
    db.session.commit()
    assert search.find("openingstijden", "nl").notices == []


def test_an_unpublished_faq_answer_is_not_found(knowledge):
    add_faq("concept", "Mag ik een kameel houden?", "Nee.", ["dromedaris"], published=False)
    db.session.commit()
    assert search.find("dromedaris", "nl").faqs == []


def test_the_results_page_labels_each_kind(kcc):
    html = kcc.get(URL, query_string={"q": "paspoort"}).get_data(as_text=True)
    assert f"/medewerkers/kennisbank/product/{PASSPORT}" in _result_links(html)
    assert "/medewerkers/kennisbank/vraag-en-antwoord/paspoort-kwijt" in _result_links(html)
    labels = [
        badge.get_text(strip=True)
        for badge in BeautifulSoup(html, "html.parser").select("main .card .utrecht-status-badge")
    ]
    assert "Product" in labels and "Vraag en antwoord" in labels
    notice = kcc.get(URL, query_string={"q": "gesloten"}).get_data(as_text=True)
    assert "Mededeling" in notice and "/mededeling/kerst-gesloten" in notice


def test_the_start_page_lists_the_running_notices(kcc):
    html = kcc.get(URL).get_data(as_text=True)
    assert "Gemeentehuis gesloten op 24 december" in html
    assert "Storing in de parkeerautomaten" not in html


def test_a_long_number_is_taken_out_of_the_query_and_the_address(kcc):
    response = kcc.get(URL, query_string={"q": "paspoort 123456782"})
    assert response.status_code == 303
    assert "123456782" not in response.headers["Location"]
    page = kcc.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    assert "123456782" not in html
    assert "lang nummer uit de zoekvraag" in html
    assert f"/medewerkers/kennisbank/product/{PASSPORT}" in _result_links(html)


@pytest.mark.parametrize(
    "q",
    ["", "   ", "x" * 10_000, "pas\x00poort", "\x00\x01\x02", "<script>alert(1)</script>", "%"],
)
def test_odd_queries_get_a_calm_page(kcc, q):
    response = kcc.get(URL, query_string={"q": q})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "\x00" not in html and "<script>alert" not in html


def test_cleaning_keeps_words_and_drops_numbers_and_control_characters():
    assert search.cleaned("paspoort\x00 123 456 782") == ("paspoort", True)
    assert search.cleaned("x" * 10_000)[0] == "x" * 100


def test_the_request_log_never_holds_a_long_number():
    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /medewerkers/kennisbank/?q=paspoort+123+456+782 HTTP/1.1", "303", "-"),
        None,
    )
    HideLongNumbers("/medewerkers/kennisbank").filter(record)
    line = record.getMessage()
    assert "paspoort" in line and "782" not in line and "123" not in line
