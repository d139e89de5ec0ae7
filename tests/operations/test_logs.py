"""Logs: one JSON object a line, the request id on every line and on the response, no query
strings, no BSN."""

import io
import json
import logging

import pytest

from portal.operations import logs

BSN = "999993653"  # passes the 11-proof


@pytest.fixture
def log_lines(app):
    """The app's log as production writes it (LOG_FORMAT=json); returns a reader."""
    stream = io.StringIO()
    handler = logs.configure_logging("json", stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logging.getLogger().removeHandler(handler)


def _access_lines(lines: list[dict]) -> list[dict]:
    return [line for line in lines if line["logger"] == logs.ACCESS_LOGGER]


def test_each_request_ends_with_one_json_access_line(client, log_lines):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-4f2a-0001"})

    assert response.headers["X-Request-ID"] == "lb-4f2a-0001"
    [line] = _access_lines(log_lines())
    assert line["request_id"] == "lb-4f2a-0001"
    assert line["method"] == "GET"
    assert line["path"] == "/healthz"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["level"] == "INFO"
    assert line["time"].endswith("+00:00")
    assert line["message"].startswith("GET /healthz 200 ")


def test_the_query_string_is_never_logged(client, log_lines):
    client.get("/zoeken?q=mijn+geheime+vraag")
    output = json.dumps(log_lines())
    assert "geheime" not in output
    [line] = _access_lines(log_lines())
    assert line["path"] == "/zoeken"


@pytest.mark.parametrize("given", ["a" * 65, "id met spaties", 'x", "level": "ERROR', ""])
def test_an_odd_request_id_is_replaced_by_a_new_one(client, log_lines, given):
    response = client.get("/healthz", headers={"X-Request-ID": given})
    request_id = response.headers["X-Request-ID"]
    assert request_id != given
    assert len(request_id) == 32
    assert _access_lines(log_lines())[0]["request_id"] == request_id


def test_lines_logged_during_a_request_carry_its_id(app, client, log_lines):
    @app.get("/log-probe")
    def log_probe():
        logging.getLogger("portal.probe").warning("probe")
        return "ok"

    response = client.get("/log-probe")
    [probe] = [line for line in log_lines() if line["logger"] == "portal.probe"]
    assert probe["request_id"] == response.headers["X-Request-ID"]
    assert probe["level"] == "WARNING"


def test_a_bsn_in_a_message_or_its_arguments_is_masked(log_lines):
    log = logging.getLogger("portal.probe")
    log.info("zaak voor %s aangemaakt", BSN)
    log.info(f"bsn {BSN[:4]}.{BSN[4:6]}.{BSN[6:]} gevonden")
    try:
        raise ValueError(f"onbekend BSN {BSN}")
    except ValueError:
        log.exception("mislukt")

    lines = log_lines()
    assert [line["message"] for line in lines[:2]] == [
        "zaak voor [bsn] aangemaakt",
        "bsn [bsn] gevonden",
    ]
    assert "onbekend BSN [bsn]" in lines[2]["exception"]
    assert BSN not in json.dumps(lines)


def test_a_bsn_in_the_path_is_masked(client, log_lines):
    client.get(f"/zaken/{BSN}")
    [line] = _access_lines(log_lines())
    assert line["path"] == "/zaken/[bsn]"


@pytest.mark.parametrize(
    ("text", "logged"),
    [
        ("12345678 en 123456789", "[bsn] en [bsn]"),  # any run of 8 or 9 digits
        ("999 99 3653", "[bsn]"),  # grouped, passes the 11-proof
        ("123 45 6789", "123 45 6789"),  # grouped, fails it
        ("bel 0612345678 of kom op 2026-12-03", "bel 0612345678 of kom op 2026-12-03"),
    ],
)
def test_what_is_masked(text, logged):
    assert logs.mask_bsn(text) == logged


def test_text_format_carries_the_request_id(app, client):
    stream = io.StringIO()
    handler = logs.configure_logging("text", stream)
    try:
        response = client.get("/healthz")
    finally:
        logging.getLogger().removeHandler(handler)
    assert f"[{response.headers['X-Request-ID']}] GET /healthz 200" in stream.getvalue()
