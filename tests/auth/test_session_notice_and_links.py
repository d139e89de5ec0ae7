"""Without JavaScript the page says when the session ends; and no one is shown a link that
ends in a refusal (staff are not sent to "Mijn zaken", an editor not to the case queue)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_time
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.auth.models import AuthSession
from portal.extensions import db
from tests.support.auth import sign_in

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _page(client, path: str) -> BeautifulSoup:
    return BeautifulSoup(client.get(path).get_data(as_text=True), "html.parser")


def _hrefs(page: BeautifulSoup) -> set[str]:
    return {a["href"].split("?")[0] for a in page.find_all("a", href=True)}


def _noscript_text(page: BeautifulSoup) -> str:
    """The announcement a browser without JavaScript shows (html.parser keeps <noscript>
    content as markup)."""
    notice = page.find(id="session-ends-text")
    assert notice is not None and notice.find_parent("noscript") is not None
    return notice.get_text(" ", strip=True)


def test_without_javascript_the_page_says_when_the_idle_sign_out_comes(client):
    sign_in(client, "inwoner")
    page = _page(client, "/contact")
    row = db.session.scalars(select(AuthSession)).one()
    ends = row.last_seen_at.replace(tzinfo=UTC) + timedelta(minutes=15)
    expected = format_time(ends, "HH:mm", tzinfo=AMSTERDAM)
    assert f"U wordt om {expected} uitgelogd als u niets doet." in _noscript_text(page)


def test_near_the_absolute_maximum_the_page_says_that_instead(client):
    sign_in(client, "inwoner")
    row = db.session.scalars(select(AuthSession)).one()
    row.created_at = datetime.now(UTC) - timedelta(minutes=110)
    db.session.commit()
    text = _noscript_text(_page(client, "/contact"))
    hard_end = row.created_at.replace(tzinfo=UTC) + timedelta(minutes=120)
    ends = format_time(hard_end, "HH:mm", tzinfo=AMSTERDAM)
    assert f"U wordt om {ends} uitgelogd. U bent dan al lang ingelogd." in text


def test_signed_out_pages_announce_no_sign_out(client):
    assert _page(client, "/contact").find(id="session-ends-text") is None


def test_staff_are_not_shown_mijn_zaken_on_the_home_page(client):
    sign_in(client, "behandelaar")
    links = _hrefs(_page(client, "/"))
    assert "/mijn-zaken" not in links
    assert "/medewerkers/zaken" in links or "/medewerkers/zaken/" in links


def test_residents_still_see_mijn_zaken(client):
    sign_in(client, "inwoner")
    assert "/mijn-zaken" in _hrefs(_page(client, "/"))


def test_an_editor_is_not_shown_the_case_queue(client):
    sign_in(client, "redacteur")
    for path in ("/", "/mijn-zaken"):
        links = _hrefs(_page(client, path))
        assert not any(link.startswith("/medewerkers/zaken") for link in links), path
        assert any(link.startswith("/medewerkers/redactie") for link in links), path
