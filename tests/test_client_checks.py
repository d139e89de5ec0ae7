"""The page checks that the test client applies to every HTML page."""

from tests.support.client import page_problems

GOOD = """<!doctype html><html lang="nl"><head><title>Home</title></head><body>
<h1>Home</h1><form method="post"><input type="hidden" name="csrf_token" value="x">
<label for="q">Zoek</label><input id="q" name="q"></form></body></html>"""


def test_a_good_page_has_no_problems():
    assert page_problems(GOOD) == []


def test_duplicate_ids_and_broken_labels_are_found():
    html = GOOD.replace('<input id="q" name="q">', '<input id="x"><input id="x">')
    problems = page_problems(html)
    assert "duplicate ids: ['x']" in problems
    assert "label for='q' points at no element" in problems


def test_a_post_form_without_csrf_token_is_found():
    html = GOOD.replace('<input type="hidden" name="csrf_token" value="x">', "")
    assert any("CSRF" in problem for problem in page_problems(html))


def test_missing_lang_title_and_h1_are_found():
    html = "<html><head></head><body><p>x</p></body></html>"
    assert page_problems(html) == [
        "<html> has no lang",
        "the page has no title",
        "the page has 0 h1 elements",
    ]


def test_fragments_are_left_to_their_full_page():
    assert page_problems("<div id='a'></div><div id='a'></div>") == []
