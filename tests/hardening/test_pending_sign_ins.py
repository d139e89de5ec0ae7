"""Sign-ins that are started and never finished must not grow the session cookie: browsers
drop a cookie over 4 KB, and with it every page's session."""

from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import requests

STARTS = 30


def session_cookie_size(response) -> int:
    sizes = []
    for header in response.headers.getlist("Set-Cookie"):
        cookie = SimpleCookie()
        cookie.load(header)
        sizes += [len(morsel.value) for name, morsel in cookie.items() if "session" in name]
    [size] = sizes
    return size


def answer_provider(authorize_url: str, persona_id: str) -> str:
    with requests.Session() as browser:
        browser.get(authorize_url, timeout=10)
        answer = browser.post(
            authorize_url,
            data={"persoon": persona_id, "actie": "inloggen"},
            allow_redirects=False,
            timeout=10,
        )
    return answer.headers["Location"]


def test_thirty_unfinished_sign_ins_keep_the_cookie_small_and_the_last_one_works(client):
    sizes = []
    for _ in range(STARTS):
        started = client.get("/inloggen/digid")
        assert started.status_code == 302
        sizes.append(session_cookie_size(started))
    assert max(sizes) < 2048, sizes

    back = urlsplit(answer_provider(started.headers["Location"], "inwoner"))
    finished = client.get(f"{back.path}?{back.query}")
    assert finished.status_code == 302
    assert finished.headers["Location"].endswith("/mijn-overzicht")


def test_a_sign_in_started_in_another_tab_just_before_still_works(client):
    first = client.get("/inloggen/digid").headers["Location"]
    client.get("/medewerkers/inloggen/start")

    back = urlsplit(answer_provider(first, "inwoner"))
    finished = client.get(f"{back.path}?{back.query}")
    assert finished.headers["Location"].endswith("/mijn-overzicht")
