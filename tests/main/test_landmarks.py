"""Everything a page shows sits in a landmark (axe's best-practice rule `region`), so a screen
reader user who jumps between regions misses nothing: the "Terug" link above the page's main
content and the notice after a session ended included."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from portal.auth.models import AuthSession
from portal.extensions import db
from tests.support.auth import sign_in

LANDMARKS = {"header", "nav", "main", "footer", "aside", "section", "form"}
ROLES = {"banner", "navigation", "main", "contentinfo", "complementary", "region", "search"}


def _in_landmark(element) -> bool:
    for parent in element.parents:
        if parent.name in ("header", "nav", "main", "footer", "aside"):
            return True
        if parent.name in ("section", "form") and (
            parent.get("aria-label") or parent.get("aria-labelledby")
        ):
            return True
        if parent.get("role") in ROLES:
            return True
    return False


def outside_landmarks(html: str) -> list[str]:
    body = BeautifulSoup(html, "html.parser").body
    loose = []
    for element in body.find_all(["a", "p", "h1", "h2", "button", "input", "label"]):
        if "skip-link" in (element.get("class") or []) or element.find_parent("template"):
            continue  # skip links are exempt; templates are not shown
        if element.find_parent(class_="visually-hidden") or element.find_parent("dialog"):
            continue  # not shown (a closed dialog is not rendered; an open one is modal)
        if not _in_landmark(element):
            loose.append(str(element)[:120])
    return loose


@pytest.mark.parametrize(
    "path", ["/mijn-gegevens/contact", "/mijn-gegevens/wie-heeft-gekeken", "/", "/mijn-zaken"]
)
def test_a_signed_in_page_shows_nothing_outside_a_landmark(client, path):
    sign_in(client, "inwoner")
    response = client.get(path, follow_redirects=True)
    assert response.status_code == 200
    assert outside_landmarks(response.get_data(as_text=True)) == []


def test_the_back_link_is_a_navigation_landmark(client):
    sign_in(client, "inwoner")
    page = BeautifulSoup(client.get("/mijn-gegevens/contact").get_data(as_text=True), "html.parser")
    back = page.select_one("a.back-link")
    assert back is not None and back.find_parent("nav")["aria-label"] == "Terug"


def test_the_session_ended_notice_is_in_a_landmark(client):
    sign_in(client, "inwoner")
    row = db.session.scalars(db.select(AuthSession)).one()
    row.last_seen_at = datetime.now(UTC) - timedelta(minutes=20)
    db.session.commit()
    html = client.get("/contact").get_data(as_text=True)
    assert "U bent uitgelogd omdat u 15 minuten niets deed" in html
    assert outside_landmarks(html) == []
