"""Who may use the back office: only staff with the case_handler role, only their team."""

import pytest

from portal.extensions import db


def _backoffice_urls(app, number: str) -> list[tuple[str, str]]:
    urls = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("backoffice."):
            continue
        values = {"number": number, "document_id": 1}
        path = rule.build(values, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            urls.append((method, path))
    return urls


def test_every_back_office_route_is_declared(app):
    assert len(_backoffice_urls(app, "Z-1")) >= 17


@pytest.mark.parametrize(
    ("who", "refused_with"),
    [(None, 302), ("inwoner", 403), ("ondernemer", 403), ("redacteur", 403)],
)
def test_only_case_handlers_get_in(app, client, sign_in, new_case, who, refused_with):
    case = new_case()
    db.session.commit()
    if who:
        sign_in(who)
    app.config["WTF_CSRF_ENABLED"] = False  # reach the guard, not the CSRF check
    for method, path in _backoffice_urls(app, case.number):
        response = client.open(path, method=method)
        assert response.status_code == refused_with, (method, path, response.status_code)
    db.session.refresh(case)
    assert case.events[-1].action == "created"  # nothing happened to the case


def test_a_handler_of_another_team_cannot_act_on_the_case(client, sign_in, new_case, audit):
    case = new_case()
    db.session.commit()
    sign_in("behandelaar-wmo")
    assert case.number not in client.get("/medewerkers/zaken").get_data(as_text=True)
    response = client.post_form(
        f"/medewerkers/zaken/{case.number}/aan-mij", page="/medewerkers/zaken"
    )
    assert response.status_code == 404
    db.session.refresh(case)
    assert case.handler_name is None
    assert ("backoffice.case_refused", "refused", case.number) in audit


def test_a_case_of_another_team_does_not_exist_for_the_handler(client, sign_in, new_case, audit):
    case = new_case("parkeervergunning-bewoners")
    db.session.commit()
    sign_in("behandelaar")

    assert client.get(f"/medewerkers/zaken/{case.number}").status_code == 404
    assert client.get("/medewerkers/zaken/Z-2000-000001").status_code == 404
    assert ("backoffice.case_refused", "refused", case.number) in audit


def test_an_administrator_may_open_every_team(client, sign_in, new_case):
    case = new_case("parkeervergunning-bewoners")
    db.session.commit()
    sign_in("beheerder")

    queue = client.get("/medewerkers/zaken?team=parkeren")
    assert case.number in queue.get_data(as_text=True)
    assert client.get(f"/medewerkers/zaken/{case.number}").status_code == 200
