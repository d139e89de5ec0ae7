"""The checks pages: the live panel, the report over published content and the officialese
list. Only editors reach them; every change to the list is audited; bad input gets a
message next to the field or a calm 400/404, never a 500."""

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.auth.models import AuditEvent
from portal.editor.models import JargonWord
from portal.extensions import db
from tests.editor.checks_support import HARD, texts
from tests.editor.checks_support import fake_kind as fake_kind

BASE = "/medewerkers/redactie"
JARGON = f"{BASE}/woordenlijst"
ATTENTION = f"{BASE}/aandacht"
LIVE = f"{BASE}/proefsoort/controle"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def words() -> dict[str, str]:
    return {row.word: row.plain for row in db.session.scalars(select(JargonWord))}


@pytest.fixture
def editor(sign_in):
    return sign_in("redacteur")


# --- who may ---


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", ATTENTION),
        ("get", JARGON),
        ("post", JARGON),
        ("post", LIVE),
        ("get", f"{JARGON}/1"),
        ("post", f"{JARGON}/1/verwijderen"),
    ],
)
def test_a_case_handler_without_editor_role_is_refused_and_audited(
    sign_in, fake_kind, method, path
):
    client = sign_in("behandelaar")
    if method == "get":
        response = client.get(path)
    else:  # with a valid token (from the sign-out form), so the role check is what refuses
        response = client.post_form(path, {"word": "x", "plain": "y"}, page="/medewerkers/zaken")
    assert response.status_code == 403
    assert [e.target for e in events("access.role_missing")] == [path]
    assert words() == {}


def test_not_signed_in_goes_to_the_staff_sign_in(client):
    response = client.get(ATTENTION)
    assert response.status_code == 302
    assert "/medewerkers/inloggen" in response.headers["Location"]


# --- the live panel ---


