"""How the registers are reached: OAuth2 client credentials, mutual TLS, pooled connections,
and every kind of failure told apart, logged without personal data."""

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from portal.devtools.smtp_catcher import free_port
from portal.registries.base import (
    RegistryAccessDenied,
    RegistryAnswerInvalid,
    RegistryRefusedRequest,
    RegistryUnavailable,
)
from portal.registries.http import connection, oauth
from portal.registries.http.client import Client, _Client
from portal.registries.http.connection import Settings
from tests.registries.transport_server import JSON, PROBLEM, Certificates, ScriptedServer
from tests.support.auth import sign_in

TIMEOUT = 2.0
BSN = "999990007"


@pytest.fixture(autouse=True)
def fresh_process_state():
    oauth.forget_all()
    yield
    oauth.forget_all()
    connection.close_sessions()


@pytest.fixture
def server():
    running = ScriptedServer()
    yield running
    running.stop()


def oauth_settings(server: ScriptedServer, **overrides) -> Settings:
    values = {
        "token_url": f"{server.url}/token",
        "client_id": "mijngemeente",
        "client_secret": "s3cret-value",
        "scope": "brp.read",
    }
    return Settings(**(values | overrides))


def register_client(server, settings: Settings | None = None, register: str = "brp") -> Client:
    return Client(register, server.url, {"X-Api-Key": "key"}, TIMEOUT, settings or Settings())


# OAuth2 client credentials


def test_a_token_is_fetched_with_client_credentials_and_sent_as_bearer(server):
    answer = register_client(server, oauth_settings(server)).json("GET", "/echo")
    assert answer["authorization"] == "Bearer token-1"
    [asked] = server.requests_to("/token")
    assert asked["form"] == {"grant_type": "client_credentials", "scope": "brp.read"}
    assert asked["headers"]["Authorization"].startswith("Basic ")


def test_the_secret_goes_in_the_form_when_the_token_endpoint_wants_it_there(server):
    register_client(server, oauth_settings(server, client_auth="post")).json("GET", "/echo")
    [asked] = server.requests_to("/token")
    assert asked["form"]["client_id"] == "mijngemeente"
    assert asked["form"]["client_secret"] == "s3cret-value"
    assert "Authorization" not in asked["headers"]


