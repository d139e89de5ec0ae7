"""The public pages and error pages speak plain Dutch (B1): easy to read, short sentences,
no officialese. Measured on what the visitor sees in the main landmark."""

import re

import pytest
from bs4 import BeautifulSoup
from flask import abort

from tests.catalog.test_texts import (
    MAX_SENTENCE_WORDS,
    MIN_READING_EASE,
    OFFICIALESE,
    reading_ease,
    sentences,
)

PAGES = ["/", "/toegankelijkheid", "/privacy", "/contact", "/bestaat-niet"]
ERROR_CODES = [400, 403, 405, 413, 429, 500]


@pytest.fixture
def error_routes(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def fail(code: int):
        if code == 500:
            raise RuntimeError("broken")
        abort(code)

    app.add_url_rule("/test/fout/<int:code>", "test_fail", fail)
    app.add_url_rule("/test/formulier", "test_form", lambda: "ok", methods=["POST"])
    return app


def visible_texts(response) -> list[str]:
    main = BeautifulSoup(response.get_data(as_text=True), "html.parser").main
    return [
        " ".join(element.get_text(" ", strip=True).split())
        for element in main.find_all(["h1", "h2", "p", "li", "dt"])
        if element.get_text(strip=True)
    ]


def assert_plain_dutch(texts: list[str]) -> None:
    long = [s for text in texts for s in sentences(text) if len(s.split()) > MAX_SENTENCE_WORDS]
    assert long == []
    words = " ".join(texts).lower()
    assert [
        word for word in OFFICIALESE if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", words)
    ] == []
    assert reading_ease(" ".join(texts)) >= MIN_READING_EASE


@pytest.mark.parametrize("path", PAGES)
def test_page_is_plain_dutch(client, path):
    assert_plain_dutch(visible_texts(client.get(path)))


@pytest.mark.parametrize("code", ERROR_CODES)
def test_error_page_is_plain_dutch(error_routes, client, code):
    assert_plain_dutch(visible_texts(client.get(f"/test/fout/{code}")))


def test_expired_form_page_is_plain_dutch(error_routes, client):
    response = client.post("/test/formulier", data={"omschrijving": "De lamp is kapot."})

    assert response.status_code == 400
    assert_plain_dutch(visible_texts(response))
