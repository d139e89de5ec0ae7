"""The page macros in templates/components/page.html."""

import pytest
from bs4 import BeautifulSoup
from flask import render_template_string


@pytest.fixture
def render(app):
    def _render(body: str) -> BeautifulSoup:
        with app.test_request_context():
            html = render_template_string('{% import "components/page.html" as page %}' + body)
        return BeautifulSoup(html, "html.parser")

    return _render


def test_summary_list_with_change_links(render):
    soup = render(
        "{{ page.summary_list([('Naam', 'Jan Jansen', '/wijzig/naam'), "
        "{'key': 'Adres', 'value': 'Stadhuisplein 1'}]) }}"
    )

    rows = soup.find("dl").find_all(class_="utrecht-data-list__item")
    assert [r.dt.get_text() for r in rows] == ["Naam", "Adres"]
    link = rows[0].find("a")
    assert link["href"] == "/wijzig/naam"
    assert link.get_text() == "Wijzigen Naam"
    assert link.find(class_="visually-hidden").get_text() == " Naam"
    assert rows[1].find("a") is None


def test_alert_roles(render):
    soup = render(
        "{{ page.alert('ok', text='Gelukt') }}"
        "{% call page.alert('info', heading='Let op', id='melding') %}<p>Extra</p>{% endcall %}"
        "{{ page.alert('warning', text='Pas op') }}"
    )

    ok, info, warning = soup.find_all(class_="utrecht-alert")
    assert ok["role"] == "alert"
    assert info["role"] == "region"
    assert info["aria-labelledby"] == "melding-title"
    assert soup.find(id="melding-title").get_text() == "Let op"
    assert info.find("p", string="Extra")
    assert not warning.has_attr("role")


def test_back_link_and_status_badge(render):
    soup = render("{{ page.back_link('/zaken') }}{{ page.status_badge('Afgerond', 'success') }}")

    assert soup.find("a", href="/zaken").get_text() == "Terug"
    assert "utrecht-status-badge--success" in soup.find("span")["class"]


def test_pagination_marks_current_page_and_skips_far_pages(render):
    soup = render("{{ page.pagination(5, 9, 'main.home', q='afval') }}")

    links = soup.find("nav").find_all("a")
    numbers = [a.get_text(" ", strip=True) for a in links]
    assert numbers == [
        "Vorige pagina",
        "Pagina 1",
        "Pagina 4",
        "Pagina 5",
        "Pagina 6",
        "Pagina 9",
        "Volgende pagina",
    ]
    current = soup.find("a", attrs={"aria-current": "page"})
    assert current["href"] == "/?page=5&q=afval"


def test_no_pagination_for_one_page(render):
    assert render("{{ page.pagination(1, 1, 'main.home') }}").find("nav") is None


def test_breadcrumbs_mark_the_current_page(render):
    soup = render("{{ page.breadcrumbs([('Home', '/'), ('Contact', '/contact')]) }}")

    assert soup.find("a", attrs={"aria-current": "page"})["href"] == "/contact"
