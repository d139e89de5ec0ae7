"""Kept layout parts (portal/components/fragments.py): the account menu and the footer are
rendered once per language and values, never carry another person's CSRF token, and still
show what changed (the unread count, the current area, the language)."""

from bs4 import BeautifulSoup
from flask import g

from portal.components import fragments
from tests.support.auth import sign_in
from tests.support.renders import counted_renders


def menu(client, path: str = "/"):
    page = BeautifulSoup(client.get(path).get_data(as_text=True), "html.parser")
    return page.find("nav", class_="account-nav")


def test_each_person_gets_their_own_csrf_token_in_a_kept_menu(app):
    first, second = app.test_client(), app.test_client()
    sign_in(first, "inwoner")
    sign_in(second, "inwoner")
    tokens = []
    for each in (first, second):
        # Tests share one app context, so one `g` where Flask-WTF keeps the request's token.
        g.pop("csrf_token", None)
        tokens.append(menu(each).find("input", attrs={"name": "csrf_token"})["value"])
    assert tokens[0] != tokens[1]
    assert "\x00" not in first.get("/").get_data(as_text=True)
    # The filled-in token is a working one: signing out with it succeeds.
    g.pop("csrf_token", None)
    assert first.post_form("/uitloggen", page="/").status_code in (200, 302)


def test_a_kept_part_is_rendered_once_per_language(app, client, monkeypatch):
    rendered = counted_renders(app, monkeypatch, "components/footer.html")
    for path in ("/contact", "/privacy", "/toegankelijkheid"):
        assert "site-footer" in client.get(path).get_data(as_text=True)
    assert len(rendered) == 1
    client.get("/taal/en?next=/contact")
    assert "Accessibility" in client.get("/contact").get_data(as_text=True)
    assert len(rendered) == 2


def test_the_visitor_menu_leads_back_to_the_page(client):
    link = menu(client, "/contact").find("a")
    assert link["href"] == "/inloggen?next=/contact"
    assert menu(client, "/privacy").find("a")["href"] == "/inloggen?next=/privacy"


def test_the_staff_menu_marks_the_current_area(client):
    sign_in(client, "behandelaar")
    current = menu(client, "/medewerkers/zaken").find_all("a", attrs={"aria-current": "true"})
    assert [a["href"] for a in current] == ["/medewerkers/zaken"]


def test_the_store_is_bounded(app, client, monkeypatch):
    monkeypatch.setattr(fragments, "MAX_KEPT", 3)
    for number in range(6):
        client.get(f"/zoeken?q=woord{number}")
    assert len(app.extensions[fragments.EXTENSION]) <= 3
