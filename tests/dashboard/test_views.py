"""The dashboard page and its CSV: who may open them, what they show, and what bad filter
input does (a message and sane defaults, never a 500)."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.auth.models import AuditEvent
from portal.dashboard import views
from portal.extensions import db
from tests.dashboard.conftest import NOW, PERIOD_ARGS, TODAY, in_november

URL = "/medewerkers/dashboard/"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(views, "today", lambda: TODAY)
    monkeypatch.setattr(views, "now", lambda: NOW)


def _audit() -> list[tuple[str, str, str]]:
    db.session.expire_all()
    return [(e.action, e.result, e.target) for e in db.session.scalars(select(AuditEvent))]


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _routes(app) -> list[str]:
    return [
        rule.build({"key": "cijfers"}, append_unknown=False)[1]
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("dashboard.")
    ]


def test_every_dashboard_route_is_checked(app):
    assert len(_routes(app)) == 2


@pytest.mark.parametrize("who", ["redacteur", "behandelaar", "klantcontact"])
def test_other_staff_are_refused_and_audited(app, client, sign_in, who):
    sign_in(who)
    for path in _routes(app):
        response = client.get(path)
        assert response.status_code == 403, path
        assert ("access.role_missing", "refused", path) in _audit()


def test_residents_and_strangers_do_not_get_in(app, client, sign_in):
    assert client.get(URL).status_code == 302
    sign_in("inwoner")
    assert client.get(URL).status_code == 403


def test_a_team_leader_lands_on_the_dashboard(client):
    from tests.support.auth import sign_in as sign_in_persona

    response = sign_in_persona(client, "teamleider")
    assert response.headers["Location"].endswith(URL)


def test_a_team_leader_sees_the_own_team(client, sign_in, world):
    sign_in("teamleider")
    response = client.get(URL, query_string=PERIOD_ARGS)

    assert response.status_code == 200
    page = _soup(response)
    assert "Team Burgerzaken" in page.select_one("#dashboard-scope").text
    team_options = [o["value"] for o in page.select("#team option")]
    assert team_options == ["burgerzaken"]
    assert ("dashboard.viewed", "allowed", "team:burgerzaken") in _audit()


def test_a_team_leader_may_not_see_another_team(client, sign_in):
    sign_in("teamleider")
    response = client.get(URL, query_string={"team": "wmo"})

    assert response.status_code == 403
    assert ("dashboard.team_refused", "refused", "wmo") in _audit()
    assert (
        client.get(views.url_for("dashboard.export_csv", key="cijfers", team="wmo")).status_code
        == 403
    )


def test_an_administrator_sees_every_team(client, sign_in, world):
    sign_in("beheerder")
    response = client.get(URL, query_string={**PERIOD_ARGS, "team": "wmo"})
    assert response.status_code == 200
    everyone = client.get(URL, query_string=PERIOD_ARGS)
    options = [o["value"] for o in _soup(everyone).select("#team option")]
    assert options[0] == "" and {"burgerzaken", "wmo"} <= set(options)
    assert ("dashboard.viewed", "allowed", "team:alle") in _audit()


def test_charts_are_images_with_title_description_and_target(client, sign_in, world):
    sign_in("beheerder")
    page = _soup(client.get(URL, query_string=PERIOD_ARGS))

    charts = page.select("svg")
    assert len(charts) >= 8
    for chart in charts:
        assert chart["role"] == "img"
        assert chart.find("title").text.strip()
        assert chart.find("desc").text.strip()
        ids = chart["aria-labelledby"].split()
        assert [chart.find(id=i) is not None for i in ids] == [True, True]
    marks_chart = page.select_one("#chart-marks")
    assert marks_chart.select_one("line.chart__target") is not None
    assert "Doel: 7,0" in marks_chart.find("desc").text
    assert page.select_one("#chart-within-norm line.chart__target") is not None
    assert page.select_one("#chart-first-contact-team line.chart__target") is not None


def test_each_chart_has_a_table_with_the_same_figures(client, sign_in, world):
    sign_in("beheerder")
    page = _soup(client.get(URL, query_string=PERIOD_ARGS))

    table = page.select_one("#table-mark-spread")
    assert table.caption.text.strip() == "Hoe vaak elk cijfer is gegeven"
    marks = [m["mark"] for m in world.marks if in_november(m["at"])]
    shown = {
        row.th.text.strip(): int(row.td.contents[-1].strip()) for row in table.select("tbody tr")
    }
    assert shown == {str(n): marks.count(n) for n in range(1, 11)}
    desc = page.select_one("#chart-mark-spread desc").text
    assert f"10: {marks.count(10)}" in desc


def test_comments_show_no_case_number(client, sign_in, world):
    sign_in("beheerder")
    page = _soup(client.get(URL, query_string=PERIOD_ARGS))
    comments = page.select(".dashboard-comments__item")
    assert comments
    numbers = [c["number"] for c in world.cases if "number" in c]
    text = " ".join(c.text for c in comments)
    assert not any(number in text for number in numbers)


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        (
            {**PERIOD_ARGS, "vanaf-day": "30", "tot-day": "1"},
            "tot",
            "De laatste dag ligt voor de eerste dag",
        ),
        ({"team": "bestaat-niet"}, "team", "Dit team kennen wij niet"),
        ({"periode": "x" * 10_000}, "periode", "Kies een periode uit de lijst"),
        ({"kanaal": "vraag\x00x"}, "kanaal", "Kies een kanaal uit de lijst"),
        ({"product": "\x00" * 50 + "a"}, "product", "Dit product kennen wij niet"),
        ({**PERIOD_ARGS, "vanaf-year": "9" * 10_000}, "vanaf", "Vul een geldig jaar in"),
        ({**PERIOD_ARGS, "vanaf-day": "9" * 10_000}, "vanaf", "Vul een geldige dag in"),
        ({"periode": "zelf-kiezen"}, "vanaf", "Vul de eerste dag van de periode in"),
        ({**PERIOD_ARGS, "vanaf-year": "2024"}, "tot", "hoogstens een jaar"),
    ],
)
def test_bad_filter_input_gets_a_message_and_defaults(client, sign_in, args, field, message):
    sign_in("teamleider")
    response = client.get(URL, query_string=args)

    assert response.status_code == 400
    page = _soup(response)
    assert message in page.select_one(".error-summary").text
    assert message in page.select_one(f"#{field}-error").text
    # The figures of the default choice: this week, the own team.
    assert "Team Burgerzaken, van 30 november 2026 tot en met 6 december 2026" in page.text
    assert page.select("svg[role=img]")


def test_a_bad_filter_on_the_csv_goes_back_to_the_page(client, sign_in):
    sign_in("teamleider")
    response = client.get(f"{URL}export/cijfers.csv", query_string={"kanaal": "nope"})
    assert response.status_code == 302
    assert client.get(f"{URL}export/onbekend.csv").status_code == 404


def _csv(response) -> list[list[str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_of_the_marks(client, sign_in, world):
    sign_in("beheerder")
    response = client.get(f"{URL}export/cijfers.csv", query_string=PERIOD_ARGS)

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition == 'attachment; filename="dashboard-cijfers-2026-11-01-2026-11-30.csv"'
    rows = _csv(response)
    assert rows[0] == ["Tabel", "Rij", "Kolom", "Waarde"]
    marks = [m["mark"] for m in world.marks if in_november(m["at"])]
    assert ["Kerncijfers", "Aantal cijfers", "Waarde", str(len(marks))] in rows
    spread = {r[1]: r[3] for r in rows if r[0] == "Hoe vaak elk cijfer is gegeven"}
    assert spread == {str(n): str(marks.count(n)) for n in range(1, 11)}
    comments = [r[3] for r in rows if r[0] == "Opmerkingen van inwoners" and r[2] == "Opmerking"]
    assert '\'=HYPERLINK("x")' in comments
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert ("dashboard.exported", "allowed", "cijfers:team:alle") in _audit()


def test_csv_of_the_norms_for_the_own_team(client, sign_in, world):
    sign_in("teamleider")
    rows = _csv(client.get(f"{URL}export/termijnen.csv", query_string=PERIOD_ARGS))

    closed = [
        c
        for c in world.cases
        if c["team"] == "burgerzaken" and c["closed"] and in_november(c["closed"]) and c["expected"]
    ]
    per_product = {
        r[1]: int(r[3]) for r in rows if r[0].startswith("Zaken op tijd") and r[2] == "Afgerond"
    }
    assert sum(per_product.values()) == len(closed)


def test_a_team_leader_without_a_team_gets_a_calm_refusal(client, sign_in, monkeypatch):
    monkeypatch.setattr(views, "teams_visible_to", lambda principal: [])
    sign_in("teamleider")
    response = client.get(URL)

    assert response.status_code == 403
    assert "U hoort nog niet bij een team" in response.get_data(as_text=True)
    assert ("dashboard.no_team", "refused", URL) in _audit()