def test_the_token_is_kept_until_shortly_before_it_expires(server, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(oauth, "_now", lambda: clock[0])
    server.expires_in = 300
    settings = oauth_settings(server)
    for _ in range(3):  # a new client per lookup, as the services make them
        assert (
            register_client(server, settings).json("GET", "/echo")["authorization"]
            == "Bearer token-1"
        )
    clock[0] += 300 - oauth.MARGIN_SECONDS - 1
    assert (
        register_client(server, settings).json("GET", "/echo")["authorization"] == "Bearer token-1"
    )
    clock[0] += 2
    assert (
        register_client(server, settings).json("GET", "/echo")["authorization"] == "Bearer token-2"
    )
    assert len(server.requests_to("/token")) == 2


def test_threads_wait_for_one_token_instead_of_each_asking(server):
    server.token_delay = 0.3
    settings = oauth_settings(server)
    seen = []

    def look_up():
        seen.append(register_client(server, settings).json("GET", "/echo")["authorization"])

    threads = [threading.Thread(target=look_up) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == ["Bearer token-1"] * 6
    assert len(server.requests_to("/token")) == 1


def test_a_revoked_token_is_replaced_once(server):
    server.answer("/personen", (401, {"title": "token revoked"}, PROBLEM), (200, {"ok": 1}, JSON))
    assert register_client(server, oauth_settings(server)).json("GET", "/personen") == {"ok": 1}
    used = [seen["headers"]["Authorization"] for seen in server.requests_to("/personen")]
    assert used == ["Bearer token-1", "Bearer token-2"]


def test_a_token_refused_again_is_access_denied_without_more_tries(server):
    server.answer("/personen", (401, {"title": "Unauthorized"}, PROBLEM))
    with pytest.raises(RegistryAccessDenied):
        register_client(server, oauth_settings(server)).json("GET", "/personen")
    assert len(server.requests_to("/personen")) == 2
    assert len(server.requests_to("/token")) == 2


def test_a_refusing_token_endpoint_is_access_denied_and_its_secret_is_not_logged(server, caplog):
    server.answer("/token", (401, {"error": "invalid_client"}, JSON))
    with pytest.raises(RegistryAccessDenied) as raised:
        register_client(server, oauth_settings(server)).json("GET", "/personen")
    assert "invalid_client" in raised.value.reason
    assert server.requests_to("/personen") == []
    assert "invalid_client" in caplog.text
    assert "s3cret-value" not in caplog.text


def test_a_token_endpoint_that_is_down_is_tried_twice_then_unavailable(server):
    server.answer("/token", (503, {"error": "temporarily_unavailable"}, JSON))
    with pytest.raises(RegistryUnavailable) as raised:
        register_client(server, oauth_settings(server)).json("GET", "/personen")
    assert type(raised.value) is RegistryUnavailable  # try later, not a set-up problem
    assert len(server.requests_to("/token")) == 2


def test_settings_come_from_the_app_config_by_register_name(app, server):
    app.config.update(
        {
            "KVK_OAUTH_TOKEN_URL": f"{server.url}/token",
            "KVK_OAUTH_CLIENT_ID": "mijngemeente",
            "KVK_OAUTH_CLIENT_SECRET": "s3cret-value",
        }
    )
    assert _Client("kvk", server.url, {}, TIMEOUT).json("GET", "/echo")["authorization"] == (
        "Bearer token-1"
    )
    assert _Client("bag", server.url, {}, TIMEOUT).json("GET", "/echo")["authorization"] == ""


def test_a_register_of_its_own_ca_bundle_wins_over_the_shared_one():
    config = {"REGISTRY_CA_BUNDLE": "/etc/shared.pem", "KVK_CA_BUNDLE": "/etc/pkioverheid.pem"}
    assert Settings.from_config("kvk", config).verify == "/etc/pkioverheid.pem"
    assert Settings.from_config("brp", config).verify == "/etc/shared.pem"
    assert Settings.from_config("bag", {}).verify is True


# Answers told apart


def test_a_400_is_our_bug_logged_with_names_and_reasons_never_values(server, caplog):
    problem = {
        "type": "https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1",
        "title": "Een of meerdere parameters zijn niet correct.",
        "status": 400,
        "detail": f"De foutieve parameter(s) zijn: burgerservicenummer[0] {BSN}.",
        "code": "paramsValidation",
        "invalidParams": [
            {
                "name": "burgerservicenummer[0]",
                "code": "pattern",
                "reason": f"Waarde {BSN} voldoet niet aan patroon ^[0-9]{{9}}$.",
            },
            {
                "name": "fields[3]",
                "code": "field",
                "reason": "Parameter bevat een niet bestaande veldnaam.",
            },
        ],
    }
    server.answer("/personen", (400, problem, PROBLEM))
    with caplog.at_level(logging.INFO), pytest.raises(RegistryRefusedRequest):
        register_client(server).json("POST", "/personen", json={"burgerservicenummer": [BSN]})
    assert len(server.requests_to("/personen")) == 1  # asking again will not help
    assert "paramsValidation" in caplog.text
    assert "burgerservicenummer[0]: pattern" in caplog.text
    assert "fields[3]: field Parameter bevat een niet bestaande veldnaam." in caplog.text
    assert BSN not in caplog.text


@pytest.mark.parametrize("status", [401, 403])
def test_401_and_403_are_a_set_up_problem_and_not_retried(server, status):
    server.answer("/v1/basisprofielen/90001234", (status, {"fout": []}, JSON))
    with pytest.raises(RegistryAccessDenied):
        register_client(server, register="kvk").json("GET", "/v1/basisprofielen/90001234")
    assert len(server.seen) == 1


def test_a_404_of_the_api_means_not_known(server):
    server.answer("/v1/basisprofielen/90009999", (404, {"fout": [{"code": "IPD0004"}]}, JSON))
    assert (
        register_client(server, register="kvk").json("GET", "/v1/basisprofielen/90009999") is None
    )


def test_a_404_web_page_means_a_wrong_url_not_an_unknown_person(server):
    server.answer("/personen", (404, "<html><h1>Not Found</h1></html>", "text/html"))
    with pytest.raises(RegistryAnswerInvalid):
        register_client(server).json("POST", "/personen", json={})


@pytest.mark.parametrize(
    "answer",
    [
        (200, "<html>gateway login</html>", "text/html"),
        (200, "[1, 2]", JSON),
        (302, "", "text/plain"),
    ],
    ids=["html", "list", "redirect"],
)
def test_an_answer_that_is_no_api_answer_is_invalid(server, answer):
    server.answer("/adressen", answer)
    with pytest.raises(RegistryAnswerInvalid):
        register_client(server, register="bag").json("GET", "/adressen")


def test_a_link_to_another_host_is_not_followed(server):
    with pytest.raises(RegistryAnswerInvalid):
        register_client(server, register="bag").json(
            "GET", "https://elsewhere.example/adressen?page=2"
        )
    assert server.seen == []


def test_a_broken_register_is_tried_twice_and_logged_without_the_query(server, caplog):
    server.answer("/adressen", (503, "unavailable", "text/plain"))
    params = {"postcode": "9999AA", "huisnummer": 12}
    with pytest.raises(RegistryUnavailable) as raised:
        register_client(server, register="bag").json("GET", "/adressen", params=params)
    assert type(raised.value) is RegistryUnavailable
    assert len(server.seen) == 2
    unreachable = Client("bag", f"http://127.0.0.1:{free_port()}", {}, TIMEOUT, Settings())
    with pytest.raises(RegistryUnavailable):
        unreachable.json("GET", "/adressen", params=params)
    ours = " ".join(r.getMessage() for r in caplog.records if r.name.startswith("portal."))
    assert "bag" in ours and "HTTP 503" in ours and "ConnectionError" in ours
    assert "9999AA" not in ours and "huisnummer" not in ours


def test_empty_headers_are_not_sent(server):
    Client("brp", server.url, {"X-Api-Key": "", "x-origin-oin": ""}, TIMEOUT, Settings()).json(
        "GET", "/echo"
    )
    headers = {name.lower() for name in server.seen[-1]["headers"]}
    assert "x-api-key" not in headers and "x-origin-oin" not in headers


class _KeepAliveEcho(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # werkzeug's server closes every connection; this one not

    def do_GET(self):
        body = json.dumps({"port": self.client_address[1]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", JSON)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_connections_are_kept_alive_and_shared_by_the_clients_of_a_register():
    port = free_port()
    echo = ThreadingHTTPServer(("127.0.0.1", port), _KeepAliveEcho)
    threading.Thread(target=echo.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{port}"
        ports = {
            Client("brp", url, {}, TIMEOUT, Settings()).json("GET", "/")["port"] for _ in range(3)
        }
    finally:
        echo.shutdown()
        echo.server_close()
    assert len(ports) == 1
    brp, kvk = (Client(name, url, {}, TIMEOUT, Settings(pool_size=4)) for name in ("brp", "kvk"))
    assert brp.session is not kvk.session
    assert brp.session.get_adapter(url)._pool_maxsize == 4


# Mutual TLS


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    return Certificates(tmp_path_factory.mktemp("certificates"))


@pytest.fixture
def tls_server(certificates):
    running = ScriptedServer(ssl_context=certificates.server_context())
    yield running
    running.stop()


def test_with_our_client_certificate_the_register_answers(tls_server, certificates):
    settings = Settings(
        cert=certificates.client_cert,
        key=certificates.client_key,
        ca_bundle=certificates.ca_bundle,
    )
    assert register_client(tls_server, settings).json("GET", "/echo")["authorization"] == ""


def test_without_a_client_certificate_the_call_fails(tls_server, certificates):
    # The server ends the handshake. Mostly that reaches us as a bare EOF, which looks like a
    # network drop: tried once more, then plain RegistryUnavailable. When its "certificate
    # required" alert arrives first it is RegistryAccessDenied at once. Either way: no data,
    # and the page says "could not fetch now".
    with pytest.raises(RegistryUnavailable):
        register_client(tls_server, Settings(ca_bundle=certificates.ca_bundle)).json("GET", "/echo")
    assert tls_server.seen == []


@pytest.mark.parametrize("bundle", ["other", "missing"])
def test_a_wrong_or_missing_ca_bundle_fails_closed(tls_server, certificates, monkeypatch, bundle):
    # The environment's CA bundle trusts the server; it must not replace our setting.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", certificates.ca_bundle)
    settings = Settings(
        cert=certificates.client_cert,
        key=certificates.client_key,
        ca_bundle=certificates.other_bundle if bundle == "other" else "/nonexistent/ca.pem",
    )
    with pytest.raises(RegistryAccessDenied):
        register_client(tls_server, settings).json("GET", "/echo")
    assert tls_server.seen == []


def test_a_token_endpoint_behind_mutual_tls_identifies_us_by_certificate(tls_server, certificates):
    settings = Settings(
        token_url=f"{tls_server.url}/token",
        client_id="mijngemeente",
        cert=certificates.client_cert,
        key=certificates.client_key,
        ca_bundle=certificates.ca_bundle,
    )
    assert (
        register_client(tls_server, settings).json("GET", "/echo")["authorization"]
        == "Bearer token-1"
    )
    [asked] = tls_server.requests_to("/token")
    assert asked["form"]["client_id"] == "mijngemeente"
    assert "Authorization" not in asked["headers"]


# What the resident sees


@pytest.mark.parametrize(
    "answer",
    [
        (400, {"title": "fout", "invalidParams": []}, PROBLEM),
        (403, {"title": "Forbidden"}, PROBLEM),
        (200, "<html></html>", "text/html"),
        (404, "<html></html>", "text/html"),
        (503, "down", "text/plain"),
    ],
    ids=["400", "403", "not-json", "html-404", "503"],
)
def test_every_kind_of_failure_reads_could_not_fetch_never_not_found(
    client, demo_data, server, answer
):
    sign_in(client, "inwoner")
    demo_data.config.update(
        {"REGISTRY_BACKEND": "http", "BRP_API_URL": server.url, "BRP_API_KEY": "key"}
    )
    server.answer("/personen", answer)
    html = client.get("/mijn-gegevens").get_data(as_text=True)
    assert 'id="niet-beschikbaar"' in html
    assert 'id="niet-gevonden"' not in html


def test_a_company_the_register_does_not_know_is_said_plainly(client, demo_data, server):
    sign_in(client, "ondernemer")
    demo_data.config.update(
        {"REGISTRY_BACKEND": "http", "KVK_API_URL": server.url, "KVK_API_KEY": "key"}
    )
    html = client.get("/mijn-gegevens/bedrijf").get_data(as_text=True)  # every path: API 404
    assert 'id="niet-gevonden"' in html
    assert 'id="niet-beschikbaar"' not in html
