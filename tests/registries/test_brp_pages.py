"""Sign-in and Mijn gegevens with REGISTRY_BACKEND=http against the contract-true local BRP
(brp_server.py): a spec-valid answer shows, an answer of another shape costs the personal
data only ("Wij kunnen de gegevens nu niet ophalen"), never the sign-in, cases or messages."""

import logging
import re

import pytest

from tests.registries.brp_server import BrpServer
from tests.support.auth import sign_in

FATIMA = "999990007"
UNAVAILABLE = "Wij kunnen de gegevens nu niet ophalen"


@pytest.fixture(scope="module")
def server():
    running = BrpServer().start()
    yield running
    running.stop()


@pytest.fixture
def brp(app, server):
    server.reset()
    app.config.update(
        {
            "REGISTRY_BACKEND": "http",
            "REGISTRY_TIMEOUT_SECONDS": 2.0,
            "REGISTRY_ORIGIN_OIN": "00000001999999999000",
            "BRP_API_URL": f"{server.url}/brp",
            "BRP_API_KEY": "brp-key",
        }
    )
    yield server
    server.reset()


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())


def test_mijn_gegevens_shows_what_the_contract_true_brp_says(client, brp):
    assert sign_in(client, "inwoner").status_code in (302, 303)
    page = text_of(client.get("/mijn-gegevens"))
    assert "Fatima el Amrani" in page and UNAVAILABLE not in page
    assert "Youssef el Amrani" in page
    assert brp.refusals == []  # every request the sign-in and the page sent was valid
    assert len(brp.requests) >= 2


@pytest.mark.parametrize(
    "odd",
    [
        lambda answer: {
            **answer,
            "personen": [{**p, "naam": [p["naam"]]} for p in answer["personen"]],
        },
        lambda answer: answer["personen"],
        lambda answer: {
            **answer,
            "personen": [
                {
                    **p,
                    "geboorte": {
                        "datum": {"type": "Datum", "langFormaat": "x", "datum": "14-3-1985"}
                    },
                }
                for p in answer["personen"]
            ],
        },
    ],
    ids=["list-for-object", "list-for-answer", "date-not-iso"],
)
def test_an_odd_answer_costs_the_personal_data_not_the_sign_in(client, brp, caplog, odd):
    brp.odd = odd
    with caplog.at_level(logging.WARNING):
        signed_in = sign_in(client, "inwoner")
        assert signed_in.status_code in (302, 303)
        assert "/inloggen" not in signed_in.location
        response = client.get("/mijn-gegevens")
    assert response.status_code == 200
    page = text_of(response)
    assert UNAVAILABLE in page and "Contactgegevens" in page
    assert client.get("/mijn-zaken").status_code == 200
    assert client.get("/berichten").status_code == 200
    # The adapter (a wrong shape) or the transport (no JSON object at all) says what was wrong.
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("portal.registries.http")]
    assert lines
    assert not any(FATIMA in r.getMessage() for r in caplog.records)