def test_the_panel_for_htmx_shows_scores_and_findings_per_field(editor, fake_kind):
    response = editor.post_form(
        LIVE,
        {"nl-intro": HARD, "nl-body": "![](/static/a.png)", "en-intro": ""},
        page=JARGON,
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    page = soup(response)
    panel = page.find("section", id="checks-panel")
    assert panel is not None and page.find("html") is None  # a fragment
    assert panel.get("role") == "region"
    # The count goes to the page's own live region, which stays in place across swaps.
    announced = page.find(id="live-region")
    assert announced["hx-swap-oob"] == "innerHTML"
    assert "6 punten" in announced.get_text() and "1 punt moet u oplossen" in announced.get_text()
    text = panel.get_text(" ", strip=True)
    assert "Inleiding (Nederlands): 31" in text and "moeilijk" in text
    links = [a["href"] for a in panel.find_all("a")]
    # The field with a blocking finding first, then the form's order.
    assert links == ["#nl-body", "#nl-intro", "#en-intro", "#en-body"]
    assert "„als” in plaats van „Indien”" in text


def test_the_panel_without_javascript_is_a_full_page(editor, fake_kind):
    response = editor.post_form(LIVE, {"nl-intro": "Hebt u vragen?"}, page=JARGON)
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1") is not None
    assert "„heeft u” in plaats van „Hebt u”" in page.get_text()
    assert not page.select('#checks-panel a[href^="#"]')  # the form is not on this page
    assert page.find(id="checks-panel-summary")["aria-live"] == "polite"


def test_an_unknown_kind_is_404(editor):
    response = editor.post_form(f"{BASE}/bestaat-niet/controle", {}, page=JARGON)
    assert response.status_code == 404


def test_the_panel_without_csrf_token_is_refused(editor, fake_kind):
    assert editor.post(LIVE, data={"nl-intro": "x"}).status_code == 400


def test_huge_and_odd_input_gets_a_calm_answer(editor, fake_kind):
    huge = editor.post_form(LIVE, {"nl-body": "Een zin. " * 55_000}, page=JARGON)
    assert huge.status_code in (200, 413)
    odd = editor.post_form(LIVE, {"nl-intro": "a\x00b", "nl-steps": "\n\n", "x": "y"}, page=JARGON)
    assert odd.status_code == 200


# --- the report ---


def test_the_report_lists_items_with_findings_and_links_to_them(editor, fake_kind):
    fake_kind.live = {
        "moeilijk": (True, texts({"title": "Moeilijke tekst", "intro": HARD}, {"title": "Hard"})),
        "goed": (True, texts({"title": "Goed"}, {"title": "Good"})),
    }
    response = editor.get(ATTENTION, query_string={"soort": "proefsoort"})
    assert response.status_code == 200
    rows = soup(response).select("table tbody tr")
    assert len(rows) == 1
    link = rows[0].find("a")
    assert link.get_text(strip=True) == "Moeilijke tekst"
    assert link["href"] in (f"{BASE}/proefsoort/moeilijk", "#")
    assert "31" in rows[0].get_text()


def test_the_report_filters_by_check(editor, fake_kind):
    fake_kind.live = {"a": (True, texts({"title": "A", "intro": HARD}, {"title": "A"}))}
    found = editor.get(ATTENTION, query_string={"soort": "proefsoort", "controle": "jargon"})
    none = editor.get(ATTENTION, query_string={"soort": "proefsoort", "controle": "hebt_u"})
    assert len(soup(found).select("table tbody tr")) == 1
    assert soup(none).select("table tbody tr") == []


@pytest.mark.parametrize("query", [{"soort": "x" * 5000}, {"controle": "\x00"}, {"page": "-9"}])
def test_the_report_ignores_a_filter_it_does_not_know(editor, query):
    assert editor.get(ATTENTION, query_string=query).status_code == 200


# --- the officialese list ---


def test_the_list_starts_with_the_defaults(editor):
    response = editor.get(JARGON)
    assert response.status_code == 200
    assert words()["aanslag"] == "belastingbrief"
    assert len(words()) == 18
    assert "belastingbrief" in response.get_data(as_text=True)


def test_adding_a_word_is_saved_audited_and_used_by_the_checks(editor, fake_kind):
    response = editor.post_form(JARGON, {"word": "  Derhalve ", "plain": "daarom"})
    assert response.status_code == 302
    assert words()["derhalve"] == "daarom"
    assert [e.target for e in events("editor.jargon_add")] == ["derhalve"]
    panel = editor.post_form(LIVE, {"nl-intro": "Derhalve bellen wij."}, page=JARGON)
    assert "„daarom” in plaats van „Derhalve”" in soup(panel).get_text()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"word": "", "plain": "als"}, "word", "Vul het woord in."),
        ({"word": "indien", "plain": ""}, "plain", "Vul in welk gewoon woord"),
        ({"word": "INDIEN", "plain": "als"}, "word", "Dit woord staat al in de lijst."),
        ({"word": "<script>", "plain": "x"}, "word", "Schrijf alleen letters"),
        ({"word": "a\x00b", "plain": "x"}, "word", "Schrijf alleen letters"),
        ({"word": "w" * 101, "plain": "x"}, "word", "te lang"),
        ({"word": "woord", "plain": "p" * 201}, "plain", "maximaal 200 tekens"),
        ({}, "word", "Vul het woord in."),
    ],
)
def test_bad_words_get_a_message_at_the_field_and_keep_the_input(editor, data, field, message):
    editor.get(JARGON)  # the defaults, so "indien" is there
    before = words()
    response = editor.post_form(JARGON, data)
    assert response.status_code == 422
    page = soup(response)
    assert page.title.get_text().startswith("Fout: ")
    error = page.find(id=f"{field}-error")
    assert error is not None and message in error.get_text()
    assert page.select_one(f'.error-summary a[href="#{field}"]') is not None
    if data.get("plain") and "\x00" not in data.get("word", ""):
        assert page.find(id="plain")["value"] == data["plain"]
    assert words() == before
    assert events("editor.jargon_add") == []


def test_changing_a_word(editor):
    editor.get(JARGON)
    row = db.session.scalar(select(JargonWord).where(JargonWord.word == "thans"))
    response = editor.post_form(
        f"{JARGON}/{row.id}", {"word": "thans", "plain": "nu, op dit moment"}
    )
    assert response.status_code == 302
    assert words()["thans"] == "nu, op dit moment"
    assert [e.target for e in events("editor.jargon_change")] == ["thans"]


def test_changing_a_word_into_one_that_exists_is_refused(editor):
    editor.get(JARGON)
    row = db.session.scalar(select(JargonWord).where(JargonWord.word == "thans"))
    response = editor.post_form(f"{JARGON}/{row.id}", {"word": "reeds", "plain": "al"})
    assert response.status_code == 422
    assert "staat al in de lijst" in soup(response).find(id="word-error").get_text()
    assert words()["thans"] == "nu"


def test_deleting_a_word(editor):
    editor.get(JARGON)
    row = db.session.scalar(select(JargonWord).where(JargonWord.word == "tevens"))
    url = f"{JARGON}/{row.id}"
    response = editor.post_form(f"{url}/verwijderen", page=url)
    assert response.status_code == 302
    assert "tevens" not in words()
    assert [e.target for e in events("editor.jargon_delete")] == ["tevens"]


@pytest.mark.parametrize("word_id", ["999999", "99999999999999999999", "abc", "-1"])
def test_a_word_that_is_not_there_is_404(editor, word_id):
    assert editor.get(f"{JARGON}/{word_id}").status_code == 404
    token_page = JARGON
    assert editor.post_form(f"{JARGON}/{word_id}/verwijderen", page=token_page).status_code == 404
