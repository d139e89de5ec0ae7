"""Helpers for the "Stel uw vraag" tests: the catalogue loaded, and a client that asks a
question the way a person does (the form, the check page, send)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.cases.models import Case
from portal.catalog import demo as catalog_demo
from portal.extensions import db
from portal.registries import demo as registries_demo
from portal.reports import antibot

QUESTION = "Mag ik een dakkapel bouwen aan de voorkant van mijn huis?"


@pytest.fixture
def catalogue(app):
    registries_demo.load()
    catalog_demo.load()
    db.session.commit()
    return app


@pytest.fixture
def patient(monkeypatch):
    """The post comes long after the page was shown, as when a person types."""
    monkeypatch.setattr(antibot, "MIN_SECONDS", 0)


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text_of(response) -> str:
    return " ".join(soup(response).stripped_strings)


def hidden_fields(response) -> dict:
    """The hidden fields of the page's last POST form (the check page carries the answers)."""
    form = soup(response).find_all("form", method="post")[-1]
    return {
        field["name"]: field.get("value", "")
        for field in form.find_all("input")
        if field.get("type") == "hidden" or field.get("name") == "website"
    }


def answers(**changes) -> dict:
    return {
        "onderwerp": "weet-niet",
        "vraag": QUESTION,
        "kanaal": "email",
        "email": "vrager@voorbeeld.example",
        "telefoon": "",
        **changes,
    }


def to_check_page(client, **changes):
    """GET /vraag, POST the answers; returns the response (the check page when valid)."""
    page = client.get("/vraag")
    fields = hidden_fields(page)
    return client.post("/vraag", data={**fields, **answers(**changes)})


def send(client, **changes):
    check = to_check_page(client, **changes)
    assert check.status_code == 200, text_of(check)[:500]
    return client.post("/vraag/versturen", data=hidden_fields(check))


def all_cases() -> list[Case]:
    db.session.expire_all()
    return list(db.session.scalars(select(Case).order_by(Case.id)))
