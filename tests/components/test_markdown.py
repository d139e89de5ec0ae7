"""The safe Markdown subset: what the webteam may write, what is refused on save and what is
stripped on display."""

import pytest

from portal.components.markdown import link_problem, plain_text, problems, render


def codes(text: str) -> list[str]:
    return [problem.code for problem in problems(text)]


def test_paragraphs_lists_links_and_emphasis_render():
    html = str(
        render("Eerste alinea.\n\nTweede met **vet** en [de site](https://www.rijksoverheid.nl).")
    )
    assert html.count("<p>") == 2
    assert "<strong>vet</strong>" in html
    assert 'href="https://www.rijksoverheid.nl"' in html
    assert 'rel="noopener noreferrer"' in html
    assert "<li>een</li>" in str(render("- een\n- twee"))


def test_headings_start_at_level_two():
    html = str(render("# Titel\n\n###### Diep"))
    assert "<h1>" not in html
    assert "<h2>Titel</h2>" in html
    assert "<h4>Diep</h4>" in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "Tekst <b>vet</b>",
        "<!-- verborgen -->",
    ],
)
def test_raw_html_is_refused_on_save_and_never_rendered(text):
    assert "raw_html" in codes(text)
    html = str(render(text))
    assert "<script" not in html and "<img" not in html and "<b>" not in html


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("javascript:alert(1)", "unsafe_link"),
        ("data:text/html,hoi", "unsafe_link"),
        ("http://www.voorbeeld.nl", "not_https"),
        ("https://intranet/pagina", "internal_link"),
        ("https://192.168.1.10/x", "internal_link"),
        ("https://127.0.0.1/x", "internal_link"),
        ("https://wiki.gemeente.local/x", "internal_link"),
        ("https://www.voorbeeld.nl/x", None),
        ("mailto:info@voorbeeld.nl", None),
        ("tel:14020", None),
        ("/producten/paspoort", None),
        ("//elders.nl/x", "unsafe_link"),
    ],
)
def test_link_targets(url, code):
    assert link_problem(url) == code


def test_unsafe_links_are_refused_and_stripped():
    text = "[klik](javascript:alert(1)) en [oud](http://www.voorbeeld.nl)"
    assert codes(text) == ["unsafe_link", "not_https"]
    html = str(render(text))
    assert 'href="javascript' not in html
    assert 'href="http://' not in html


def test_images_need_alt_text_and_a_safe_source():
    assert codes("![](/static/img/kaart.png)") == ["image_alt"]
    assert codes("![Kaart van het centrum](/static/img/kaart.png)") == []
    assert codes("![Foto](http://elders.nl/a.png)") == ["image_source"]
    assert '<img src="/static/img/kaart.png" alt="Kaart">' in str(
        render("![Kaart](/static/img/kaart.png)")
    )


def test_plain_text_drops_markup():
    assert plain_text("## Kop\n\nDit is **vet** en [een link](https://a.nl).") == (
        "Kop\nDit is vet en een link."
    )


def test_empty_input():
    assert str(render("")) == "" and str(render(None)) == ""
    assert problems("") == []
    assert plain_text(None) == ""


def test_messages_are_plain_dutch(app):
    with app.test_request_context():
        message = str(problems("<b>x</b>")[0].message)
    assert message.startswith("Gebruik geen HTML-code")
