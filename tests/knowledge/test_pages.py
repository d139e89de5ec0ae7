"""A result shows exactly what residents read (the same HTML from the same Markdown) plus
the internal notes, which the resident page never shows."""

import pytest
from bs4 import BeautifulSoup

from portal.catalog import models
from portal.components.markdown import render
from portal.extensions import db
from tests.knowledge.conftest import PASSPORT, STAFF_NOTE

KB = "/medewerkers/kennisbank"


@pytest.fixture
def kcc(client, sign_in, knowledge):
    sign_in("klantcontact")
    return client


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _squeeze(html: str) -> str:
    return " ".join(str(html).split()).replace("> <", "><")


def _inner(tag) -> str:
    return _squeeze(tag.decode_contents())


def _resident_section(soup: BeautifulSoup, markdown_text: str):
    """The element of the resident page whose content is this Markdown, rendered."""
    wanted = _squeeze(render(markdown_text))
    for tag in soup.select("main div"):
        if _inner(tag) == wanted:
            return tag
    raise AssertionError(f"the resident page does not show {markdown_text[:40]!r} as HTML")


def _texts(slug: str):
    product = db.session.scalars(db.select(models.Product).where(models.Product.slug == slug)).one()
    return product, next(text for text in product.texts if text.locale == "nl")


@pytest.mark.parametrize("field", ["body", "who", "conditions", "cost_text"])
def test_a_product_shows_the_residents_html_for_each_text(kcc, client, field):
    _product, text = _texts(PASSPORT)
    markdown_text = getattr(text, field)
    staff_page = _soup(kcc.get(f"{KB}/product/{PASSPORT}"))
    resident_page = _soup(client.get(f"/producten/{PASSPORT}"))

    ids = {"body": "body", "who": "who", "conditions": "conditions", "cost_text": "cost"}
    ours = staff_page.select_one(f"#resident-{ids[field]}")
    assert ours is not None
    assert _inner(ours) == _inner(_resident_section(resident_page, markdown_text))
    # And that HTML really is the Markdown, rendered (bold, links, paragraphs).
    assert _inner(ours) == _squeeze(render(markdown_text))


def test_the_summary_needs_and_norm_read_as_on_the_resident_page(kcc, client):
    _product, text = _texts(PASSPORT)
    staff_page = _soup(kcc.get(f"{KB}/product/{PASSPORT}"))
    resident = client.get(f"/producten/{PASSPORT}").get_data(as_text=True)
    assert staff_page.select_one("#resident-summary").get_text(strip=True) == text.summary
    needs = [li.get_text(strip=True) for li in staff_page.select("#resident-needs li")]
    assert needs == list(text.needs)
    for line in [text.summary, text.norm_text, *text.needs]:
        assert line.replace("’", "&#39;") in resident or line in resident


def test_the_staff_note_shows_for_staff_and_never_for_residents(kcc, client):
    staff_page = _soup(kcc.get(f"{KB}/product/{PASSPORT}"))
    box = staff_page.select_one("section.knowledge-staff")
    assert box.find("h2").get_text(strip=True) == "Alleen voor medewerkers"
    assert "<strong>een oude pas</strong>" in str(box)
    assert "baliecode 42" in box.get_text()
    assert "Team Burgerzaken" in box.get_text()
    assert "5 werkdagen" in box.get_text()
    resident = client.get(f"/producten/{PASSPORT}").get_data(as_text=True)
    assert "baliecode" not in resident and STAFF_NOTE not in resident


def test_an_faq_answer_shows_the_residents_html_and_its_note(kcc, client):
    staff_page = _soup(kcc.get(f"{KB}/vraag-en-antwoord/paspoort-kwijt"))
    resident_page = _soup(client.get(f"/producten/{PASSPORT}"))
    answer = "Doe eerst **aangifte** van verlies.\n\n- Bel ons\n- Neem een pasfoto mee"
    ours = staff_page.select_one("#resident-answer")
    assert _inner(ours) == _inner(_resident_section(resident_page, answer))
    assert (
        "Verwijs bij diefstal naar de politie."
        in staff_page.select_one("section.knowledge-staff").get_text()
    )
    assert "politie" not in str(resident_page)


def test_a_notice_shows_its_text_and_note_while_it_runs(kcc):
    page = _soup(kcc.get(f"{KB}/mededeling/kerst-gesloten"))
    assert _inner(page.select_one("#resident-notice")) == _squeeze(
        render("Het gemeentehuis is op **24 december** dicht.")
    )
    assert "servicepunt Noord" in page.select_one("section.knowledge-staff").get_text()
    assert kcc.get(f"{KB}/mededeling/storing-voorbij").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/product/bestaat-niet",
        "/product/" + "x" * 5000,
        "/vraag-en-antwoord/bestaat-niet",
        "/mededeling/bestaat-niet",
        "/product/bestaat-niet/zaak",
        "/product/bestaat-niet/terugbellen",
    ],
)
def test_unknown_content_is_a_calm_404(kcc, path):
    assert kcc.get(KB + path).status_code == 404


def test_an_unpublished_product_is_not_shown(kcc):
    product, _text = _texts(PASSPORT)
    product.published = False
    from portal.catalog import cache

    cache.drop()
    db.session.commit()
    assert kcc.get(f"{KB}/product/{PASSPORT}").status_code == 404
