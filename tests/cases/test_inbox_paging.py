"""The Berichtenbox shows 25 messages a page, newest first, with links to the other pages."""

from bs4 import BeautifulSoup

from portal.cases.resident_services import INBOX_PER_PAGE
from tests.support.rows import add_cases


def test_the_berichtenbox_pages_through_many_messages(client, sign_in):
    sign_in("inwoner")
    # Every third case has one message from the municipality.
    add_cases(3 * (INBOX_PER_PAGE + 5))
    first = BeautifulSoup(client.get("/berichten").get_data(as_text=True), "html.parser")
    second = BeautifulSoup(client.get("/berichten?page=2").get_data(as_text=True), "html.parser")

    assert len(first.select(".inbox-list__item")) == INBOX_PER_PAGE
    assert len(second.select(".inbox-list__item")) == 5
    assert first.find("a", rel="next")["href"].endswith("page=2")
    assert second.find("a", rel="prev") is not None
    assert "U heeft 30 ongelezen berichten." in first.get_text(" ", strip=True)
